// The lesson notebooks shipped in public/lessons/: listed in the index, valid against the notebook
// schema, and shaped as guided lessons (question before the first run, "what you should see" after).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readNotebookFile, type Notebook } from '../notebook/index.ts';
import { isPresenterControl } from './presenterControls.ts';

const FOLDER = new URL('../../public/lessons/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', FOLDER), 'utf8')) as {
  lessons: { file: string; title: string; draft?: boolean }[];
};

function readLesson(file: string): Notebook {
  const result = readNotebookFile(readFileSync(new URL(file, FOLDER), 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${result.error}`);
  return result.notebook;
}

describe('lesson notebooks', () => {
  it('the index lists every lesson file, and only those, with its title', () => {
    const files = readdirSync(FOLDER)
      .filter((f) => f.endsWith('.tasklab.json'))
      .sort();
    expect(index.lessons.map((l) => l.file).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const lesson of index.lessons) expect(readLesson(lesson.file).title).toBe(lesson.title);
  });

  it.each(index.lessons.map((l) => [l.file, l] as const))('%s validates and is a guided sequence', (file, lesson) => {
    const notebook = readLesson(file);
    const kinds = notebook.cells.map((c) => c.kind);
    const firstExperiment = kinds.indexOf('experiment');
    const lastExperiment = kinds.lastIndexOf('experiment');
    expect(firstExperiment).toBeGreaterThan(0);
    const texts = notebook.cells.map((c) => (c.kind === 'markdown' ? c.text : ''));
    expect(texts.slice(0, firstExperiment).join('\n')).toMatch(/Before you (press Start|look)/);
    // Buttons by the names they have: an experiment starts with "Start" (issue 18: the text said "Run").
    for (const text of texts) expect(text).not.toMatch(/\bpress (\*\*)?Run\b(?! all)/);
    expect(texts.slice(lastExperiment + 1).join('\n')).toMatch(/What you should see/);
    // Every view is bound to an experiment cell of the same lesson.
    const ids = new Set(notebook.cells.filter((c) => c.kind === 'experiment').map((c) => c.id));
    for (const cell of notebook.cells)
      if (cell.kind === 'view' && cell.source.type === 'cell') expect(ids.has(cell.source.cellId), cell.id).toBe(true);
    for (const id of notebook.presentation?.hiddenControls ?? []) expect(isPresenterControl(id), id).toBe(true);
    if (!lesson.draft) expect(notebook.title).not.toMatch(/draft/i);
  });

  it('lessons 1 and 3 carry the views they teach with', () => {
    const charts = (file: string) => readLesson(file).cells.flatMap((c) => (c.kind === 'view' ? [c.chart] : []));
    expect(charts('lesson-1-task-affinity.tasklab.json')).toEqual(expect.arrayContaining(['curves', 'affinity']));
    expect(charts('lesson-3-router.tasklab.json')).toContain('routing');
  });
});
