// Pure helpers of the unlearning and knockout views: matrices for the heatmaps, the retain table's
// rows and the screen-reader sentences that describe each chart.
import type { KnockoutJobResult, UnlearnJobResult, UnlearnMethodResult } from '../../protocol/jobs.ts';
import { pct as sharePct } from '../../shared/stats.ts';

/** Number formats shared by the views' tables, labels and sentences. */
export const f3 = (x: number) => x.toFixed(3);
export const signed = (x: number) => (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(3);
/** Two decimals below 1%, so a small share never reads as 0.0%. */
export const pct = (x: number) => sharePct(x, x < 0.01 ? 2 : 1);
export const expertNames = (numExperts: number) => Array.from({ length: numExperts }, (_, e) => `e${e}`);

/** Domain × expert selection rates at one layer, row-major. */
export function selectionAt(selection: number[][][], layer: number): Float64Array {
  const rows = selection.map((domain) => domain[layer] ?? []);
  const numExperts = rows[0]?.length ?? 0;
  const out = new Float64Array(rows.length * numExperts);
  rows.forEach((row, d) => row.forEach((v, e) => (out[d * numExperts + e] = v)));
  return out;
}

/** after − before, element by element. */
export const shift = (after: Float64Array, before: Float64Array) => after.map((v, i) => v - before[i]);

/** Mean |Δ| of the retained domains' losses. */
export const retainDrift = (method: UnlearnMethodResult) =>
  method.retainLoss.length === 0
    ? 0
    : method.retainLoss.reduce((s, r) => s + Math.abs(r.after - r.before), 0) / method.retainLoss.length;

export interface RetainRow {
  domain: string;
  before: number;
  uoe: number;
  uoeRetain: number;
  full: number;
}

/** One row per retained domain: its loss before, after UOE, after UOE + retain anchor and after the full-model baseline. */
export function retainRows(result: UnlearnJobResult): RetainRow[] {
  return result.uoe.retainLoss.map((r, i) => ({
    domain: r.domain,
    before: r.before,
    uoe: r.after,
    uoeRetain: result.uoeRetain.retainLoss[i].after,
    full: result.full.retainLoss[i].after,
  }));
}

/**
 * Retain routing shift at a layer: Σ over retained domains and experts of |selection after − before|
 * (how far unlearning moved the tokens it should have left alone).
 */
export function retainRoutingShift(result: UnlearnJobResult, method: UnlearnMethodResult, layer: number): number {
  const forget = result.domains.indexOf(result.forget);
  const before = selectionAt(method.selectionBefore, layer);
  const after = selectionAt(method.selectionAfter, layer);
  const E = result.numExperts;
  let total = 0;
  for (let i = 0; i < before.length; i++) if (Math.floor(i / E) !== forget) total += Math.abs(after[i] - before[i]);
  return total;
}

const methodName = { uoe: 'UOE', 'uoe-retain': 'UOE + retain anchor', full: 'full-model' } as const;

/** What happened to a method that diverged, for an alert; undefined when it did not. */
export function divergenceMessage(result: UnlearnJobResult, method: UnlearnMethodResult): string | undefined {
  if (!method.diverged) return undefined;
  const last = method.forgetCurve.at(-1);
  const seen =
    last === undefined
      ? ''
      : Number.isFinite(last)
        ? ` (forget loss ${f3(last)} > limit ${f3(result.maxLoss)})`
        : ` (forget loss ${last})`;
  return (
    `${methodName[method.scope]} unlearning diverged at step ${method.stepsRun}${seen}. It was stopped and the model restored to its state before unlearning, ` +
    `so its figures below are the starting model's. Try a lower learning rate (now ${result.learningRate}) or the NPO objective.`
  );
}

export function curveSummary(result: UnlearnJobResult): string {
  const part = (m: UnlearnMethodResult) =>
    `${methodName[m.scope]} ${f3(m.forgetLoss.before)} → ${f3(m.forgetLoss.after)}${m.diverged ? ' (diverged, restored)' : ''}`;
  return `Forget-set loss of "${result.forget}" over ${result.steps} unlearning steps (nats per character): ${part(result.uoe)}; ${part(result.uoeRetain)}; ${part(result.full)}.`;
}

export function methodSummary(result: UnlearnJobResult): string {
  const { uoe, full } = result;
  return (
    `UOE unlearned expert e${result.target.expert} of layer ${result.target.layer}, touching ${pct(uoe.touchedFraction)} of the parameters against ${pct(full.touchedFraction)} for full-model unlearning. ` +
    `Mean retain-loss change ${f3(retainDrift(uoe))} vs ${f3(retainDrift(full))}; the target expert's selection rate on "${result.forget}" went ` +
    `${f3(uoe.targetRate.before)} → ${f3(uoe.targetRate.after)} under UOE and → ${f3(full.targetRate.after)} under full-model unlearning. ` +
    `Retain routing shift at layer ${result.target.layer}: UOE ${f3(retainRoutingShift(result, uoe, result.target.layer))}, UOE + retain anchor ${f3(retainRoutingShift(result, result.uoeRetain, result.target.layer))}, full ${f3(retainRoutingShift(result, full, result.target.layer))}.`
  );
}

/** The largest selection change of a shift matrix, in words. */
export function shiftSummary(
  label: string,
  values: Float64Array,
  domains: string[],
  numExperts: number,
  layer: number,
): string {
  let best = 0;
  values.forEach((v, i) => Math.abs(v) > Math.abs(values[best]) && (best = i));
  const total = values.reduce((s, v) => s + Math.abs(v), 0);
  const d = Math.floor(best / numExperts);
  const e = best % numExperts;
  return (
    `Routing shift after ${label} at layer ${layer}: domain (rows) × expert (columns) change in selection rate. Total |shift| ${f3(total)}; ` +
    `largest ${signed(values[best] ?? 0)} for "${domains[d]}" on expert e${e}.`
  );
}

export function selectionSummary(
  label: string,
  values: Float64Array,
  domains: string[],
  numExperts: number,
  layer: number,
): string {
  const favourites = domains.map((name, d) => {
    const row = values.subarray(d * numExperts, (d + 1) * numExperts);
    const e = row.indexOf(Math.max(...row));
    return `${name} mostly e${e} (${f3(row[e])})`;
  });
  return `Selection rate ${label} at layer ${layer}, domain (rows) × expert (columns): ${favourites.join('; ')}.`;
}

export function attributionSummary(result: UnlearnJobResult): string {
  const { layer, expert } = result.target;
  return `Attribution on "${result.forget}": mean gate mass per expert, layer (rows) × expert (columns); the most engaged is e${expert} of layer ${layer} (${f3(result.attribution[layer][expert])}).`;
}

/** Rows × domains Δloss, row-major. */
export const knockoutValues = (result: KnockoutJobResult) => Float64Array.from(result.rows.flatMap((r) => r.delta));

export function knockoutSummary(result: KnockoutJobResult): string {
  const perDomain = result.domains.map((domain, d) => {
    const singles = result.rows.filter((r) => r.experts.length === 1);
    const pool = singles.length > 0 ? singles : result.rows;
    const worst = pool.reduce((a, b) => (b.delta[d] > a.delta[d] ? b : a));
    return `${domain} hurt most by ${worst.label} (${signed(worst.delta[d])})`;
  });
  return `Knockout Δloss, knocked-out experts (rows) × domain (columns), nats per character: ${perDomain.join('; ')}.`;
}
