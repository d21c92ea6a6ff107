// Job `knockout`: disable experts of a retrained copy of an moe-lm run at inference (moeCopy.ts) and
// report each domain's Δloss: one row per picked expert, and one for the picked set together.
import type { JobInputs, JobResults, KnockoutRow } from '../../protocol/jobs.ts';
import { KnockoutSpec } from '../../protocol/index.ts';
import { evaluateDomains } from '../moeMethods/domainEval.ts';
import { knockOut } from '../moeMethods/knockout.ts';
import type { JobContext } from './context.ts';
import { withTrainedLmCopy } from './moeCopy.ts';

export async function knockoutJob(
  input: JobInputs['knockout'],
  context: JobContext<'knockout'>,
): Promise<JobResults['knockout']> {
  const parsed = KnockoutSpec.safeParse(input.knockout);
  if (!parsed.success)
    throw new Error(
      `Invalid knockout: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return withTrainedLmCopy(input.spec, context, context.progress, async ({ lm, corpus, data, trainingSeconds }) => {
    const { numLayers, numExperts } = lm.options;
    const all = Array.from({ length: numLayers * numExperts }, (_, i) => ({
      layer: Math.floor(i / numExperts),
      expert: i % numExperts,
    }));
    const picked = parsed.data.experts.length > 0 ? parsed.data.experts : all;
    const started = performance.now();
    const baseline = (await evaluateDomains(lm, data)).losses;
    const sets = picked.map((p) => ({ label: `layer ${p.layer} · e${p.expert}`, experts: [p] }));
    if (picked.length > 1) sets.push({ label: `all ${picked.length} together`, experts: picked });
    const rows: KnockoutRow[] = [];
    for (const set of sets) {
      const { delta } = await knockOut(lm, data, set.experts, baseline);
      rows.push({ ...set, delta });
      context.progress({ phase: 'knockout', done: rows.length, total: sets.length });
    }
    return {
      domains: corpus.domains,
      numLayers,
      numExperts,
      baseline,
      rows,
      seconds: { training: trainingSeconds, knockout: (performance.now() - started) / 1000 },
    };
  });
}
