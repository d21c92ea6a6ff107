// Notebook and data-import figures: parse + load of a generated 50 MB CSV and the same table as
// Parquet, the share-link size of the default notebook, and run-history IndexedDB latency. `npx tsx bench/notebook.ts`
import { parquetWriteBuffer } from 'hyparquet-writer';
import { parseTableFile } from '../src/engine/data/table/parseFile.ts';
import { tableToDataset } from '../src/engine/data/table/toDataset.ts';
import type { Table } from '../src/engine/data/table/table.ts';
import { createRng } from '../src/engine/util/random.ts';
import { decodeNotebookLink, encodeNotebookLink } from '../src/notebook/link.ts';
import { defaultNotebook } from '../src/notebook/defaultNotebook.ts';
import { writeNotebookFile } from '../src/notebook/fileFormat.ts';

const TARGET_BYTES = 50 * 2 ** 20;
const INPUTS = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'];
const TARGETS = ['t0', 't1', 't2'];

function generateCsv(): { text: string; rows: number } {
  const rng = createRng(7);
  const lines = [[...INPUTS, 'group', ...TARGETS].join(',')];
  let bytes = lines[0].length + 1;
  while (bytes < TARGET_BYTES) {
    const x = INPUTS.map(() => rng.normal());
    const t = TARGETS.map((_, k) => x[k] * 2 - x[k + 3] + 0.1 * rng.normal());
    const line = [...x.map((v) => v.toFixed(5)), `g${rng.int(5)}`, ...t.map((v) => v.toFixed(5))].join(',');
    lines.push(line);
    bytes += line.length + 1;
  }
  return { text: lines.join('\n'), rows: lines.length - 1 };
}

function toParquet(table: Table): Uint8Array {
  const columnData = table.columns.map((c) =>
    c.texts
      ? { name: c.name, data: c.texts, type: 'STRING' as const }
      : { name: c.name, data: Array.from(c.numbers), type: 'DOUBLE' as const },
  );
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}

/** Wall and CPU time: the machine is shared, so CPU ms is the steadier figure. */
async function time<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number; cpu: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const mb = (n: number) => (n / 2 ** 20).toFixed(1);
const rows: string[][] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map(String));

const csv = generateCsv();
const csvBytes = new TextEncoder().encode(csv.text);
const parsedCsv = await time(() => parseTableFile('big.csv', csvBytes));
if (!parsedCsv.value.ok) throw new Error(parsedCsv.value.error);
const table = parsedCsv.value.table;
const roles = { inputs: [...INPUTS, 'group'], targets: TARGETS };
const loaded = await time(() => tableToDataset(table, roles, { seed: 1, validationFraction: 0.2, normalize: true }));
if (!loaded.value.ok) throw new Error(loaded.value.error);
row(
  'CSV',
  mb(csvBytes.length),
  table.numRows,
  `${parsedCsv.ms.toFixed(0)} (${parsedCsv.cpu.toFixed(0)})`,
  `${loaded.ms.toFixed(0)} (${loaded.cpu.toFixed(0)})`,
  (csvBytes.length / 2 ** 20 / ((parsedCsv.cpu + loaded.cpu) / 1000)).toFixed(1),
);

const written = await time(() => toParquet(table));
const parquet = written.value;
const parsedPq = await time(() => parseTableFile('big.parquet', parquet));
if (!parsedPq.value.ok) throw new Error(parsedPq.value.error);
const loadedPq = await time(() =>
  tableToDataset((parsedPq.value as { table: Table }).table, roles, {
    seed: 1,
    validationFraction: 0.2,
    normalize: true,
  }),
);
row(
  'Parquet (snappy)',
  mb(parquet.length),
  parsedPq.value.table.numRows,
  `${parsedPq.ms.toFixed(0)} (${parsedPq.cpu.toFixed(0)})`,
  `${loadedPq.ms.toFixed(0)} (${loadedPq.cpu.toFixed(0)})`,
  (parquet.length / 2 ** 20 / ((parsedPq.cpu + loadedPq.cpu) / 1000)).toFixed(1),
);

console.log(
  `\nTable import (${table.numRows} rows × ${table.columns.length} columns; Parquet written by hyparquet-writer in ${written.ms.toFixed(0)} ms)`,
);
console.log('format           | MB    | rows    | parse ms wall (cpu) | → Dataset ms wall (cpu) | MB/s of cpu');
for (const r of rows)
  console.log(
    `${r[0].padEnd(16)} | ${r[1].padStart(5)} | ${r[2].padStart(7)} | ${r[3].padStart(19)} | ${r[4].padStart(23)} | ${r[5].padStart(11)}`,
  );
console.log(`Parquet/CSV parse cpu-time ratio: ${(parsedPq.cpu / parsedCsv.cpu).toFixed(2)}`);

const notebook = defaultNotebook();
const json = JSON.stringify(notebook).length;
const file = writeNotebookFile(notebook).length;
const link = await time(() => encodeNotebookLink(notebook));
const reps = 200;
const decode = await time(() => {
  for (let i = 0; i < reps; i++) decodeNotebookLink(link.value.hash);
});
console.log('\nShare link, default notebook');
console.log('notebook JSON chars | .tasklab.json chars | link chars (#v1.…) | link/JSON | encode ms | decode ms');
console.log(
  `${String(json).padStart(19)} | ${String(file).padStart(19)} | ${String(link.value.hash.length).padStart(18)} | ${(link.value.hash.length / json).toFixed(2).padStart(9)} | ${link.ms.toFixed(2).padStart(9)} | ${(decode.ms / reps).toFixed(2).padStart(9)}`,
);

// IndexedDB save latency of a 100-run history (fake-indexeddb: Node has no IndexedDB).
const { benchRunHistory } = await import('./runHistoryStorage.ts');
await benchRunHistory();
