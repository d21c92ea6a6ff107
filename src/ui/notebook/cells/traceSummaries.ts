// Sentences for screen readers (and the cell's caption) about a trace's statistics.
import type { TraceStats } from '../../../protocol/jobs.ts';
import { segmentsOf } from './traceSeries.ts';
import { pct } from '../../../shared/stats.ts';

const num = (value: number) => (Number.isFinite(value) ? value.toFixed(3).replace(/\.?0+$/, '') : 'n/a');

/** The n experts with the largest share of activations, ties by lower id. */
export function mostUsedExperts(load: number[], n = 3): { expert: number; share: number }[] {
  return load
    .map((share, expert) => ({ expert, share }))
    .sort((a, b) => b.share - a.share || a.expert - b.expert)
    .slice(0, n);
}

/** The segment length closest to 16 (the summaries' reference m), preferring the smaller on a tie. */
export function referenceSegment(stats: TraceStats): number {
  const segments = segmentsOf(stats);
  return segments.reduce(
    (best, m) => (Math.abs(Math.log2(m / 16)) < Math.abs(Math.log2(best / 16)) ? m : best),
    segments[0],
  );
}

export function describeTrace(stats: TraceStats): string {
  const k = stats.topK === 'variable' ? 'variable k' : `top-${stats.topK}`;
  return `${stats.numLayers} MoE layers × ${stats.numExperts} experts, ${k}; ${stats.numSequences} sequences, ${stats.numTokens} tokens.`;
}

export function srpSummary(stats: TraceStats): string {
  const m = referenceSegment(stats);
  const model = stats.model.srp[m];
  const layers = stats.layers.map((layer, l) => `layer ${l} ${num(layer.srp[m] ?? Number.NaN)}`).join(', ');
  return `SRP over segment length. At m = ${m}: whole model ${model === null ? 'n/a' : num(model)}; ${layers}.`;
}

export function schSummary(stats: TraceStats, lookAhead: number): string {
  const C = Math.max(1, Math.round(stats.numExperts / 4));
  const hits = stats.layers.map((layer) => layer.sch[lookAhead]?.[C - 1] ?? Number.NaN);
  const mean = hits.reduce((a, b) => a + b, 0) / hits.length;
  return `SCH hit rate over cache size at look-ahead ${lookAhead}. With a cache of ${C} of ${stats.numExperts} experts the mean hit rate over layers is ${pct(mean)} (${hits.map((h, l) => `layer ${l} ${pct(h)}`).join(', ')}).`;
}

export function loadSummary(stats: TraceStats): string {
  const parts = stats.layers.map((layer, l) => {
    const top = mostUsedExperts(layer.load, 2).map(({ expert, share }) => `expert ${expert} ${pct(share)}`);
    return `layer ${l}: ${top.join(', ')}`;
  });
  return `Expert load per layer (share of activations). Most used: ${parts.join('; ')}.`;
}

export function diagnosticsSummary(stats: TraceStats): string {
  const worst = stats.layers.reduce((w, layer, l) => (layer.loadCV > stats.layers[w].loadCV ? l : w), 0);
  const entropy = stats.layers.every((layer) => layer.entropy !== undefined)
    ? ` Router entropy ${stats.layers.map((layer, l) => `layer ${l} ${num(layer.entropy!)}`).join(', ')}.`
    : ' No router weights, so no entropy.';
  return `Load coefficient of variation per layer: ${stats.layers.map((layer, l) => `layer ${l} ${num(layer.loadCV)}`).join(', ')}; least balanced is layer ${worst}.${entropy}`;
}

export function affinitySummary(pair: TraceStats['interLayer'][number]): string {
  const strongest = pair.conditional
    .map((row, a) => ({ a, b: row.indexOf(Math.max(...row)), p: Math.max(...row) }))
    .sort((x, y) => y.p - x.p)
    .slice(0, 3)
    .map(({ a, b, p }) => `expert ${a} → ${b} (${pct(p)})`);
  return `Inter-layer affinity from layer ${pair.from} to ${pair.to}: probability of each expert at layer ${pair.to} given an expert at layer ${pair.from}. Peak ${num(pair.peak)}. Strongest: ${strongest.join(', ')}.`;
}

export function domainSummary(usage: NonNullable<TraceStats['layers'][number]['domainUsage']>, layer: number): string {
  const parts = usage.domains.map((domain, d) => {
    const top = mostUsedExperts(usage.usage[d], 2).map(({ expert, share }) => `expert ${expert} ${pct(share)}`);
    return `${domain}: ${top.join(', ')}`;
  });
  return `Domain × expert usage at layer ${layer} (normalised mutual information ${num(usage.normalisedMI)}). Most used: ${parts.join('; ')}.`;
}
