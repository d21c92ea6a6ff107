// Multi-domain character-level text for the MoE language model: a shared character vocabulary
// over all domains, and seeded windows drawn from one domain at a time (so each window has a
// domain label for domain × expert statistics).
import type { Rng } from '../util/random.ts';

export interface TextDomain {
  name: string;
  text: string;
}

export interface TextCorpus {
  /** Characters by id; id = index. */
  vocab: string[];
  domains: string[];
  /** Each domain's text as character ids. */
  encoded: Int32Array[];
}

export function buildCorpus(domains: TextDomain[]): TextCorpus {
  if (domains.length === 0) throw new Error('a text corpus needs at least one domain');
  const chars = new Set<string>();
  for (const domain of domains) for (const ch of domain.text) chars.add(ch);
  const vocab = [...chars].sort();
  const ids = new Map(vocab.map((ch, i) => [ch, i]));
  return {
    vocab,
    domains: domains.map((d) => d.name),
    encoded: domains.map((d) => Int32Array.from([...d.text], (ch) => ids.get(ch)!)),
  };
}

export interface TextBatch {
  batchSize: number;
  length: number;
  /** [B, length] input ids. */
  inputs: Int32Array;
  /** [B, length] next-character targets. */
  targets: Int32Array;
  /** [B] domain of each window. */
  domain: Int32Array;
}

/** `batchSize` windows of `length` + 1 characters; domains take turns so every batch mixes them. */
export function sampleTextBatch(corpus: TextCorpus, batchSize: number, length: number, rng: Rng): TextBatch {
  const inputs = new Int32Array(batchSize * length);
  const targets = new Int32Array(batchSize * length);
  const domain = new Int32Array(batchSize);
  for (let b = 0; b < batchSize; b++) {
    const d = (b + rng.int(corpus.domains.length)) % corpus.domains.length;
    const text = corpus.encoded[d];
    if (text.length < length + 1)
      throw new Error(`domain "${corpus.domains[d]}" is shorter than ${length + 1} characters`);
    const start = rng.int(text.length - length);
    inputs.set(text.subarray(start, start + length), b * length);
    targets.set(text.subarray(start + 1, start + length + 1), b * length);
    domain[b] = d;
  }
  return { batchSize, length, inputs, targets, domain };
}

/** `batchSize` seeded windows from one domain only (evaluation sets, unlearning targets). */
export function sampleDomainBatch(
  corpus: TextCorpus,
  domain: number,
  batchSize: number,
  length: number,
  rng: Rng,
): TextBatch {
  const text = corpus.encoded[domain];
  if (text === undefined)
    throw new Error(`domain ${domain} does not exist: the corpus has domains 0..${corpus.domains.length - 1}`);
  if (text.length < length + 1)
    throw new Error(`domain "${corpus.domains[domain]}" is shorter than ${length + 1} characters`);
  const inputs = new Int32Array(batchSize * length);
  const targets = new Int32Array(batchSize * length);
  for (let b = 0; b < batchSize; b++) {
    const start = rng.int(text.length - length);
    inputs.set(text.subarray(start, start + length), b * length);
    targets.set(text.subarray(start + 1, start + length + 1), b * length);
  }
  return { batchSize, length, inputs, targets, domain: new Int32Array(batchSize).fill(domain) };
}
