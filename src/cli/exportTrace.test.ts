// python/tasklab_trace.py: what it writes, `tasklab routing` reads with the statistics of the same
// sequences in JSON form; its forward hooks record a toy MoE's routers; exported MoE LMs write traces.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_TRACE_OPTIONS } from '../engine/routing/sampleTrace.ts';
import { synthesizeTrace } from '../engine/routing/synthetic.ts';
import { traceToJson } from '../engine/routing/traceJson.ts';
import { python } from './pythonTesting.ts';
import { runCli, tempDir } from './testing.ts';

const PYTHON_DIR = resolve('python');
let dir: string;
beforeAll(async () => {
  dir = await tempDir('trace-py');
});

async function routingReport(path: string): Promise<string> {
  const out = `${path}.report.json`;
  const { code, stderr } = await runCli('routing', path, '--segments', '2,4,16', '--out', out);
  if (code !== 0) throw new Error(stderr);
  return readFile(out, 'utf8');
}

/** The JSON form of `trace` written as JSON and, through TraceWriter, as .tlrt: both reports must be equal. */
async function expectSameStatistics(name: string, trace: object) {
  const jsonPath = join(dir, `${name}.json`);
  const binaryPath = join(dir, `${name}.tlrt`);
  await writeFile(jsonPath, JSON.stringify(trace));
  await python(['check_trace.py', 'write', jsonPath, binaryPath], PYTHON_DIR);
  const report = await routingReport(binaryPath);
  expect(report).toBe(await routingReport(jsonPath));
  return JSON.parse(report);
}

describe('tasklab_trace.py', () => {
  it('TraceWriter: top-2 with weights, domains and tokens gives the statistics of the JSON form', async () => {
    const report = await expectSameStatistics('sample', traceToJson(synthesizeTrace(SAMPLE_TRACE_OPTIONS)));
    expect(report).toMatchObject({ numLayers: 4, numExperts: 8 });
    expect(report.layers[0].entropy).toBeGreaterThan(0);
  }, 60_000);

  it('TraceWriter: variable k (lists of 0..E experts), no weights', async () => {
    const experts = [[[2, 0]], [[1]], [[]], [[0, 1, 2]], [[2]]];
    const trace = {
      format: 'tasklab-routing-trace',
      version: 1,
      numLayers: 1,
      numExperts: 3,
      topK: 'variable',
      sequences: [{ experts }, { experts: experts.slice(1) }],
    };
    const report = await expectSameStatistics('variable', trace);
    // Activations: experts 0, 1, 2 ×2, ×2, ×3 in the first sequence, then ×1, ×2, ×2: 12 in all.
    expect(report.layers[0].load.map((x: number) => x.toFixed(4))).toEqual(
      [3 / 12, 4 / 12, 5 / 12].map((x) => x.toFixed(4)),
    );
  }, 60_000);

  it('record_routers: hooks on nn.Linear routers give the expected top-2 ids, best first', async () => {
    const { experts, weightSums } = JSON.parse(await python(['check_trace.py', 'hook'], PYTHON_DIR));
    const expected = [0, 1, 2, 3, 1].map((token) =>
      [0, 1].map((layer) => [(token + layer) % 4, (token + layer + 1) % 4]),
    );
    expect(experts).toEqual(expected);
    for (const sums of weightSums) for (const sum of sums) expect(sum).toBeGreaterThan(0.5);
  }, 60_000);

  it('an exported MoE LM writes its validation routing with --trace', async () => {
    const spec = {
      dataset: {
        kind: 'text',
        domains: ['a', 'b'],
        texts: { a: 'abcabcabd '.repeat(10), b: '0123456789'.repeat(10) },
        windowLength: 6,
        numSamples: 30,
      },
      model: { kind: 'moe-lm', dModel: 8, numHeads: 2, numLayers: 2, numExperts: 4, expertHidden: 8, router: 'topp' },
      training: { steps: 3, batchSize: 6 },
    };
    const specPath = join(dir, 'lm.json');
    await writeFile(specPath, JSON.stringify(spec));
    const out = join(dir, 'lm');
    expect((await runCli('export', specPath, '--to', 'pytorch', '--out', out)).code).toBe(0);
    await python(['train.py', '--out', 'result.json', '--trace', 'trace.tlrt'], out);
    const report = JSON.parse(await routingReport(join(out, 'trace.tlrt')));
    // 30 windows, 20% validation: 6 sequences of 6 tokens, 2 layers, top-p's variable k.
    expect(report).toMatchObject({ numLayers: 2, numExperts: 4, topK: 'variable', numSequences: 6, numTokens: 36 });
  }, 60_000);
});
