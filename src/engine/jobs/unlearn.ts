// Job `unlearn`: UOE single-expert unlearning of one domain, UOE with the retain-side anchor, and the full-model baseline, all from the
// same starting weights (a retrained copy of the run, see moeCopy.ts), with the same objective and steps.
import type { JobInputs, JobResults, UnlearnMethodResult } from '../../protocol/jobs.ts';
import { UnlearnSpec } from '../../protocol/index.ts';
import { unlearnOptionsFromSpec } from '../moeMethods/fromSpec.ts';
import { unlearnDomain, type UnlearnReport } from '../moeMethods/unlearn.ts';
import type { JobContext } from './context.ts';
import { withTrainedLmCopy } from './moeCopy.ts';

function summary(report: UnlearnReport): UnlearnMethodResult {
  const { objective: _o, forgetDomain: _d, attribution: _a, target: _t, history, ...result } = report;
  // After a divergence the model was restored, so its "after" is the start: the curve ends where it blew up.
  return { ...result, forgetCurve: report.diverged ? history : [...history, report.forgetLoss.after] };
}

export async function unlearnJob(
  input: JobInputs['unlearn'],
  context: JobContext<'unlearn'>,
): Promise<JobResults['unlearn']> {
  const parsed = UnlearnSpec.safeParse({ ...input.unlearn, scope: 'uoe' });
  if (!parsed.success)
    throw new Error(
      `Invalid unlearning settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const settings = parsed.data;
  return withTrainedLmCopy(
    input.spec,
    context,
    context.progress,
    async ({ lm, corpus, data, windowsPerDomain, trainingSeconds }) => {
      const options = unlearnOptionsFromSpec(settings, corpus.domains);
      const forget = options.forgetDomain;
      if (windowsPerDomain[forget] === 0) {
        const total = windowsPerDomain.reduce((a, b) => a + b, 0);
        throw new Error(
          `The forget target "${settings.forget}" has no tokens: none of this run's ${total} text windows come from it, so the model never learned it and there is nothing to unlearn. Give the dataset more samples or fewer domains.`,
        );
      }
      const started = performance.now();
      const onStep = (scope: 'uoe' | 'uoe-retain' | 'full') => (step: number, forgetLoss: number) =>
        context.progress({ phase: 'unlearning', scope, step, totalSteps: settings.steps, forgetLoss });
      const uoe = await unlearnDomain(lm, data, {
        ...options,
        scope: 'uoe',
        restoreAfter: true,
        onStep: onStep('uoe'),
      });
      const uoeRetain = await unlearnDomain(lm, data, {
        ...options,
        scope: 'uoe-retain',
        target: uoe.target,
        restoreAfter: true,
        onStep: onStep('uoe-retain'),
      });
      // The baseline unlearns the same domain; it has no expert of its own, so it reports UOE's target.
      const full = await unlearnDomain(lm, data, {
        ...options,
        scope: 'full',
        target: uoe.target,
        restoreAfter: true,
        onStep: onStep('full'),
      });
      return {
        forget: settings.forget,
        domains: corpus.domains,
        numLayers: lm.options.numLayers,
        numExperts: lm.options.numExperts,
        target: uoe.target,
        attribution: uoe.attribution.scores,
        objective: settings.objective,
        steps: settings.steps,
        learningRate: settings.learningRate,
        maxLoss: settings.maxLoss ?? 5 * Math.log(lm.options.vocabSize),
        uoe: summary(uoe),
        uoeRetain: summary(uoeRetain),
        full: summary(full),
        seconds: { training: trainingSeconds, unlearning: (performance.now() - started) / 1000 },
      };
    },
  );
}
