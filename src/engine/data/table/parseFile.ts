// A dropped or picked file → Table: the extension picks the parser, the size limit is checked
// before any parsing, and every failure comes back as a message (this never throws).
import type { ParseTableProgress } from '../../../protocol/jobs.ts';
import { parseDelimited } from './delimited.ts';
import { parseParquet } from './parquet.ts';
import { parseJsonText } from './records.ts';
import { TABLE_LIMITS, type TableResult } from './table.ts';

export type TableFormat = 'csv' | 'tsv' | 'json' | 'parquet';

const EXTENSIONS: Record<string, TableFormat> = {
  csv: 'csv',
  txt: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  json: 'json',
  parquet: 'parquet',
  pq: 'parquet',
};

export function formatOf(fileName: string): TableFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[fileName.slice(dot + 1).toLowerCase()];
}

export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSIONS).map((e) => `.${e}`);

/** `onProgress`: characters parsed of the text about every MB, or rows read after each Parquet row group. */
export async function parseTableFile(
  fileName: string,
  bytes: ArrayBuffer | Uint8Array,
  onProgress?: (progress: ParseTableProgress) => void,
): Promise<TableResult> {
  const inUnit = (unit: ParseTableProgress['unit']) =>
    onProgress && ((done: number, total: number) => onProgress({ done, total, unit }));
  try {
    const format = formatOf(fileName);
    if (!format) {
      return {
        ok: false,
        error: `cannot read "${fileName}": unsupported file type; expected one of ${SUPPORTED_EXTENSIONS.join(', ')}`,
      };
    }
    if (bytes.byteLength > TABLE_LIMITS.maxBytes) {
      const mb = (bytes.byteLength / 2 ** 20).toFixed(1);
      return {
        ok: false,
        error: `"${fileName}" is ${mb} MB, more than the limit of ${TABLE_LIMITS.maxBytes / 2 ** 20} MB`,
      };
    }
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    if (format === 'parquet') {
      const buffer =
        view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? view.buffer : view.slice().buffer;
      return await parseParquet(buffer as ArrayBuffer, fileName, inUnit('rows'));
    }
    if (looksLikeParquet(view))
      return { ok: false, error: `"${fileName}" is a Parquet file with a .${format} name; rename it to .parquet` };
    const text = decodeText(view);
    const characters = inUnit('characters');
    if (format === 'json') return parseJsonText(text, fileName, characters);
    return parseDelimited(text, {
      name: fileName,
      delimiter: format === 'tsv' ? '\t' : undefined,
      onProgress: characters,
    });
  } catch (error) {
    return { ok: false, error: `cannot read "${fileName}": ${(error as Error)?.message ?? String(error)}` };
  }
}

const looksLikeParquet = (v: Uint8Array) =>
  v.length >= 8 && v[0] === 0x50 && v[1] === 0x41 && v[2] === 0x52 && v[3] === 0x31;

/** UTF-8, unless a byte-order mark says UTF-16 (what "Unicode text" exports of spreadsheets are). */
function decodeText(bytes: Uint8Array): string {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined;
  return new TextDecoder(utf16 ?? 'utf-8').decode(bytes);
}
