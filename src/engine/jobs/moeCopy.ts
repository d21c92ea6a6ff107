// The unlearn and knockout jobs study a copy of a run's MoE language model: the run's model lives in
// another worker and is gone once it finishes, so the job retrains the spec through runExperiment itself
// (same spec, seed and backend ⇒ the same weights) and hands the trained transformer over before it is
// disposed. The cost is one more training of the run, shown as the job's first phase.
import type { JobKind, MoeCopyProgress } from '../../protocol/jobs.ts';
import { expertInterventionProblem } from '../../shared/expertInterventions.ts';
import { parseSpec, type ExperimentSpec } from '../../protocol/index.ts';
import { getField } from '../data/dataset.ts';
import { buildCorpus, type TextCorpus } from '../data/textCorpus.ts';
import type { MoeLmModel } from '../models/moeLm.ts';
import type { MoeTransformer } from '../models/moeTransformer.ts';
import { makeDomainBatches, type DomainBatches } from '../moeMethods/domainEval.ts';
import { runExperiment } from '../run.ts';
import { deriveSeed } from '../util/random.ts';
import type { JobContext } from './context.ts';

export interface TrainedLmCopy {
  lm: MoeTransformer;
  spec: ExperimentSpec;
  corpus: TextCorpus;
  /** Fixed evaluation windows per domain (16 each), the same before and after an intervention. */
  data: DomainBatches;
  /** Windows of each domain in the run's text data: what the model was trained on. */
  windowsPerDomain: number[];
  trainingSeconds: number;
}

const EVAL_WINDOWS_PER_DOMAIN = 16;

export async function withTrainedLmCopy<K extends JobKind, T>(
  input: unknown,
  context: JobContext<K>,
  progress: (update: MoeCopyProgress) => void,
  use: (copy: TrainedLmCopy) => T | Promise<T>,
): Promise<T> {
  const parsed = parseSpec(input);
  if (!parsed.ok) throw new Error(`Invalid experiment spec:\n${parsed.errors.join('\n')}`);
  const spec = parsed.spec;
  const problem = expertInterventionProblem(spec);
  if (problem) throw new Error(problem);
  if (spec.dataset.kind !== 'text') throw new Error('the moe-lm model needs a text dataset');
  const textSpec = spec.dataset;
  const texts = (await context.loadTexts?.(spec)) ?? {};
  const started = performance.now();
  let result: { value: T } | undefined;
  await runExperiment(spec, {
    backend: { wasmPaths: context.wasmPaths },
    texts,
    emit: (event) => {
      if (event.type === 'ready') {
        const { type: _type, ...report } = event;
        context.backend?.(report);
      }
      if (event.type === 'progress')
        progress({ phase: 'training', step: event.firstStep + event.numSteps, totalSteps: spec.training.steps });
    },
    afterTraining: async (model, dataset) => {
      const trainingSeconds = (performance.now() - started) / 1000;
      // The same text, so the same character vocabulary as the dataset the model was trained on.
      const corpus = buildCorpus(
        textSpec.domains.map((name) => ({ name, text: textSpec.texts?.[name] ?? texts[name] ?? '' })),
      );
      if (corpus.vocab.join('') !== dataset.vocab?.join(''))
        throw new Error('the corpus changed while the copy trained; run the job again');
      const windowsPerDomain = new Array<number>(corpus.domains.length).fill(0);
      for (const d of getField(dataset, 'domain').values) windowsPerDomain[d]++;
      const data = makeDomainBatches(
        corpus,
        EVAL_WINDOWS_PER_DOMAIN,
        textSpec.windowLength,
        deriveSeed(spec.seed, 'interventions/eval'),
      );
      result = {
        value: await use({
          lm: (model as MoeLmModel).transformer,
          spec,
          corpus,
          data,
          windowsPerDomain,
          trainingSeconds,
        }),
      };
    },
  });
  if (!result) throw new Error('the copy of the model did not finish training');
  return result.value;
}
