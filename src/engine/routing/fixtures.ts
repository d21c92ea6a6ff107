// Tiny hand-written traces for tests: routing given as nested arrays, per sequence, per token, per layer.
import { TRACE_FORMAT, parseJsonTrace } from './traceJson.ts';
import type { RoutingTrace } from './trace.ts';

export interface TinyTrace {
  numExperts: number;
  topK?: number | 'variable';
  /** sequences[s][t][l] = token t's expert ids at layer l. */
  sequences: number[][][][];
  weights?: number[][][][];
  domains?: string[];
}

export function tinyTraceJson({ numExperts, topK, sequences, weights, domains }: TinyTrace) {
  const first = sequences.find((seq) => seq.length > 0)!;
  return {
    format: TRACE_FORMAT,
    version: 1,
    numLayers: first[0].length,
    numExperts,
    topK: topK ?? first[0][0].length,
    sequences: sequences.map((experts, s) => ({
      experts,
      ...(weights ? { weights: weights[s] } : {}),
      ...(domains ? { domain: domains[s] } : {}),
    })),
  };
}

export function tinyTrace(spec: TinyTrace): RoutingTrace {
  return parseJsonTrace(tinyTraceJson(spec));
}

/** One layer, top-1: a sequence given as a flat list of expert ids. */
export function singleLayer(numExperts: number, ...sequences: number[][]): RoutingTrace {
  return tinyTrace({ numExperts, sequences: sequences.map((seq) => seq.map((e) => [[e]])) });
}
