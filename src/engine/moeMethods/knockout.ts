// Expert knockout: take experts out at inference (each token falls to its next choices, the other
// gates unchanged) and measure how much each domain's loss moves. One knockout per (layer, expert)
// gives an expert × domain Δloss matrix, a quick attribution view.
import type { MoeTransformer } from '../models/moeTransformer.ts';
import { evaluateDomains, type DomainBatches } from './domainEval.ts';

/** Experts to knock out: a list of (layer, expert) pairs. */
export type Knockout = readonly { layer: number; expert: number }[];

export interface KnockoutResult {
  /** [domains] loss with every expert in place. */
  baseline: number[];
  /** [domains] loss with the knockout applied. */
  losses: number[];
  /** losses − baseline. */
  delta: number[];
}

export interface KnockoutMatrix {
  numLayers: number;
  numExperts: number;
  domains: string[];
  baseline: number[];
  /** delta[(l·E + e)·D + d] = Δloss of domain d when expert e of layer l alone is knocked out. */
  delta: Float64Array;
}

function perLayer(model: MoeTransformer, knockout: Knockout): number[][] {
  const { numLayers, numExperts } = model.options;
  const lists: number[][] = Array.from({ length: numLayers }, () => []);
  for (const { layer, expert } of knockout) {
    if (!Number.isInteger(layer) || layer < 0 || layer >= numLayers)
      throw new Error(`knockout: layer ${layer} does not exist (layers 0..${numLayers - 1})`);
    if (!Number.isInteger(expert) || expert < 0 || expert >= numExperts)
      throw new Error(`knockout: expert ${expert} does not exist (experts 0..${numExperts - 1})`);
    lists[layer].push(expert);
  }
  return lists;
}

function requireRouted(model: MoeTransformer): void {
  if (model.options.router.kind === 'soft')
    throw new Error('knockout needs routed experts; a soft MoE mixes every expert into every slot');
}

/** Per-domain loss with a set of experts knocked out, beside the intact model's. */
export async function knockOut(
  model: MoeTransformer,
  data: DomainBatches,
  knockout: Knockout,
  baseline?: number[],
): Promise<KnockoutResult> {
  requireRouted(model);
  const lists = perLayer(model, knockout);
  const base = baseline ?? (await evaluateDomains(model, data)).losses;
  const losses = (await evaluateDomains(model, data, { knockout: lists })).losses;
  return { baseline: base, losses, delta: losses.map((loss, d) => loss - base[d]) };
}

/** Δloss of every domain for every single-expert knockout. */
export async function knockoutMatrix(model: MoeTransformer, data: DomainBatches): Promise<KnockoutMatrix> {
  requireRouted(model);
  const { numLayers, numExperts } = model.options;
  const numDomains = data.domains.length;
  const baseline = (await evaluateDomains(model, data)).losses;
  const delta = new Float64Array(numLayers * numExperts * numDomains);
  for (let l = 0; l < numLayers; l++) {
    for (let e = 0; e < numExperts; e++) {
      const { delta: row } = await knockOut(model, data, [{ layer: l, expert: e }], baseline);
      row.forEach((value, d) => (delta[(l * numExperts + e) * numDomains + d] = value));
    }
  }
  return { numLayers, numExperts, domains: data.domains, baseline, delta };
}
