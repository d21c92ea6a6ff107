// The JSON form of a routing trace (version 1, ALGORITHMS.md §0): parse + validate, and write.
// Meant for small traces; large ones use the binary form (traceBinary*.ts).
import { TraceError, allocateIds, checkShape, findBadId, numSequences, type RoutingTrace } from './trace.ts';

export const TRACE_FORMAT = 'tasklab-routing-trace';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(field: string, message: string): never {
  throw new TraceError(`${field}: ${message}`);
}

function readHeader(root: Json) {
  if (root.format !== TRACE_FORMAT) fail('format', `expected "${TRACE_FORMAT}", got ${JSON.stringify(root.format)}`);
  if (root.version !== 1) fail('version', `expected 1, got ${JSON.stringify(root.version)}`);
  const variableK = root.topK === 'variable';
  for (const field of ['numLayers', 'numExperts', ...(variableK ? [] : ['topK'])]) {
    if (typeof root[field] !== 'number') fail(field, `expected an integer, got ${JSON.stringify(root[field])}`);
  }
  const shape = {
    numLayers: root.numLayers as number,
    numExperts: root.numExperts as number,
    topK: variableK ? 0 : (root.topK as number),
    variableK,
  };
  checkShape(shape, (field) => (field === 'topK' ? 'topK (or "variable")' : field));
  if (!Array.isArray(root.sequences)) fail('sequences', 'expected an array of sequences');
  return shape;
}

/** Largest list length, for variable-k traces (their topK is the storage width). */
function widestList(sequences: unknown[]): number {
  let widest = 0;
  sequences.forEach((seq) => {
    if (!isObject(seq) || !Array.isArray(seq.experts)) return;
    for (const token of seq.experts) {
      if (!Array.isArray(token)) continue;
      for (const list of token) if (Array.isArray(list)) widest = Math.max(widest, list.length);
    }
  });
  return widest;
}

/** Validates a parsed JSON trace and packs it into typed arrays. */
export function parseJsonTrace(value: unknown): RoutingTrace {
  if (!isObject(value)) fail('trace', 'expected a JSON object');
  const shape = readHeader(value);
  const sequences = value.sequences as unknown[];
  const { numLayers, numExperts, variableK } = shape;
  const topK = variableK ? Math.min(widestList(sequences), numExperts) : shape.topK;

  const seqStarts = new Int32Array(sequences.length + 1);
  sequences.forEach((seq, s) => {
    if (!isObject(seq)) fail(`sequences[${s}]`, 'expected an object');
    if (!Array.isArray(seq.experts)) fail(`sequences[${s}].experts`, 'expected an array (per token: per layer: ids)');
    seqStarts[s + 1] = seqStarts[s] + seq.experts.length;
  });
  const total = seqStarts[sequences.length];
  const hasWeights = sequences.some((seq) => (seq as Json).weights !== undefined);
  const experts = Array.from({ length: numLayers }, () => allocateIds(numExperts, total * topK));
  const counts = variableK ? Array.from({ length: numLayers }, () => new Uint16Array(total)) : null;
  const weights = hasWeights ? Array.from({ length: numLayers }, () => new Float32Array(total * topK)) : null;
  const trace: RoutingTrace = { ...shape, topK, seqStarts, experts, counts, weights, tokens: [], domains: [] };

  const seen = new Int32Array(numExperts);
  let stamp = 0;
  sequences.forEach((raw, s) => {
    const seq = raw as Json;
    const field = `sequences[${s}]`;
    const rows = seq.experts as unknown[];
    const weightRows = seq.weights;
    if (hasWeights && !Array.isArray(weightRows)) {
      fail(`${field}.weights`, 'missing or not an array; when one sequence has weights, every sequence needs them');
    }
    if (hasWeights && (weightRows as unknown[]).length !== rows.length) {
      fail(`${field}.weights`, `has ${(weightRows as unknown[]).length} tokens but experts has ${rows.length}`);
    }
    rows.forEach((row, t) => {
      const at = `${field}.experts[${t}]`;
      if (!Array.isArray(row)) fail(at, `expected an array of ${numLayers} layers (sequence ${s}, token ${t})`);
      if (row.length !== numLayers)
        fail(at, `has ${row.length} layers, but numLayers is ${numLayers} (sequence ${s}, token ${t})`);
      const global = seqStarts[s] + t;
      row.forEach((list, l) => {
        const where = `(sequence ${s}, token ${t}, layer ${l})`;
        if (!Array.isArray(list)) fail(`${at}[${l}]`, `expected an array of expert ids ${where}`);
        if (!variableK && list.length !== topK) {
          fail(
            `${at}[${l}]`,
            `has ${list.length} expert ids, but topK is ${topK} ${where}; use "topK":"variable" for variable-k routers`,
          );
        }
        const bad = findBadId(list, 0, list.length, numExperts, seen, ++stamp);
        if (bad) fail(`${at}[${l}][${bad.index}]`, `${bad.reason} ${where}`);
        experts[l].set(list as number[], global * topK);
        if (counts) counts[l][global] = list.length;
        if (weights) {
          const wl = (weightRows as unknown[][])[t]?.[l];
          const wAt = `${field}.weights[${t}][${l}]`;
          if (!Array.isArray(wl) || wl.length !== list.length) {
            fail(wAt, `expected ${list.length} numbers, one per expert id ${where}`);
          }
          wl.forEach((w, j) => {
            if (typeof w !== 'number' || !Number.isFinite(w))
              fail(`${wAt}[${j}]`, `expected a finite number, got ${JSON.stringify(w)} ${where}`);
          });
          weights[l].set(wl as number[], global * topK);
        }
      });
    });
    trace.tokens.push(readTokens(seq.tokens, rows.length, field));
    if (seq.domain !== undefined && typeof seq.domain !== 'string') fail(`${field}.domain`, 'expected a string');
    trace.domains.push((seq.domain as string | undefined) ?? null);
  });
  return trace;
}

export function readTokens(tokens: unknown, length: number, field: string): Array<string | number> | null {
  if (tokens === undefined || tokens === null) return null;
  if (!Array.isArray(tokens)) fail(`${field}.tokens`, 'expected an array, one entry per token');
  if (tokens.length !== length)
    fail(`${field}.tokens`, `has ${tokens.length} entries but the sequence has ${length} tokens`);
  tokens.forEach((token, t) => {
    if (typeof token !== 'string' && typeof token !== 'number')
      fail(`${field}.tokens[${t}]`, 'expected a string or a number');
  });
  return tokens as Array<string | number>;
}

/** Float32 values printed with the fewest digits that read back to the same float32. */
function shortFloat(value: number): number {
  for (let digits = 1; digits < 9; digits++) {
    const short = Number(value.toPrecision(digits));
    if (Math.fround(short) === value) return short;
  }
  return value;
}

/** The JSON form (version 1) of a trace, as a plain object ready for JSON.stringify. */
export function traceToJson(trace: RoutingTrace): Json {
  const { numLayers, topK, experts, counts, weights } = trace;
  const sequences = [];
  for (let s = 0; s < numSequences(trace); s++) {
    const rows: number[][][] = [];
    const weightRows: number[][][] = [];
    for (let t = trace.seqStarts[s]; t < trace.seqStarts[s + 1]; t++) {
      const row: number[][] = [];
      const weightRow: number[][] = [];
      for (let l = 0; l < numLayers; l++) {
        const count = counts ? counts[l][t] : topK;
        row.push(Array.from(experts[l].subarray(t * topK, t * topK + count)));
        if (weights) weightRow.push(Array.from(weights[l].subarray(t * topK, t * topK + count), shortFloat));
      }
      rows.push(row);
      weightRows.push(weightRow);
    }
    const seq: Json = { experts: rows };
    if (weights) seq.weights = weightRows;
    if (trace.tokens[s]) seq.tokens = trace.tokens[s];
    if (trace.domains[s] !== null) seq.domain = trace.domains[s];
    sequences.push(seq);
  }
  return {
    format: TRACE_FORMAT,
    version: 1,
    numLayers,
    numExperts: trace.numExperts,
    topK: trace.variableK ? 'variable' : topK,
    sequences,
  };
}
