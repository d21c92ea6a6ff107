// The parseTable job: a dropped file (or a built-in / inline table) → preview for the role dialog,
// plus the whole table as rows when it is small enough to embed in the notebook.
import type { JobInputs, JobResults, ParseTableProgress, TableSource } from '../../protocol/jobs.ts';
import type { JobContext } from './context.ts';
import { loadBuiltinTable } from '../data/table/builtin.ts';
import { parseTableFile } from '../data/table/parseFile.ts';
import { previewTable } from '../data/table/preview.ts';
import { tableFromRows, toInlineTable, type Table, type TableResult } from '../data/table/table.ts';

async function loadTable(
  source: TableSource,
  onProgress: (progress: ParseTableProgress) => void,
): Promise<TableResult> {
  switch (source.type) {
    case 'file':
      return parseTableFile(source.fileName, source.bytes, onProgress);
    case 'builtin': {
      const table = loadBuiltinTable(source.name);
      return table ? { ok: true, table } : { ok: false, error: `there is no built-in table named "${source.name}"` };
    }
    case 'inline':
      return tableFromRows(source.name, source.table.columns, source.table.rows);
  }
}

/** The table as rows when its JSON stays within `limit` characters (cheap size bound first). */
function inlineWithin(table: Table, limit: number) {
  // Every cell costs at least two characters ("1,"), so larger tables are skipped without stringifying.
  if (table.numRows * table.columns.length * 2 > limit) return undefined;
  const inline = toInlineTable(table);
  const chars = JSON.stringify(inline).length;
  return chars <= limit ? { inline, inlineChars: chars } : undefined;
}

export async function parseTableJob(
  input: JobInputs['parseTable'],
  context?: Pick<JobContext<'parseTable'>, 'progress'>,
): Promise<JobResults['parseTable']> {
  const result = await loadTable(input.source, (progress) => context?.progress(progress));
  if (!result.ok) return result;
  const preview = previewTable(result.table, input.previewRows ?? 20);
  const small = input.inlineLimit ? inlineWithin(result.table, input.inlineLimit) : undefined;
  return { ok: true, preview, ...small };
}
