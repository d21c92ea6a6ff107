// Every lesson's "Try:" step can be done in the lab (issue 18: lessons asked for a width field that did
// not exist): the experiment it names shows the control it asks for, and the value it suggests is a
// valid spec. A new "Try:" step without an entry here fails, so the table stays complete.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readNotebookFile, type Notebook } from '../notebook/index.ts';
import { parseSpec } from '../protocol/index.ts';
import { SHOWN_WHEN, specSections } from '../shared/specFields.ts';

const FOLDER = new URL('../../public/lessons/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', FOLDER), 'utf8')) as { lessons: { file: string }[] };

interface TryStep {
  /** The words of the step, as the lesson says them. */
  says: string;
  /** The experiment it applies to (its cell title, else its spec's name). */
  experiment: string;
  /** Form fields the user changes, with the values the step suggests. */
  changes: Record<string, unknown>;
  /** A word the step and each control's label share, so the user can find the control. */
  word: RegExp;
}

const TRY_STEPS: Record<string, TryStep[]> = {
  'lesson-1-task-affinity.tasklab.json': [
    {
      says: 'widen the trunk to 64 units',
      experiment: 'Planted clusters, narrow trunk',
      changes: { 'model.hidden': [64] },
      word: /trunk/i,
    },
  ],
  'lesson-2-grouping-branching.tasklab.json': [
    {
      says: 'widen the blocks',
      experiment: 'Planted clusters, 8-unit blocks',
      changes: { 'model.hidden': [32] },
      word: /width/i,
    },
  ],
  'lesson-3-router.tasklab.json': [
    {
      says: 'set α to 0 in the top-2 experiment',
      experiment: 'Language model, top-2 router',
      changes: { 'model.balanceWeight': 0 },
      word: /α/,
    },
  ],
  'lesson-5-expert-health.tasklab.json': [
    {
      says: 'switch off everything but *Expert normalisation + Swish*',
      experiment: 'HoME, all four fixes',
      changes: {
        'model.hierarchyMask': false,
        'model.featureGate': false,
        'model.selfGate': false,
        'model.expertNorm': true,
      },
      word: /mask|gate|normalisation/i,
    },
  ],
};

function readLesson(file: string): Notebook {
  const result = readNotebookFile(readFileSync(new URL(file, FOLDER), 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${result.error}`);
  return result.notebook;
}

/** Sets `value` at a dotted path of a plain object (a copy). */
function withValue(spec: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  return {
    ...spec,
    [head]: rest.length ? withValue(spec[head] as Record<string, unknown>, rest.join('.'), value) : value,
  };
}

describe('lesson "Try:" steps', () => {
  it.each(index.lessons.map((l) => [l.file] as const))(
    '%s: every step names a control its experiment shows, and its value is valid',
    (file) => {
      const notebook = readLesson(file);
      const texts = notebook.cells.flatMap((c) => (c.kind === 'markdown' ? [c.text] : []));
      const said = texts.flatMap((t) => [...t.matchAll(/\*Try:\*([^\n]*)/g)].map((m) => m[1]));
      const steps = TRY_STEPS[file] ?? [];
      expect(said.length, 'a "Try:" step without an entry in TRY_STEPS').toBe(steps.length);
      for (const step of steps) {
        expect(
          said.some((s) => s.includes(step.says)),
          step.says,
        ).toBe(true);
        const cell = notebook.cells.find(
          (c) => c.kind === 'experiment' && (c.title ?? c.spec.name) === step.experiment,
        );
        if (cell?.kind !== 'experiment') throw new Error(`${file}: no experiment "${step.experiment}"`);
        const fields = specSections(cell.spec).flatMap((s) => s.fields);
        let spec = cell.spec as unknown as Record<string, unknown>;
        for (const [path, value] of Object.entries(step.changes)) {
          const field = fields.find((f) => f.path.join('.') === path);
          expect(field, `${step.experiment}: no control for ${path}`).toBeDefined();
          expect(field!.label, path).toMatch(step.word);
          expect(SHOWN_WHEN[path]?.(cell.spec) ?? true, `${path} is hidden`).toBe(true);
          spec = withValue(spec, path, value);
        }
        const parsed = parseSpec(spec);
        expect(parsed.ok ? [] : parsed.errors).toEqual([]);
      }
    },
  );
});
