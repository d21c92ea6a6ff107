import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './testing.ts';
import { SAMPLE_TRACE_OPTIONS } from '../engine/routing/sampleTrace.ts';
import { synthesizeTrace } from '../engine/routing/synthetic.ts';
import { traceToJson } from '../engine/routing/traceJson.ts';

const SAMPLE = 'public/traces/sample-4x8-top2';
let dir: string;
beforeAll(async () => {
  dir = await tempDir('routing');
});

describe('tasklab routing', () => {
  it('uses a sample trace that scripts/make-sample-trace.ts reproduces exactly', async () => {
    const file = JSON.parse(await readFile(`${SAMPLE}.json`, 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(traceToJson(synthesizeTrace(SAMPLE_TRACE_OPTIONS)))));
  });

  it('writes the §0 statistics, identical for the JSON and the binary form of the sample trace', async () => {
    const outJson = join(dir, 'json.json');
    const outBinary = join(dir, 'binary.json');
    expect((await runCli('routing', `${SAMPLE}.json`, '--segments', '4,16', '--out', outJson)).code).toBe(0);
    expect((await runCli('routing', `${SAMPLE}.tlrt`, '--segments', '4,16', '--out', outBinary)).code).toBe(0);
    const text = await readFile(outJson, 'utf8');
    expect(await readFile(outBinary, 'utf8')).toBe(text);
    const report = JSON.parse(text);
    expect(report).toMatchObject({ numLayers: 4, numExperts: 8 });
    expect(report.layers).toHaveLength(4);
    for (const layer of report.layers) {
      expect(Object.keys(layer.srp)).toEqual(['4', '16']);
      expect(layer.sch['16']).toHaveLength(8);
      expect(layer.sch['16'][7]).toBe(1);
      expect(layer.load).toHaveLength(8);
      expect(layer.load.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 12);
      expect(layer.loadCV).toBeGreaterThan(0);
      expect(layer.entropy).toBeGreaterThan(0);
    }
    expect(Object.keys(report.model.srp)).toEqual(['4', '16']);
    // Planted locality: SRP well above the j = 0 baseline 2r/(1+r) = 0.4 for r = k/E = 1/4.
    expect(report.model.srp['4']).toBeGreaterThan(0.6);
  });

  it('compares two checkpoints with --compare', async () => {
    const out = join(dir, 'stable.json');
    expect((await runCli('routing', `${SAMPLE}.json`, '--compare', `${SAMPLE}.tlrt`, '--out', out)).code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).stability).toMatchObject({ meanChanged: 0, meanSoft: 0 });
  });

  it('names the problem for bad input', async () => {
    expect((await runCli('routing', `${SAMPLE}.json`, '--segments', '4,x')).stderr).toMatch(
      /--segments: expected comma-separated positive integers/,
    );
    const bytes = await readFile(`${SAMPLE}.tlrt`);
    const truncated = join(dir, 'cut.tlrt');
    await writeFile(truncated, bytes.subarray(0, 1000));
    const cut = await runCli('routing', truncated);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/cut\.tlrt: truncated binary trace: .* data ends at byte offset 1000/);
    const badJson = join(dir, 'bad.json');
    const trace = JSON.parse(await readFile(`${SAMPLE}.json`, 'utf8'));
    trace.sequences[2].experts[5][3] = [1, 8];
    await writeFile(badJson, JSON.stringify(trace));
    expect((await runCli('routing', badJson)).stderr).toMatch(
      /sequences\[2\]\.experts\[5\]\[3\]\[1\]: expert id 8 is out of range 0\.\.7 \(sequence 2, token 5, layer 3\)/,
    );
    expect((await runCli('routing', join(dir, 'missing.json'))).stderr).toMatch(
      /cannot read .*missing\.json: no such file or folder \(ENOENT\)/,
    );
  });
});
