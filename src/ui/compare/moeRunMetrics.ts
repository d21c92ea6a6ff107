// Per-run routing metrics for a compare cell over MoE runs (issue 9), from each run's latest routing
// snapshot: load CV, SRP at m = 4, SCH hit rate, inter-layer affinity, competition steps. Pure.
import type { ExperimentSpec, SnapshotEvent } from '../../protocol/index.ts';
import { routingSnapshots } from '../routing/routingSeries.ts';
import { mean } from '../../shared/stats.ts';

/** Segment length m of the SRP column and look-ahead L of the SCH column. */
export const METRIC_SEGMENT = 4;

export interface MoeRunMetrics {
  /** Mean over layers of the load's coefficient of variation (0 = balanced). */
  loadCV: number;
  /** Mean over layers of SRP at m = METRIC_SEGMENT (NaN when the window is longer than the run's). */
  srp: number;
  /** Mean over layers of the SCH hit rate at look-ahead METRIC_SEGMENT with a cache of `cacheSize` experts. */
  sch: number;
  /** Cache size C of the SCH column: 2k experts (about twice the active ones), below E where k < E (a cache of all E always hits). */
  cacheSize: number;
  /** Mean over adjacent layer pairs of mean_a max_b P(b|a) (0–1); NaN with one layer. */
  interLayer: number;
  /** CompeteSMoE competition steps (undefined for other routers or unfinished runs). */
  competitionSteps?: number;
  /** Mean validation loss over tasks/domains (undefined until the run finished). */
  validationLoss?: number;
  /** [layers × E] expert load of the latest snapshot, and its step. */
  load: Float32Array;
  numLayers: number;
  numExperts: number;
  step: number;
}

interface RunLike {
  spec: ExperimentSpec;
  snapshots: SnapshotEvent[];
  result?: { competitionSteps?: number; tasks: { validationLoss: number }[] };
}

/** The run's metrics, or undefined when it has no routing snapshot yet (or is no MoE run). */
export function moeRunMetrics(run: RunLike): MoeRunMetrics | undefined {
  const snapshot = routingSnapshots(run.snapshots).at(-1);
  if (!snapshot || snapshot.layers.length === 0) return undefined;
  const E = snapshot.numExperts;
  const k =
    run.spec.model.kind === 'moe-lm' || run.spec.model.kind === 'mmoe' || run.spec.model.kind === 'ple'
      ? run.spec.model.k
      : 1;
  const cacheSize = Math.max(Math.min(k, E), Math.min(2 * k, E - 1));
  const at = snapshot.segments?.indexOf(METRIC_SEGMENT) ?? -1;
  const load = new Float32Array(snapshot.layers.length * E);
  snapshot.layers.forEach((layer, l) => load.set(layer.load, l * E));
  const tasks = run.result?.tasks ?? [];
  return {
    loadCV: mean(snapshot.layers.map((l) => l.loadCV)),
    srp: at < 0 ? NaN : mean(snapshot.layers.map((l) => l.srp?.[at] ?? NaN)),
    sch: at < 0 ? NaN : mean(snapshot.layers.map((l) => l.sch?.[at * E + cacheSize - 1] ?? NaN)),
    cacheSize,
    interLayer: snapshot.interLayerPeak ? mean(Array.from(snapshot.interLayerPeak)) : NaN,
    competitionSteps: run.result?.competitionSteps,
    validationLoss: tasks.length ? mean(tasks.map((t) => t.validationLoss)) : undefined,
    load,
    numLayers: snapshot.layers.length,
    numExperts: E,
    step: snapshot.step,
  };
}

/** A cell of the metrics table: 3 significant digits, "—" for missing or undefined values. */
export const formatMetric = (value: number | undefined, digits = 3) =>
  value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
