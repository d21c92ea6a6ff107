// A result.json from an exported PyTorch project, dropped on the notebook, becomes a run of its
// experiment cell: in its run history (marked as PyTorch), and in every view that shows that cell's runs.
import { parseRunResult, RESULT_FORMAT } from '../shared/runResult.ts';
import { useLab } from '../store/index.ts';
import { findExperimentCell, runRecordFromResult } from '../store/importedRun.ts';

/** Whether a JSON file's text is a TaskLab result file (checked before it is taken for a table). */
export const isRunResultText = (text: string) => text.slice(0, 4096).includes(`"${RESULT_FORMAT}"`);

/** Adds the run, or says in the notice what was wrong with the file. */
export function importRunResult(text: string, fileName: string): void {
  const store = useLab.getState();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return store.setNotice(`${fileName} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = parseRunResult(value, fileName);
  if (!parsed.ok) return store.setNotice(parsed.error);
  const cell = findExperimentCell(store.notebook, parsed.result, fileName);
  if (!cell.ok) return store.setNotice(cell.error);
  const run = runRecordFromResult(parsed.result, cell.cellId, cell.spec, fileName);
  store.runImported(run);
  store.selectRun(cell.cellId, run.id);
  const { device, worldSize } = parsed.result;
  store.setNotice(
    `Added the PyTorch run of "${parsed.result.experiment}" (${device}, ${worldSize} process${worldSize === 1 ? '' : 'es'}) from ${fileName} to its run history.`,
  );
}
