// Worker side of the lab's "Export to PyTorch": the project of src/engine/export/ as one zip (fflate).
import { zipSync } from 'fflate';
import type { JobInputs, JobResults } from '../../protocol/jobs.ts';
import { parseTableFile } from '../data/table/parseFile.ts';
import type { Table } from '../data/table/table.ts';
import { exportProject } from '../export/project.ts';
import type { JobContext } from './context.ts';

/** A folder name from the experiment's name: letters, digits and dashes. */
export const projectFolder = (name: string) =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'experiment'
  }-pytorch`;

export async function exportProjectJob(
  input: JobInputs['exportProject'],
  context: JobContext<'exportProject'>,
): Promise<JobResults['exportProject']> {
  if (!context.pythonTemplates) throw new Error('this worker has no Python templates to export with');
  const tables: Record<string, Table> = {};
  for (const [name, file] of Object.entries(input.tables ?? {})) {
    const parsed = await parseTableFile(file.fileName, file.bytes);
    if (!parsed.ok) throw new Error(`dataset "${name}": ${parsed.error}`);
    tables[name] = parsed.table;
  }
  const files = exportProject(input.spec, {
    templates: context.pythonTemplates,
    tables,
    texts: await context.loadTexts?.(input.spec),
  });
  const folder = projectFolder(input.spec.name);
  const encoder = new TextEncoder();
  const entries = Object.fromEntries(
    Object.entries(files).map(([path, content]) => [
      `${folder}/${path}`,
      typeof content === 'string' ? encoder.encode(content) : content,
    ]),
  );
  return { fileName: `${folder}.zip`, zip: zipSync(entries, { level: 6 }) };
}
