// One layer's share of a trace report, computed from a view holding only that layer (and the next, for
// inter-layer affinity). Layers are independent, so they can be computed in any order, in any worker:
// `analyseTrace` runs them in turn, `analyseTraceParallel` spreads them over a pool.
import { interLayerAffinity } from './affinity.ts';
import { domainUsage } from './domains.ts';
import { coefficientOfVariation, dropRates, expertLoad, routerEntropy } from './load.ts';
import { layerSch } from './sch.ts';
import { addSrpCounts, emptySrpCounts, srpFromCounts, type SrpCounts, type SrpResult } from './srp.ts';
import type { RoutingTrace } from './trace.ts';
import type { LayerReport, InterLayer } from '../../protocol/reports.ts';
export type { LayerReport, InterLayer };

/** What one layer needs besides its view; `logits` is decided once over the whole trace. */
export interface LayerJob {
  layer: number;
  segments: number[];
  capacityFactors: number[];
  logits: boolean;
}

export interface LayerResult {
  report: LayerReport;
  /** Window counts per segment length, pooled across layers into the whole-model SRP. */
  srpCounts: SrpCounts[];
  /** Affinity of this layer onto the next; null for the last layer. */
  interLayer: InterLayer | null;
}

/** Layer `layer` (and `layer + 1` when there is one) as a trace of its own; arrays are shared, not copied. */
export function layerView(trace: RoutingTrace, layer: number): RoutingTrace {
  const layers = layer + 1 < trace.numLayers ? [layer, layer + 1] : [layer];
  return {
    ...trace,
    numLayers: layers.length,
    experts: layers.map((l) => trace.experts[l]),
    counts: trace.counts && layers.map((l) => trace.counts![l]),
    weights: trace.weights && [trace.weights[layer]],
    tokens: [],
  };
}

export function srpDetail(result: SrpResult | null): Omit<SrpResult, 'srp'> | null {
  return result && { threshold: result.threshold, bestM: result.bestM, actR: result.actR };
}

function matrix(values: Float64Array, size: number): number[][] {
  return Array.from({ length: size }, (_, a) => Array.from(values.subarray(a * size, (a + 1) * size)));
}

/** Every statistic of the view's first layer (see `layerView`). */
export function analyseLayer(view: RoutingTrace, job: LayerJob): LayerResult {
  const load = expertLoad(view, 0);
  const report: LayerReport = {
    srp: {},
    sch: {},
    load: Array.from(load),
    loadCV: coefficientOfVariation(load),
    srpDetail: {},
    dropRate: {},
  };
  const srpCounts = job.segments.map((m) => {
    const counts = addSrpCounts(view, 0, emptySrpCounts(m));
    const result = srpFromCounts(counts);
    report.srp[m] = result ? result.srp : null;
    report.srpDetail[m] = srpDetail(result);
    report.sch[m] = Array.from(layerSch(view, 0, m));
    return counts;
  });
  const entropy = routerEntropy(view, 0, job.logits);
  if (entropy) {
    report.entropy = entropy.mean;
    report.marginalEntropy = entropy.marginal;
  }
  const drops = dropRates(view, 0, job.capacityFactors);
  job.capacityFactors.forEach((cf, i) => (report.dropRate[cf] = drops[i]));
  const domains = domainUsage(view, 0);
  if (domains) report.domainUsage = domains;
  let interLayer: InterLayer | null = null;
  if (view.numLayers > 1) {
    const affinity = interLayerAffinity(view, 0);
    interLayer = {
      from: job.layer,
      to: job.layer + 1,
      peak: affinity.peak,
      conditional: matrix(affinity.conditional, view.numExperts),
    };
  }
  return { report, srpCounts, interLayer };
}
