// The result file of a run made outside the lab (ALGORITHMS.md §0: `train.py` of an exported PyTorch
// project): the `tasklab run` output shape plus format, version, the spec, device and process count.
// Pure and zod-only, so the page, the CLI and tests validate it the same way.
import { z } from 'zod';

export const RESULT_FORMAT = 'tasklab-result';
export const RESULT_VERSION = 1;

const finite = z.number().finite();
const TaskFinal = z.object({ trainLoss: finite, validationLoss: finite, validationScore: finite });

export const RunResultFile = z
  .object({
    format: z.literal(RESULT_FORMAT),
    version: z.literal(RESULT_VERSION),
    experiment: z.string().max(200),
    spec: z.unknown(),
    tasks: z.array(z.string()).min(1).max(1024),
    backend: z.literal('pytorch'),
    device: z.string().max(200),
    worldSize: z.number().int().min(1),
    seconds: z.number().min(0),
    steps: z.number().int().min(1),
    scoreName: z.string().max(50),
    history: z.record(z.string(), z.object({ loss: z.array(finite) })),
    final: z.record(z.string(), TaskFinal),
    affinity: z
      .object({ method: z.enum(['lookahead', 'cosine']), tasks: z.array(z.string()), matrix: z.array(z.array(finite)) })
      .optional(),
    competitionSteps: z.number().int().min(0).optional(),
  })
  .superRefine((result, ctx) => {
    for (const name of result.tasks) {
      if (result.history[name]?.loss.length !== result.steps)
        ctx.addIssue({
          code: 'custom',
          path: ['history', name],
          message: `needs ${result.steps} losses (one per step)`,
        });
      if (!result.final[name]) ctx.addIssue({ code: 'custom', path: ['final', name], message: 'missing' });
    }
    const n = result.tasks.length;
    if (
      result.affinity &&
      (result.affinity.matrix.length !== n || result.affinity.matrix.some((row) => row.length !== n))
    ) {
      ctx.addIssue({ code: 'custom', path: ['affinity', 'matrix'], message: `must be ${n}×${n}` });
    }
  });
export type RunResultFile = z.infer<typeof RunResultFile>;

export type RunResultParse = { ok: true; result: RunResultFile } | { ok: false; error: string };

/** Checks a parsed JSON value; the error says what is wrong and where (`history.task0: …`). */
export function parseRunResult(value: unknown, fileName = 'result.json'): RunResultParse {
  const head = value as { format?: unknown; version?: unknown } | null;
  if (head?.format !== RESULT_FORMAT)
    return { ok: false, error: `${fileName} is not a TaskLab result file (no "format": "${RESULT_FORMAT}")` };
  if (typeof head.version === 'number' && head.version > RESULT_VERSION) {
    return {
      ok: false,
      error: `${fileName} has result format version ${head.version}, newer than this lab reads (${RESULT_VERSION}); open it in a newer TaskLab`,
    };
  }
  const parsed = RunResultFile.safeParse(value);
  if (parsed.success) return { ok: true, result: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `${fileName}: ${issue.path.join('.') || '(file)'}: ${issue.message}` };
}
