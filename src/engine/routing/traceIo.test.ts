import { describe, expect, it } from 'vitest';
import { tinyTraceJson } from './fixtures.ts';
import { analyseTrace } from './report.ts';
import { synthesizeTrace } from './synthetic.ts';
import { encodeBinaryTrace } from './traceBinaryWrite.ts';
import { parseJsonTrace, traceToJson } from './traceJson.ts';
import { readTrace, readTraceBytes } from './traceRead.ts';
import { TraceError, type RoutingTrace } from './trace.ts';

async function* inChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

const sample = () =>
  synthesizeTrace({
    numLayers: 3,
    numExperts: 8,
    topK: 2,
    numSequences: 4,
    seqLength: 24,
    seed: 7,
    weights: true,
    domains: ['prose', 'code'],
    text: { prose: 'the cat sat on the mat. ', code: 'for (i = 0; i < n; i++) {}' },
  });

const stats = (trace: RoutingTrace) => analyseTrace(trace, { segments: [1, 4, 16] });

function expectSameTrace(a: RoutingTrace, b: RoutingTrace) {
  expect(b.numLayers).toBe(a.numLayers);
  expect(b.numExperts).toBe(a.numExperts);
  expect(b.topK).toBe(a.topK);
  expect(b.variableK).toBe(a.variableK);
  expect(Array.from(b.seqStarts)).toEqual(Array.from(a.seqStarts));
  a.experts.forEach((ids, l) => expect(Array.from(b.experts[l])).toEqual(Array.from(ids)));
  a.weights?.forEach((w, l) => expect(Array.from(b.weights![l])).toEqual(Array.from(w)));
  expect(b.counts?.map((c) => Array.from(c))).toEqual(a.counts?.map((c) => Array.from(c)));
  expect(b.tokens).toEqual(a.tokens);
  expect(b.domains).toEqual(a.domains);
}

describe('trace I/O', () => {
  it('round-trips JSON → binary (read in 7-byte chunks) → JSON with identical arrays and statistics', async () => {
    const fromJson = parseJsonTrace(JSON.parse(JSON.stringify(traceToJson(sample()))));
    const bytes = encodeBinaryTrace(fromJson);
    const fromBinary = await readTrace(inChunks(bytes, 7));
    expectSameTrace(fromJson, fromBinary);
    expect(stats(fromBinary)).toEqual(stats(fromJson));
    const back = parseJsonTrace(JSON.parse(JSON.stringify(traceToJson(fromBinary))));
    expectSameTrace(fromJson, back);
  });

  it('round-trips variable-k traces and many experts (uint16 ids)', async () => {
    const variable = parseJsonTrace(
      tinyTraceJson({
        numExperts: 300,
        topK: 'variable',
        sequences: [
          [
            [[299], [0, 1]],
            [[], [5]],
            [[7, 8, 9], [250]],
          ],
        ],
        weights: [
          [
            [[1], [0.5, 0.5]],
            [[], [1]],
            [[0.5, 0.3, 0.2], [1]],
          ],
        ],
      }),
    );
    expect(variable.topK).toBe(3);
    const back = await readTrace(inChunks(encodeBinaryTrace(variable), 5));
    expectSameTrace(variable, back);
    expect(traceToJson(back)).toEqual(traceToJson(variable));
    expect(stats(back)).toEqual(stats(variable));
  });

  it('rejects malformed JSON traces, naming the field, sequence, token and layer', () => {
    const good = () =>
      tinyTraceJson({
        numExperts: 4,
        sequences: [
          [
            [
              [0, 1],
              [2, 3],
            ],
            [
              [1, 2],
              [0, 3],
            ],
          ],
        ],
      });
    const cases: [(t: ReturnType<typeof good>) => void, RegExp][] = [
      [
        (t) => (t.sequences[0].experts[1] = [[1, 2]]),
        /sequences\[0\]\.experts\[1\]: has 1 layers, but numLayers is 2 \(sequence 0, token 1\)/,
      ],
      [
        (t) => (t.sequences[0].experts[1][1] = [0, 4]),
        /sequences\[0\]\.experts\[1\]\[1\]\[1\]: expert id 4 is out of range 0\.\.3 \(sequence 0, token 1, layer 1\)/,
      ],
      [
        (t) => (t.sequences[0].experts[0][1] = [3]),
        /sequences\[0\]\.experts\[0\]\[1\]: has 1 expert ids, but topK is 2 \(sequence 0, token 0, layer 1\)/,
      ],
      [(t) => (t.sequences[0].experts[0][0] = [2, 2]), /experts\[0\]\[0\]\[1\]: expert id 2 appears twice/],
      [(t) => (t.sequences[0].experts[0][0] = [0.5, 1]), /expert id 0.5 is out of range/],
      [(t) => (t.numExperts = 0), /numExperts: expected an integer in 1\.\.65535, got 0/],
      [(t) => (t.topK = 5), /topK \(or "variable"\): expected an integer in 1\.\.4, got 5/],
      [(t) => (t.version = 2), /version: expected 1, got 2/],
      [
        (t) => Object.assign(t.sequences[0], { weights: [[[1, 0]]] }),
        /sequences\[0\]\.weights: has 1 tokens but experts has 2/,
      ],
      [
        (t) => Object.assign(t.sequences[0], { tokens: ['a'] }),
        /sequences\[0\]\.tokens: has 1 entries but the sequence has 2 tokens/,
      ],
    ];
    for (const [breakIt, message] of cases) {
      const trace = good();
      breakIt(trace);
      expect(() => parseJsonTrace(trace)).toThrow(message);
    }
    expect(() => parseJsonTrace(good())).not.toThrow();
  });

  it('rejects truncated binary data with the byte offset where it ends', async () => {
    // 3 layers, 8 experts (uint8), top-2, weights: header 32 bytes, then per sequence 8 + meta, and per layer
    // 24·2 id bytes + 24·2·4 weight bytes.
    const bytes = encodeBinaryTrace(sample());
    for (const cut of [10, 32, 35, 200, bytes.length - 1]) {
      const error = await readTraceBytes(bytes.slice(0, cut)).catch((e) => e);
      expect(error).toBeInstanceOf(TraceError);
      expect(error.message).toMatch(
        /^truncated binary trace: .* from byte offset \d+, but the data ends at byte offset (\d+)$/,
      );
      expect(error.message).toContain(`data ends at byte offset ${cut}`);
    }
    const extra = new Uint8Array(bytes.length + 3);
    extra.set(bytes);
    await expect(readTraceBytes(extra)).rejects.toThrow(
      `byte offset ${bytes.length}: unexpected data after the last sequence`,
    );
  });

  it('rejects binary ids out of range and counts that disagree, naming the byte offset', async () => {
    const trace = parseJsonTrace(
      tinyTraceJson({
        numExperts: 4,
        sequences: [
          [
            [
              [0, 1],
              [2, 3],
            ],
            [
              [1, 2],
              [0, 3],
            ],
          ],
        ],
      }),
    );
    const bytes = encodeBinaryTrace(trace);
    // Layout: header 0..31; sequence 0: length 32..35, meta length 36..39 (0); layer 0 ids 40..43; layer 1 ids 44..47.
    const badId = bytes.slice();
    badId[46] = 9; // layer 1, token 1, first slot
    await expect(readTraceBytes(badId)).rejects.toThrow(
      'byte offset 46: expert id 9 is out of range 0..3 (sequence 0, layer 1, token 1)',
    );
    const dup = bytes.slice();
    dup[41] = 0;
    await expect(readTraceBytes(dup)).rejects.toThrow(
      'byte offset 41: expert id 0 appears twice (sequence 0, layer 0, token 0)',
    );
    const moreTokens = bytes.slice();
    moreTokens[32] = 3; // the sequence claims 3 tokens, the header's numTokens says 2
    await expect(readTraceBytes(moreTokens)).rejects.toThrow(/byte offset 32: sequence 0 has 3 tokens, .* numTokens 2/);
    const fewerTokens = bytes.slice();
    fewerTokens[24] = 3; // header numTokens 3, sequences hold 2
    await expect(readTraceBytes(fewerTokens)).rejects.toThrow(
      /byte offset 48: the sequences hold 2 tokens, but the header's numTokens \(byte offset 24\) says 3/,
    );
    const badLayers = bytes.slice();
    badLayers[8] = 0;
    await expect(readTraceBytes(badLayers)).rejects.toThrow(
      'byte offset 8 (numLayers): expected an integer in 1..100000, got 0',
    );
    const badK = bytes.slice();
    badK[16] = 5;
    await expect(readTraceBytes(badK)).rejects.toThrow('byte offset 16 (topK): expected an integer in 1..4, got 5');
  });

  it('says when a file is neither form', async () => {
    await expect(readTraceBytes(new TextEncoder().encode('{"format": '))).rejects.toThrow(
      /neither a binary trace .* nor valid JSON/,
    );
  });
});
