// The ExperimentSpec schema that every entry point (worker, CLI, URL, UI, files) validates with
// before anything runs; every field has a default, so `{}` is a valid spec.
import { z } from 'zod';
import { int } from './numbers.ts';
import { BackendChoice } from './backend.ts';
import { DatasetSpec, PlantedDatasetSpec } from './dataset.ts';
import { ModelSpec, SharedBottomSpec } from './model.ts';

export const TrainingSpec = z.object({
  steps: int(1, 1_000_000).default(300),
  batchSize: int(1, 65_536).default(64),
  learningRate: z.number().positive().max(10).default(0.005),
  optimizer: z.enum(['adam', 'sgd', 'momentum']).default('adam'),
  /** Fraction of samples held out for validation metrics. */
  validationFraction: z.number().min(0).max(0.9).default(0.2),
  // The four below are optional, not defaulted: absent means off, so specs (and share links) that
  // do not use them stay as short as before.
  /** After warm-up: a constant learning rate (absent) or cosine decay towards 0 at the last step. */
  schedule: z.enum(['constant', 'cosine']).optional(),
  /** Steps over which the learning rate rises linearly from lr/warmupSteps to lr (absent: none). */
  warmupSteps: int(0, 1_000_000).optional(),
  /** Decoupled weight decay (AdamW-style): every step shrinks each weight by lr·weightDecay of itself. */
  weightDecay: z.number().min(0).max(1).optional(),
  /** Largest global gradient norm; larger gradients are scaled down to it (absent or 0: no clipping). */
  gradClipNorm: z.number().min(0).max(1e6).optional(),
});

/** Live task-affinity measurement during training (ALGORITHMS.md Part 1 §1–§2). */
export const AffinitySpec = z.object({
  method: z.enum(['lookahead', 'cosine']),
  /** Measure every `every` training steps (TAG's official code: every 10). */
  every: int(1, 1_000_000).default(10),
  /** Steps to skip before the first measurement; default 20 with Adam (its first steps are huge), else 0. */
  skipSteps: int(0, 1_000_000).optional(),
  /** Lookahead step size η; defaults to the training learning rate. */
  learningRate: z.number().positive().max(10).optional(),
});
export type AffinitySpec = z.infer<typeof AffinitySpec>;

/** UOE unlearning of one domain of the MoE language model, or its all-parameter baseline (issue 9). */
export const UnlearnSpec = z.object({
  /** Name of the domain to forget. */
  forget: z.string().min(1).max(200),
  scope: z.enum(['uoe', 'uoe-retain', 'full']).default('uoe'),
  objective: z.enum(['ga', 'npo']).default('npo'),
  steps: int(1, 10_000).default(20),
  learningRate: z.number().positive().max(10).default(3e-3),
  npoBeta: z.number().positive().max(10).default(0.1),
  /** Router anchor weight (UOE only; 0 turns it off). */
  anchorWeight: z.number().min(0).max(100).default(1),
  /** Retain-side anchor weight (scope 'uoe-retain'): KL of the target layer's router on retained tokens to its state before. */
  retainAnchorWeight: z.number().min(0).max(1000).default(100),
  /** Forget loss (nats per character) counted as divergence; default 5·ln(vocabulary size). */
  maxLoss: z.number().positive().optional(),
});
export type UnlearnSpec = z.infer<typeof UnlearnSpec>;

/** Experts to knock out at inference: (layer, expert) pairs. */
export const KnockoutSpec = z.object({
  experts: z
    .array(z.object({ layer: int(0, 1023), expert: int(0, 65_535) }))
    .max(65_536)
    .default([]),
});
export type KnockoutSpec = z.infer<typeof KnockoutSpec>;

export const ExperimentSpec = z
  .object({
    name: z.string().max(200).default('Planted clusters'),
    seed: int(0, 2 ** 31 - 1).default(1),
    backend: BackendChoice.default('auto'),
    dataset: DatasetSpec.default(() => PlantedDatasetSpec.parse({ kind: 'planted' })),
    model: ModelSpec.default(() => SharedBottomSpec.parse({ kind: 'shared-bottom' })),
    training: TrainingSpec.default(() => TrainingSpec.parse({})),
    /** Optional: measure task affinity while training and report it as snapshots. */
    affinity: AffinitySpec.optional(),
  })
  .superRefine((spec, ctx) => {
    // The language model reads text windows, and text windows need the language model.
    if ((spec.model.kind === 'moe-lm') !== (spec.dataset.kind === 'text')) {
      const message =
        spec.model.kind === 'moe-lm'
          ? 'the moe-lm model needs a text dataset'
          : `a text dataset needs the moe-lm model, not ${spec.model.kind}`;
      ctx.addIssue({ code: 'custom', path: ['model', 'kind'], message });
    }
    if (spec.model.kind === 'moe-lm' && spec.model.dModel % spec.model.numHeads !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['model', 'numHeads'],
        message: `dModel ${spec.model.dModel} is not a multiple of numHeads ${spec.model.numHeads}`,
      });
    }
    if (
      spec.dataset.kind === 'planted' &&
      spec.dataset.labelShares &&
      spec.dataset.labelShares.length !== spec.dataset.numTasks
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['dataset', 'labelShares'],
        message: `${spec.dataset.labelShares.length} label shares for ${spec.dataset.numTasks} tasks`,
      });
    }
    if (
      spec.model.kind === 'home' &&
      spec.model.categories &&
      'numTasks' in spec.dataset &&
      spec.model.categories.length !== spec.dataset.numTasks
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['model', 'categories'],
        message: `${spec.model.categories.length} categories for ${spec.dataset.numTasks} tasks`,
      });
    }
    // A branched model's tree must cover exactly the dataset's tasks (when the spec says how many).
    if (spec.model.kind !== 'branched' || !('numTasks' in spec.dataset)) return;
    const covered = spec.model.layers[0]?.flat().length ?? 0;
    if (covered !== spec.dataset.numTasks) {
      ctx.addIssue({
        code: 'custom',
        path: ['model', 'layers'],
        message: `the tree covers ${covered} tasks but dataset.numTasks is ${spec.dataset.numTasks}`,
      });
    }
  });
export type ExperimentSpec = z.infer<typeof ExperimentSpec>;
/** What a person or a file may write: every field with a default is optional. */
export type ExperimentSpecInput = z.input<typeof ExperimentSpec>;

export type SpecResult = { ok: true; spec: ExperimentSpec } | { ok: false; errors: string[] };

/** Validates untrusted input; each error names the field path, e.g. "training.steps: …". */
export function parseSpec(input: unknown): SpecResult {
  const result = ExperimentSpec.safeParse(input);
  if (result.success) return { ok: true, spec: result.data };
  const errors = result.error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '(spec)';
    return `${path}: ${issue.message}`;
  });
  return { ok: false, errors };
}
