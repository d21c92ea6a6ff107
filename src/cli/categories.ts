// `tasklab run --categories groups.json`: HoME's meta-categories from the lab's own task grouping (the
// output of `tasklab group`, `{"assignment": [group per task], …}`, or a bare array of group numbers).
import { parseSpec, type ExperimentSpec } from '../protocol/index.ts';
import { CliError, readJsonFile, warn } from './io.ts';

/** The category of each task from a `tasklab group` result (or a bare array), checked. */
export async function readCategories(path: string): Promise<number[]> {
  const json = await readJsonFile(path);
  const assignment = Array.isArray(json) ? json : (json as { assignment?: unknown } | null)?.assignment;
  if (!Array.isArray(assignment) || assignment.length === 0) {
    throw new CliError(
      `--categories ${path}: expected the output of "tasklab group" ({"assignment": [group per task], …}) or an array of group numbers`,
    );
  }
  const bad = assignment.findIndex((g) => !Number.isInteger(g) || g < 0);
  if (bad >= 0)
    throw new CliError(
      `--categories ${path}: entry ${bad} is ${JSON.stringify(assignment[bad])}, expected a group number (0, 1, …)`,
    );
  return assignment as number[];
}

/** The spec with the HoME model's hierarchy-mask categories replaced; refused for other model kinds. */
export function withCategories(spec: ExperimentSpec, categories: number[], path: string): ExperimentSpec {
  if (spec.model.kind !== 'home')
    throw new CliError(
      `--categories: only a HoME model (model.kind "home") has meta-categories; this spec's model is "${spec.model.kind}"`,
    );
  if (!spec.model.hierarchyMask)
    warn(`--categories: the spec's HoME has hierarchyMask off, so the categories from ${path} have no effect`);
  const parsed = parseSpec({ ...spec, model: { ...spec.model, categories } });
  if (!parsed.ok) throw new CliError(`--categories ${path}: ${parsed.errors.join('; ')}`);
  return parsed.spec;
}
