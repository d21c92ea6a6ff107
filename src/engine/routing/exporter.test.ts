import { describe, expect, it } from 'vitest';
import { TraceRecorder, exportRouting } from './exporter.ts';
import { encodeBinaryTrace } from './traceBinaryWrite.ts';
import { parseJsonTrace, traceToJson } from './traceJson.ts';
import { readTraceBytes } from './traceRead.ts';

describe('exporter', () => {
  it('turns recorded top-k ids and weights into a trace that both forms round-trip', async () => {
    // Two batches, as an MoE layer records them: [batchTokens × k] ids and weights per layer.
    const recorder = new TraceRecorder({ numLayers: 2, numExperts: 4, topK: 2, variableK: false });
    recorder.add({
      seqLength: 2,
      layers: [
        {
          ids: Int32Array.from([0, 1, 2, 3, 3, 2, 1, 0]),
          weights: Float32Array.from([0.7, 0.3, 0.6, 0.4, 0.5, 0.5, 0.9, 0.1]),
        },
        {
          ids: Int32Array.from([1, 0, 3, 2, 2, 3, 0, 1]),
          weights: Float32Array.from([0.8, 0.2, 0.6, 0.4, 0.5, 0.5, 0.9, 0.1]),
        },
      ],
      domains: ['a', 'b'],
      tokens: [['x', 'y'], null],
    });
    recorder.add({
      seqLength: 1,
      layers: [
        { ids: [2, 0], weights: [0.5, 0.5] },
        { ids: [1, 3], weights: [0.6, 0.4] },
      ],
    });
    const trace = recorder.toTrace();
    expect(Array.from(trace.seqStarts)).toEqual([0, 2, 4, 5]);
    expect(Array.from(trace.experts[1])).toEqual([1, 0, 3, 2, 2, 3, 0, 1, 1, 3]);
    expect(trace.domains).toEqual(['a', 'b', null]);
    const json = traceToJson(trace);
    expect((json.sequences as { experts: number[][][] }[])[0].experts).toEqual([
      [
        [0, 1],
        [1, 0],
      ],
      [
        [2, 3],
        [3, 2],
      ],
    ]);
    expect(traceToJson(parseJsonTrace(JSON.parse(JSON.stringify(json))))).toEqual(json);
    expect(traceToJson(await readTraceBytes(encodeBinaryTrace(trace)))).toEqual(json);
  });

  it('keeps variable-k rows by their counts', () => {
    const trace = exportRouting({ numLayers: 1, numExperts: 4, topK: 0, variableK: true }, [
      { seqLength: 3, width: 4, layers: [{ ids: [0, 9, 9, 9, 1, 2, 3, 9, 9, 9, 9, 9], counts: [1, 3, 0] }] },
    ]);
    expect(trace.topK).toBe(3);
    expect((traceToJson(trace).sequences as { experts: number[][][] }[])[0].experts).toEqual([
      [[0]],
      [[1, 2, 3]],
      [[]],
    ]);
  });

  it('rejects ids out of range and shapes that disagree', () => {
    const recorder = new TraceRecorder({ numLayers: 1, numExperts: 4, topK: 1, variableK: false });
    recorder.add({ seqLength: 2, layers: [{ ids: [0, 4] }] });
    expect(() => recorder.toTrace()).toThrow('token 1, layer 0: expert id 4 is out of range 0..3');
    expect(() => recorder.add({ seqLength: 3, layers: [{ ids: [0, 1] }] })).toThrow(/not whole sequences/);
    expect(() => recorder.add({ seqLength: 1, layers: [] })).toThrow('batch has 0 layers, expected 1');
    // A fixed-k recorder given a token with fewer real experts (a null expert chosen) says what to do.
    const fixed = new TraceRecorder({ numLayers: 1, numExperts: 4, topK: 2, variableK: false });
    fixed.add({ seqLength: 2, layers: [{ ids: [0, 1, 2, -1], counts: [2, 1] }] });
    expect(() => fixed.toTrace()).toThrow('token 1, layer 0: 1 experts but topK is 2; record with variableK: true');
  });
});
