// Domain × expert usage and the domain–expert mutual information (ALGORITHMS.md Part 2 §2, "Task–expert MI"
// with y = the sequence's domain label). Sequences without a label are left out.
import { numSequences, type RoutingTrace } from './trace.ts';
import type { DomainUsage } from '../../protocol/reports.ts';
export type { DomainUsage };

function entropy(q: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < q.length; i++) if (q[i] > 0) h -= q[i] * Math.log(q[i]);
  return h;
}

/** Null when no sequence carries a domain label. */
export function domainUsage(trace: RoutingTrace, layer: number): DomainUsage | null {
  const { topK: k, numExperts: E } = trace;
  const domains = [...new Set(trace.domains.filter((d): d is string => d !== null))];
  if (domains.length === 0) return null;
  const index = new Map(domains.map((d, i) => [d, i]));
  const joint = domains.map(() => new Float64Array(E));
  const ids = trace.experts[layer];
  const counts = trace.counts?.[layer];
  let total = 0;
  for (let s = 0; s < numSequences(trace); s++) {
    const label = trace.domains[s];
    if (label === null) continue;
    const row = joint[index.get(label)!];
    for (let t = trace.seqStarts[s]; t < trace.seqStarts[s + 1]; t++) {
      const end = t * k + (counts ? counts[t] : k);
      for (let i = t * k; i < end; i++) row[ids[i]]++;
      total += end - t * k;
    }
  }
  const rowSums = joint.map((row) => row.reduce((a, b) => a + b, 0));
  const usage = joint.map((row, d) => Array.from(row, (c) => (rowSums[d] > 0 ? c / rowSums[d] : 0)));
  if (total === 0) return { domains, usage, mutualInformation: 0, normalisedMI: 0 };
  const qDomain = rowSums.map((r) => r / total);
  const qExpert = new Float64Array(E);
  joint.forEach((row) => row.forEach((c, e) => (qExpert[e] += c / total)));
  let mi = 0;
  joint.forEach((row, d) =>
    row.forEach((c, e) => {
      const q = c / total;
      if (q > 0) mi += q * Math.log(q / (qDomain[d] * qExpert[e]));
    }),
  );
  const bound = Math.min(entropy(qDomain), entropy(qExpert));
  return { domains, usage, mutualInformation: mi, normalisedMI: bound > 0 ? mi / bound : 0 };
}
