// The engine's one entry point: validate a spec, pick a backend, train, and report RunEvents.
// The worker, the CLI, the tests and the benchmarks all call this same function.
import * as tf from '@tensorflow/tfjs';
import { parseSpec, type DoneEvent, type ExperimentSpec, type RunEvent } from '../protocol/index.ts';
import { createAffinityProbe, type AffinityProbe } from './affinity/probe.ts';
import { checkTargets } from './affinity/setup.ts';
import { initBackend, type BackendOptions } from './backend.ts';
import type { Table } from './data/table/table.ts';
import { numTasks, type Dataset } from './data/dataset.ts';
import { throttleProgress } from './events/throttle.ts';
import { explainDeviceLoss, largestDataBytes, watchDeviceLoss } from './webgpuDevice.ts';
import { createCompetitionSchedule } from './models/moe/compete.ts';
import { lmRouter } from './models/moeLm.ts';
import { createRoutingProbe } from './routing/liveProbe.ts';
import { createHealthProbe } from './health/probe.ts';
import { countParams } from './models/layers.ts';
import { allVariables, type MultitaskModel } from './models/model.ts';
import { gatherBatch } from './train/batches.ts';
import { evaluate } from './train/evaluate.ts';
import { buildDataset, prepareRun } from './train/prepareRun.ts';
import { constantTargetWarnings, risingLossWarnings } from './train/runWarnings.ts';
import { RunError } from './runError.ts';

export interface RunContext {
  emit(event: RunEvent): void;
  /** Aborting stops training between steps; the run still ends with a `done` event. */
  signal?: AbortSignal;
  /** Resolves when the run may continue (the worker blocks here while paused). */
  untilResumed?(): Promise<void>;
  backend?: BackendOptions;
  /** Skip backend selection (tests and benchmarks that already chose one). */
  keepBackend?: boolean;
  /** Tables that a `table` dataset spec may name (parsed user files), besides the built-in ones. */
  tables?: Record<string, Table>;
  /** Text of corpus domains a `text` dataset spec may name (the worker fetches public/corpus). */
  texts?: Record<string, string>;
  /** Called with the trained model before it is disposed (jobs that study a copy of a run's model). */
  afterTraining?(model: MultitaskModel, dataset: Dataset): Promise<void> | void;
}

/** Losses are read back from the device in chunks, not per step, so GPU backends never stall. */
const READBACK_INTERVAL_MS = 40;
/**
 * A GPU queues steps far faster than it runs them (SwiftShader: 40 ms of queueing took seconds to
 * run), and stop/pause messages only get in at a read-back. So a chunk also ends once it holds as
 * many steps as the device ran in CHUNK_TARGET_MS last time.
 */
const CHUNK_TARGET_MS = 100;
const MAX_PROGRESS_PER_SECOND = 20;
/** Affinity snapshots are larger and change slowly: a few per second is plenty for a heatmap. */
const SNAPSHOT_INTERVAL_MS = 250;

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runExperiment(input: unknown, context: RunContext): Promise<DoneEvent> {
  const parsed = parseSpec(input);
  if (!parsed.ok) throw new RunError(`Invalid experiment spec:\n${parsed.errors.join('\n')}`);
  const spec = parsed.spec;

  const events = throttleProgress(context.emit, { maxPerSecond: MAX_PROGRESS_PER_SECOND });
  // The data first: its size decides whether it fits a WebGPU buffer.
  const dataset = buildDataset(spec, context);
  if (!context.keepBackend) {
    // Routed models' host reads are answered in advance (the trainer, the affinity probe), so any
    // model kind may train on WebGPU; only the data's size can rule it out.
    const needs = { largestBufferBytes: largestDataBytes(dataset) };
    events.emit({ type: 'ready', ...(await initBackend(spec.backend, context.backend, needs)) });
  }
  const deviceLost = watchDeviceLoss();
  try {
    const done = await train(spec, dataset, context, events.emit, deviceLost);
    events.emit(done);
    return done;
  } catch (error) {
    throw await explainDeviceLoss(error, 'run');
  } finally {
    events.flush();
    events.dispose();
  }
}

async function train(
  spec: ExperimentSpec,
  dataset: Dataset,
  context: RunContext,
  emit: (event: RunEvent) => void,
  deviceLost: () => string | null,
): Promise<DoneEvent> {
  // Affinity divides by task losses: a constant or non-finite target is named before training.
  if (spec.affinity) checkTargets(dataset);
  const prepared = prepareRun(spec, dataset);
  const { model, trainer, trainData, validationData, nextBatch } = prepared;
  const { train: trainSet, validation } = prepared.split;
  const tasks = numTasks(dataset);

  emit({
    type: 'started',
    taskNames: dataset.taskNames,
    plantedGroups: dataset.plantedGroups,
    totalSteps: spec.training.steps,
    numParams: countParams(allVariables(model)),
    scoreName: model.scoreName,
  });

  const started = performance.now();
  let pending: tf.Tensor1D[] = [];
  let pendingFrom = 0;
  let lastReadback = started;
  let firstLosses: Float32Array | undefined;
  let maxChunk = 1;
  let lastLosses = new Float32Array(tasks);
  let step = 0;
  const probe = spec.affinity ? createAffinityProbe(model, spec.affinity, spec.training) : null;
  const snapshots = probe ? createSnapshotEmitter(probe, tasks, emit) : null;
  // MoE models: live routing on fixed held-out rows, every ~250 ms.
  const routing = createRoutingProbe(model, spec, validation.numSamples > 0 ? validation : trainSet, emit);
  // Multitask MoE models: expert health (zero activations, output spread, occupancy, anomaly flags).
  const health = createHealthProbe(model, validation.numSamples > 0 ? validation : trainSet, trainSet, emit);
  // CompeteSMoE: seeded competition steps (the same helper as the moeMethods tests' trainLm).
  const competition =
    spec.model.kind === 'moe-lm' && spec.model.router === 'compete'
      ? createCompetitionSchedule(lmRouter(spec.model), spec.seed)
      : null;

  const readBack = async () => {
    const lost = deviceLost();
    if (lost) throw new RunError(lost);
    if (pending.length === 0) return;
    const stacked = tf.stack(pending);
    const losses = (await stacked.data()) as Float32Array;
    tf.dispose([stacked, ...pending]);
    const numSteps = pending.length;
    pending = [];
    const badAt = losses.findIndex((v) => !Number.isFinite(v));
    if (badAt >= 0) {
      const badStep = pendingFrom + Math.floor(badAt / tasks);
      const task = dataset.taskNames[badAt % tasks];
      throw new RunError(
        `Training diverged: the loss of task "${task}" became ${losses[badAt]} at step ${badStep}. ` +
          `Try a lower learning rate (now ${spec.training.learningRate}).`,
      );
    }
    firstLosses ??= losses.slice(0, tasks);
    lastLosses = losses.slice(losses.length - tasks);
    const elapsed = (performance.now() - started) / 1000;
    emit({
      type: 'progress',
      firstStep: pendingFrom,
      numSteps,
      numTasks: tasks,
      losses,
      stepsPerSecond: (pendingFrom + numSteps) / elapsed,
    });
    pendingFrom += numSteps;
    const now = performance.now();
    maxChunk = Math.max(
      1,
      Math.min(2 * maxChunk, Math.floor((CHUNK_TARGET_MS * numSteps) / Math.max(now - lastReadback, 1))),
    );
    lastReadback = now;
  };

  try {
    for (; step < spec.training.steps; step++) {
      if (context.signal?.aborted) {
        // Say so at once: the final read-back and validation below can take a while on a slow GPU.
        emit({ type: 'status', state: 'stopped' });
        break;
      }
      const batch = gatherBatch(trainData, nextBatch());
      // Before the update: affinity at θ_t on batch B_t.
      if (await probe?.measure(step, batch)) await snapshots?.measured(step);
      const options = { compete: competition?.next() };
      pending.push(trainer.step(batch, options, await trainer.answerReads(batch, options)));
      tf.dispose(Object.values(batch));
      if (pending.length >= maxChunk || performance.now() - lastReadback >= READBACK_INTERVAL_MS) {
        await readBack();
        await snapshots?.maybeEmit();
        await routing?.maybeEmit(step);
        await health?.maybeEmit(step);
        // Let pause/stop messages in, and let timers (the progress throttle) fire.
        await yieldToEventLoop();
        await context.untilResumed?.();
      }
    }
    await readBack();
    await snapshots?.emitNow();
    await routing?.emitNow(step);
    await health?.emitNow(step);
    const scores = await evaluate(model, validationData);
    await context.afterTraining?.(model, dataset);
    const warnings = [
      ...constantTargetWarnings(dataset),
      ...(firstLosses
        ? risingLossWarnings(dataset.taskNames, firstLosses, lastLosses, step - 1, spec.training.learningRate)
        : []),
    ];
    return {
      type: 'done',
      stepsRun: step,
      seconds: (performance.now() - started) / 1000,
      stopped: step < spec.training.steps,
      tasks: dataset.taskNames.map((name, t) => ({
        name,
        trainLoss: lastLosses[t],
        validationLoss: scores.losses[t],
        validationScore: scores.scores[t],
      })),
      ...(competition ? { competitionSteps: competition.count } : {}),
      ...(warnings.length ? { warnings } : {}),
    };
  } finally {
    tf.dispose(pending);
    probe?.dispose();
    routing?.dispose();
    health?.dispose();
    prepared.dispose();
  }
}

/**
 * Emits the probe's running mean as a snapshot event, labelled with the step of its latest
 * measurement: at once after the first one (so the view starts early), then at most every
 * SNAPSHOT_INTERVAL_MS, and once more at the end.
 */
function createSnapshotEmitter(probe: AffinityProbe, numTasks: number, emit: (event: RunEvent) => void) {
  let lastCount = 0;
  let lastSent = -Infinity;
  let measuredStep = 0;
  const emitNow = async () => {
    if (probe.count() === lastCount) return;
    const matrix = await probe.read();
    if (!matrix) return;
    lastCount = probe.count();
    lastSent = performance.now();
    emit({ type: 'snapshot', kind: 'affinity', step: measuredStep, method: probe.method, numTasks, matrix });
  };
  return {
    emitNow,
    measured(step: number) {
      measuredStep = step;
      return probe.count() === 1 ? emitNow() : Promise.resolve();
    },
    maybeEmit: () => (performance.now() - lastSent >= SNAPSHOT_INTERVAL_MS ? emitNow() : Promise.resolve()),
  };
}
