// A finished run as it travels inside a notebook file or link: the author's final results, loss
// curves (averaged over blocks of steps when long) and latest affinity matrix. Opened notebooks show
// these as the author's results, marked as such, until the reader re-runs.
import { z } from 'zod';
import { ExperimentSpec } from '../protocol/index.ts';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const values = z.array(z.number().nullable()).max(2_000_000);

export const SharedRun = z.object({
  id: z.string().min(1).max(200),
  cellId: z.string().min(1).max(64),
  name: z.string().max(200),
  createdAt: finite,
  spec: ExperimentSpec,
  backend: z.string().max(20).optional(),
  info: z.object({
    taskNames: z.array(z.string().max(200)).min(1).max(1024),
    plantedGroups: z.array(z.number().int()).max(1024).optional(),
    totalSteps: z.number().int().min(0),
    numParams: z.number().int().min(0),
    scoreName: z.string().max(40),
  }),
  result: z.object({
    stepsRun: z.number().int().min(0),
    seconds: finite,
    stopped: z.boolean(),
    tasks: z
      .array(
        z.object({
          name: z.string().max(200),
          trainLoss: z.number(),
          validationLoss: z.number(),
          validationScore: z.number(),
        }),
      )
      .max(1024),
    competitionSteps: z.number().int().optional(),
  }),
  /** Step-major per-task losses; each entry is the mean over `stride` steps (1: every step). null: not finite. */
  losses: z.object({ numSteps: z.number().int().min(0), stride: z.number().int().min(1), values }),
  /** The latest affinity snapshot, row-major. */
  affinity: z
    .object({
      step: z.number().int(),
      method: z.enum(['lookahead', 'cosine']),
      numTasks: z.number().int().min(1).max(1024),
      matrix: values,
    })
    .optional(),
});
export type SharedRun = z.infer<typeof SharedRun>;
