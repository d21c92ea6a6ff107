// Every routing statistic of a trace in one JSON-ready object: the shape of `tasklab routing`'s output
// (ALGORITHMS.md §0), plus the extra diagnostics of Part 2 §2 under their own keys. Each layer is
// computed on its own (layerReport.ts), here one after the other or, with a pool, in parallel.
import { analyseLayer, layerView, srpDetail, type LayerJob, type LayerResult } from './layerReport.ts';
import { weightsAreLogits } from './load.ts';
import { mergeSrpCounts, srpFromCounts } from './srp.ts';
import { routingStability } from './stability.ts';
import { numSequences, numTokens, TraceError, type RoutingTrace } from './trace.ts';
import type { RoutingReport } from '../../protocol/reports.ts';
export type { RoutingReport };

export type { LayerReport } from './layerReport.ts';

export interface ReportOptions {
  /** Window lengths m for SRP, and look-aheads L for SCH. */
  segments: number[];
  /** Capacity factors for the what-if drop rate. */
  capacityFactors?: number[];
  /** A second checkpoint's trace of the same tokens, for stability. */
  compare?: RoutingTrace;
}

export const DEFAULT_SEGMENTS = [4, 16, 64];
export const DEFAULT_CAPACITY_FACTORS = [1, 1.25, 2];

/** Runs one layer somewhere (a worker of a pool) and resolves with its result. */
export type LayerRunner = (view: RoutingTrace, job: LayerJob) => Promise<LayerResult>;

export interface ParallelOptions {
  /** Layers in flight at once (the pool's size). */
  concurrency: number;
  /** Called as each layer finishes. */
  onLayer?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

function layerJobs(trace: RoutingTrace, options: ReportOptions): LayerJob[] {
  // Every statistic would be a meaningless 0 (or NaN).
  if (numTokens(trace) === 0)
    throw new TraceError('the trace holds no tokens (no sequences, or only empty ones): nothing to analyse');
  const logits = weightsAreLogits(trace);
  const capacityFactors = options.capacityFactors ?? DEFAULT_CAPACITY_FACTORS;
  return Array.from({ length: trace.numLayers }, (_, layer) => ({
    layer,
    segments: options.segments,
    capacityFactors,
    logits,
  }));
}

function assemble(trace: RoutingTrace, options: ReportOptions, results: LayerResult[]): RoutingReport {
  const model: RoutingReport['model'] = { srp: {}, srpDetail: {} };
  options.segments.forEach((m, i) => {
    const result = srpFromCounts(mergeSrpCounts(results.map((r) => r.srpCounts[i])));
    model.srp[m] = result ? result.srp : null;
    model.srpDetail[m] = srpDetail(result);
  });
  const report: RoutingReport = {
    numLayers: trace.numLayers,
    numExperts: trace.numExperts,
    topK: trace.variableK ? 'variable' : trace.topK,
    numSequences: numSequences(trace),
    numTokens: numTokens(trace),
    layers: results.map((r) => r.report),
    model,
    interLayer: results.flatMap((r) => (r.interLayer ? [r.interLayer] : [])),
  };
  if (trace.weights) report.weightsAs = layerJobs(trace, options)[0].logits ? 'logits' : 'probabilities';
  if (options.compare) report.stability = routingStability(trace, options.compare);
  return report;
}

/** The reference: every layer in turn, on this thread. */
export function analyseTrace(trace: RoutingTrace, options: ReportOptions): RoutingReport {
  const results = layerJobs(trace, options).map((job) => analyseLayer(layerView(trace, job.layer), job));
  return assemble(trace, options, results);
}

/** The same report with layers spread over `run` (a worker pool), at most `concurrency` at a time. */
export async function analyseTraceParallel(
  trace: RoutingTrace,
  options: ReportOptions,
  run: LayerRunner,
  parallel: ParallelOptions,
): Promise<RoutingReport> {
  const jobs = layerJobs(trace, options);
  const results: LayerResult[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < jobs.length) {
      parallel.signal?.throwIfAborted();
      const job = jobs[next++];
      results[job.layer] = await run(layerView(trace, job.layer), job);
      parallel.onLayer?.(++done, jobs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel.concurrency, jobs.length)) }, lane));
  return assemble(trace, options, results);
}
