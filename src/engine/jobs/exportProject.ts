// Worker side of the lab's "Export to PyTorch": the project of src/engine/export/ as one zip (fflate).
// A big table makes this take seconds, so it reports progress: reading the table file, then each
// file compressed into the zip (one at a time through fflate's streaming Zip, so "3 of 12" is true).
import { Zip, ZipDeflate } from 'fflate';
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
    const parsed = await parseTableFile(file.fileName, file.bytes, (read) =>
      context.progress({ stage: 'reading', fileName: file.fileName, ...read }),
    );
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
  const entries = Object.entries(files).map(([path, content]) => ({
    path: `${folder}/${path}`,
    bytes: typeof content === 'string' ? encoder.encode(content) : content,
  }));
  return {
    fileName: `${folder}.zip`,
    zip: zipFiles(entries, (done, total) => context.progress({ stage: 'zipping', done, total })),
  };
}

/** The files deflated into one zip, one at a time; `onFile` after each. */
export function zipFiles(
  entries: { path: string; bytes: Uint8Array }[],
  onFile: (done: number, total: number) => void,
): Uint8Array {
  const parts: Uint8Array[] = [];
  let failure: Error | null = null;
  // ZipDeflate works synchronously: every part has arrived when push() returns.
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else parts.push(chunk);
  });
  entries.forEach(({ path, bytes }, index) => {
    const file = new ZipDeflate(path, { level: 6 });
    zip.add(file);
    file.push(bytes, true);
    onFile(index + 1, entries.length);
  });
  zip.end();
  if (failure) throw failure;
  const zipped = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    zipped.set(part, offset);
    offset += part.length;
  }
  return zipped;
}
