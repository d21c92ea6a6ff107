// Reads of small tensors that a forward pass needs on the host (routing choices, gate fractions,
// token ids). On cpu and wasm, `readToHost` is a plain synchronous read. WebGPU cannot read
// synchronously (see webgpuReads.ts), so there a forward runs in two phases:
//   1. `answerReads` runs it untaped, again and again: each time it reaches a read not yet answered,
//      the pass stops, that tensor is read asynchronously (`await t.data()`), and the pass restarts;
//   2. `withAnsweredReads` runs it once more (taped, for gradients) with every read answered in order.
// A forward is deterministic given its reads, so the answers of phase 1 are the reads of phase 2.
// Forwards that draw random numbers on the host (router noise) must not use this: replays would
// draw different numbers. The jobs (affinity, Grad-TAG, truth, unlearning, knockout) answer their
// forwards with `readsOf` before each taped pass, the run loop through its trainer.
import * as tf from '@tensorflow/tfjs';

type HostValues = Float32Array | Int32Array | Uint8Array;
/** The answers of one forward's host reads, in the order it asks for them. */
export type HostReads = HostValues[];

interface Answering {
  answers: HostReads;
  next: number;
  /** Phase 1: an unanswered read stops the pass instead of failing. */
  collecting: boolean;
}

/** Thrown in phase 1 at the first unanswered read, carrying a kept copy of the tensor to read. */
class ReadNeeded {
  constructor(readonly tensor: tf.Tensor) {}
}

let answering: Answering | null = null;

/** The values of `t` on the host: answered in advance while a forward is answered, else read now. */
export function readToHost(t: tf.Tensor): HostValues {
  if (!answering) return t.dataSync() as HostValues;
  if (answering.next < answering.answers.length) return answering.answers[answering.next++];
  if (answering.collecting) throw new ReadNeeded(tf.keep(tf.clone(t)));
  throw new Error(
    `the forward pass asked for host read ${answering.next + 1}, but only ${answering.answers.length} were answered in advance`,
  );
}

/** True when this backend needs reads answered in advance (it cannot read synchronously). */
export const needsAnsweredReads = () => tf.getBackend() === 'webgpu';

/** Phase 1: runs `forward` untaped until all its host reads are answered; returns them in order. */
export async function answerReads(forward: () => unknown): Promise<HostReads> {
  const answers: HostReads = [];
  for (;;) {
    let needed: tf.Tensor | null = null;
    const saved = answering;
    answering = { answers, next: 0, collecting: true };
    try {
      tf.tidy(() => {
        forward();
      });
      return answers;
    } catch (error) {
      if (!(error instanceof ReadNeeded)) throw error;
      needed = error.tensor;
    } finally {
      answering = saved;
    }
    answers.push((await needed.data()) as HostValues);
    needed.dispose();
  }
}

/** Phase 2: runs `body` with its host reads answered from `answers`, in the order they were asked. */
export function withAnsweredReads<T>(answers: HostReads | null, body: () => T): T {
  if (!answers) return body();
  const saved = answering;
  answering = { answers, next: 0, collecting: false };
  try {
    return body();
  } finally {
    answering = saved;
  }
}

/** Models (or other owners of a forward) seen to make no host reads: they never will, so phase 1 is skipped. */
const readless = new WeakSet<object>();

/**
 * Phase 1 for a forward of `owner` (a model) where the backend needs it: the host reads of `forward`,
 * answered asynchronously, for `withAnsweredReads` around the taped pass at the same parameters and
 * inputs. null where reads are synchronous, or once `owner` was seen to make none (no extra pass then).
 */
export async function readsOf(owner: object, forward: () => unknown): Promise<HostReads | null> {
  if (!needsAnsweredReads() || readless.has(owner)) return null;
  const reads = await answerReads(forward);
  if (reads.length === 0) readless.add(owner);
  return reads;
}

/** Runs `forward` once, its host reads answered asynchronously where the backend needs it. */
export async function runAnswered<T>(forward: () => T): Promise<T> {
  if (!needsAnsweredReads()) return forward();
  return withAnsweredReads(await answerReads(forward), forward);
}
