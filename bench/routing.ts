// SRP / SCH cost on a synthetic trace the size of a real LLM study: 1M tokens (2048 sequences × 512)
// × 32 MoE layers × top-8 of 64 experts (OLMoE-like, 256 MB of uint8 ids), plus streaming-parse time of
// its binary form. The fast paths are set beside straightforward versions (explicit windows for SRP, one
// cache simulation per capacity for SCH) timed on a slice, to show what the typed-array algorithms buy.
// Last, `tasklab routing` end to end on the file: one thread (the reference) vs a worker thread per core,
// wall time, CPU time and peak RSS (GNU time), and whether both outputs are identical.
// Run: npx tsx bench/routing.ts [--tokens N]
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { addSrpCounts, emptySrpCounts, mergeSrpCounts, srpFromCounts } from '../src/engine/routing/srp.ts';
import { layerSch } from '../src/engine/routing/sch.ts';
import { synthesizeTrace } from '../src/engine/routing/synthetic.ts';
import { readTrace } from '../src/engine/routing/traceRead.ts';
import { writeBinaryTrace } from '../src/engine/routing/traceBinaryWrite.ts';
import type { RoutingTrace } from '../src/engine/routing/trace.ts';
import { createRng, permutation } from '../src/engine/util/random.ts';

const SEQ_LENGTH = 512;
const tokensArg = process.argv.indexOf('--tokens');
const NUM_SEQS = Math.round((tokensArg > 0 ? Number(process.argv[tokensArg + 1]) : 1 << 20) / SEQ_LENGTH);
const LAYERS = 32;
const EXPERTS = 64;
const K = 8;
const SEGMENTS = [4, 16, 64];

const seconds = (start: number) => (performance.now() - start) / 1000;
/** CPU seconds of this process since `start` (the machine is shared, so wall time alone misleads). */
const cpuSeconds = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
let lastCpu = 0;
function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = run();
  lastCpu = cpuSeconds(cpu);
  return [result, seconds(start)];
}

/** SRP histogram from explicit windows: O(windows × (m·k + E)). */
function naiveSrpHistogram(trace: RoutingTrace, layer: number, m: number, numSeqs: number) {
  const hist = new Float64Array(m + 1);
  const count = new Int32Array(trace.numExperts);
  for (let s = 0; s < numSeqs; s++) {
    for (let w = trace.seqStarts[s]; w + m <= trace.seqStarts[s + 1]; w++) {
      count.fill(0);
      for (let i = w * K; i < (w + m) * K; i++) count[trace.experts[layer][i]]++;
      for (let e = 0; e < trace.numExperts; e++) hist[count[e]]++;
    }
  }
  return hist;
}

/** Hit rate of one sequence at one capacity by direct simulation (ALGORITHMS.md §1.2). */
function naiveSch(ids: Uint8Array, from: number, to: number, capacity: number, lookAhead: number): number {
  const future = new Int32Array(EXPERTS);
  const lastUse = new Float64Array(EXPERTS);
  const resident = new Uint8Array(EXPERTS);
  const cache: number[] = [];
  let clock = 0;
  let hits = 0;
  for (let t = from; t < Math.min(to, from + lookAhead); t++) for (let j = 0; j < K; j++) future[ids[t * K + j]]++;
  for (let t = from; t < to; t++) {
    let arrivals = 0;
    for (let j = 0; j < K; j++) if (resident[ids[t * K + j]] || cache.length + arrivals++ < capacity) hits++;
    for (let j = 0; j < K; j++) {
      const x = ids[t * K + j];
      future[x]--;
      lastUse[x] = ++clock;
      if (resident[x]) continue;
      if (cache.length >= capacity) {
        let v = 0;
        for (let i = 1; i < cache.length; i++) {
          const a = cache[i];
          const b = cache[v];
          if (future[a] < future[b] || (future[a] === future[b] && lastUse[a] < lastUse[b])) v = i;
        }
        resident[cache[v]] = 0;
        cache.splice(v, 1);
      }
      cache.push(x);
      resident[x] = 1;
    }
    if (t + lookAhead < to) for (let j = 0; j < K; j++) future[ids[(t + lookAhead) * K + j]]++;
  }
  return hits / ((to - from) * K);
}

/**
 * 4 distinct synthetic layers, each reused for 8 of the 32 with its expert ids relabelled by a fixed
 * permutation: the same locality per layer as 32 generated ones (which is what SRP/SCH cost depends on),
 * in an eighth of the generation time.
 */
function makeTrace(): RoutingTrace {
  const base = synthesizeTrace({
    numLayers: 4,
    numExperts: EXPERTS,
    topK: K,
    numSequences: NUM_SEQS,
    seqLength: SEQ_LENGTH,
    seed: 1,
    stay: 0.7,
  });
  const rng = createRng(2);
  const experts = Array.from({ length: LAYERS }, (_, l) => {
    const relabel = permutation(rng, EXPERTS);
    return (base.experts[l % 4] as Uint8Array).map((e) => relabel[e]);
  });
  return { ...base, numLayers: LAYERS, experts };
}

/** `tasklab routing FILE --threads N` in a child process under GNU time: [wall s, CPU s, peak RSS MiB]. */
function timeCli(file: string, threads: number, out: string): [number, number, number] {
  const args = [
    '-f',
    '%e %U %S %M',
    process.execPath,
    'bin/tasklab.mjs',
    'routing',
    file,
    '--threads',
    String(threads),
    '--out',
    out,
  ];
  const run = spawnSync('/usr/bin/time', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`tasklab routing --threads ${threads} failed: ${run.stderr}`);
  const [wall, user, system, rssKiB] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return [wall, user + system, rssKiB / 1024];
}

function cliRows(file: string, bytes: number, dir: string): [string, string, string, string][] {
  if (!existsSync('/usr/bin/time'))
    return [['tasklab routing end to end', '', '', 'skipped: needs GNU time at /usr/bin/time']];
  const cores = availableParallelism();
  const single = timeCli(file, 1, join(dir, 'one.json'));
  const pooled = timeCli(file, cores, join(dir, 'pool.json'));
  const same = readFileSync(join(dir, 'one.json'), 'utf8') === readFileSync(join(dir, 'pool.json'), 'utf8');
  const row = (name: string, [wall, cpu, rss]: [number, number, number]): [string, string, string, string] => [
    name,
    wall.toFixed(2),
    cpu.toFixed(2),
    `peak RSS ${rss.toFixed(0)} MiB = ${((rss * 2 ** 20) / bytes).toFixed(2)}× the file`,
  ];
  return [
    row('tasklab routing, 1 thread (reference)', single),
    row(`tasklab routing, ${cores} worker threads`, pooled),
    [
      '  threads vs one',
      '',
      '',
      `${(single[0] / pooled[0]).toFixed(2)}× faster (wall); outputs ${same ? 'identical' : 'DIFFER'}`,
    ],
  ];
}

async function main() {
  const tokens = NUM_SEQS * SEQ_LENGTH;
  console.log(
    `trace: ${NUM_SEQS} sequences × ${SEQ_LENGTH} tokens = ${tokens.toLocaleString()} tokens, ${LAYERS} layers, E=${EXPERTS}, top-${K}`,
  );
  const [trace, genSeconds] = timed(makeTrace);
  const rows: [string, string, string, string][] = [
    ['generate synthetic trace (4 layers × 8 relabelled)', genSeconds.toFixed(2), lastCpu.toFixed(2), ''],
  ];

  const dir = await mkdtemp(join(tmpdir(), 'tasklab-bench-'));
  const file = join(dir, 'trace.tlrt');
  let start = performance.now();
  let cpu = process.cpuUsage();
  const out = createWriteStream(file);
  for (const chunk of writeBinaryTrace(trace)) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  const bytes = (await stat(file)).size;
  rows.push([
    `write binary (${(bytes / 2 ** 20).toFixed(0)} MiB)`,
    seconds(start).toFixed(2),
    cpuSeconds(cpu).toFixed(2),
    '',
  ]);
  start = performance.now();
  cpu = process.cpuUsage();
  const parsed = await readTrace(createReadStream(file, { highWaterMark: 1 << 20 }));
  const parseSeconds = seconds(start);
  rows.push([
    'stream-parse + validate binary',
    parseSeconds.toFixed(2),
    cpuSeconds(cpu).toFixed(2),
    `${(bytes / 2 ** 20 / parseSeconds).toFixed(0)} MiB/s (wall)`,
  ]);
  if (parsed.experts[LAYERS - 1][tokens * K - 1] !== trace.experts[LAYERS - 1][tokens * K - 1])
    throw new Error('parse mismatch');

  for (const m of SEGMENTS) {
    const [counts, t] = timed(() =>
      Array.from({ length: LAYERS }, (_, l) => addSrpCounts(trace, l, emptySrpCounts(m))),
    );
    const model = srpFromCounts(mergeSrpCounts(counts))!;
    rows.push([
      `SRP m=${m}, all ${LAYERS} layers`,
      t.toFixed(2),
      lastCpu.toFixed(2),
      `model SRP ${model.srp.toFixed(4)}`,
    ]);
  }
  for (const lookAhead of SEGMENTS) {
    const [curves, t] = timed(() => Array.from({ length: LAYERS }, (_, l) => layerSch(trace, l, lookAhead)));
    const at2k = curves.reduce((sum, c) => sum + c[2 * K - 1], 0) / LAYERS;
    rows.push([
      `SCH L=${lookAhead}, C=1..${EXPERTS}, all ${LAYERS} layers`,
      t.toFixed(2),
      lastCpu.toFixed(2),
      `mean SCH at C=2k ${at2k.toFixed(4)}`,
    ]);
  }

  // Side by side on a slice: layer 0, the first 64 sequences (32k tokens).
  const slice = 64;
  const sliced = { ...trace, seqStarts: trace.seqStarts.subarray(0, slice + 1) };
  // Best of 3 runs each, so one-off compilation of the slice's code paths does not count.
  const bestCpu = (run: () => unknown) => Math.min(...[0, 1, 2].map(() => (timed(run), lastCpu)));
  const fastSrp = bestCpu(() => addSrpCounts(sliced, 0, emptySrpCounts(64)));
  const slowSrp = bestCpu(() => naiveSrpHistogram(trace, 0, 64, slice));
  rows.push([
    `slice: SRP m=64, fast vs explicit windows`,
    '',
    `${fastSrp.toFixed(3)} vs ${slowSrp.toFixed(3)}`,
    `${(slowSrp / fastSrp).toFixed(1)}× less CPU`,
  ]);
  const fastSch = bestCpu(() => layerSch(sliced, 0, 16));
  const slowSch = bestCpu(() => {
    for (let s = 0; s < slice; s++) {
      for (let c = 1; c <= EXPERTS; c++)
        naiveSch(trace.experts[0] as Uint8Array, trace.seqStarts[s], trace.seqStarts[s + 1], c, 16);
    }
  });
  rows.push([
    `slice: SCH L=16, stack vs per-C simulation`,
    '',
    `${fastSch.toFixed(3)} vs ${slowSch.toFixed(3)}`,
    `${(slowSch / fastSch).toFixed(1)}× less CPU`,
  ]);

  rows.push(...cliRows(file, bytes, dir));
  await rm(dir, { recursive: true });

  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${'step'.padEnd(width)}  wall s  CPU s             note`);
  for (const [name, t, c, note] of rows)
    console.log(`${name.padEnd(width)}  ${t.padStart(6)}  ${c.padEnd(16)}  ${note}`);
}

await main();
