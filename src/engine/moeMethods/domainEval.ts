// Evaluating the MoE language model one domain at a time: each domain's mean next-character loss and
// its routing records, on fixed batches, so that before/after comparisons see the same tokens.
import * as tf from '@tensorflow/tfjs';
import { runAnswered } from '../hostReads.ts';
import { sampleDomainBatch, type TextBatch, type TextCorpus } from '../data/textCorpus.ts';
import type { LmForwardOptions, MoeTransformer } from '../models/moeTransformer.ts';
import type { RoutingInfo } from '../models/moe/types.ts';
import { createRng } from '../util/random.ts';

/** One fixed batch of single-domain windows per domain; batches[d] holds domain d's windows. */
export interface DomainBatches {
  domains: string[];
  batches: TextBatch[];
}

export interface DomainEvaluation {
  /** [domains] mean cross-entropy (nats per character). */
  losses: number[];
  /** routing[d][l]: what layer l's router did on domain d's batch. */
  routing: RoutingInfo[][];
}

export function makeDomainBatches(
  corpus: TextCorpus,
  windowsPerDomain: number,
  length: number,
  seed: number,
): DomainBatches {
  const rng = createRng(seed);
  return {
    domains: corpus.domains,
    batches: corpus.domains.map((_, d) => sampleDomainBatch(corpus, d, windowsPerDomain, length, rng)),
  };
}

/** Async: the router's host reads are answered in advance and the losses read asynchronously (WebGPU). */
export async function evaluateDomains(
  model: MoeTransformer,
  data: DomainBatches,
  options: LmForwardOptions = {},
): Promise<DomainEvaluation> {
  const losses: number[] = [];
  const routing: RoutingInfo[][] = [];
  for (const batch of data.batches) {
    const out = await runAnswered(() =>
      model.forward(batch, data.domains.length, { ...options, keepProbs: false, windowLosses: false }),
    );
    losses.push((await out.loss.data())[0]);
    routing.push(out.routing);
    tf.dispose([out.loss, out.domainLosses, out.aux]);
  }
  return { losses, routing };
}

/**
 * Selection frequency [E] of each expert at one layer: the fraction of tokens whose chosen set
 * (the router's choice, before capacity) includes it. Rows sum to the mean number of experts per token.
 */
export function selectionFrequency(routing: RoutingInfo): number[] {
  const freq = new Array<number>(routing.numExperts).fill(0);
  for (const e of routing.topIds) if (e >= 0) freq[e] += 1 / routing.numTokens;
  return freq;
}
