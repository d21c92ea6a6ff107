// The affinity view of a run: a live n×n heatmap (lookahead or cosine snapshots streamed during
// training, or Grad-TAG / brute-force truth computed on demand), a time scrubber over snapshots,
// ordering by a clustering, and an estimate-vs-truth scatter when the truth is known.
import { useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AffinitySnapshotEvent } from '../../protocol/index.ts';
import { useLab } from '../../store/index.ts';
import { jobKeys } from '../../store/jobKeys.ts';
import { selectJob } from '../../store/jobsSlice.ts';
import { LIVE_STATUSES, type RunRecord } from '../../store/runsSlice.ts';
import { Heatmap } from '../charts/Heatmap.tsx';
import {
  compareWithTruth,
  describeAffinity,
  identityOrder,
  offDiagonalDomain,
  permuteMatrix,
} from './affinityMatrix.ts';
import { AffinityScatter } from './AffinityScatter.tsx';
import { METHOD_NAMES, OnDemandPanel } from './OnDemandPanel.tsx';
import { useClusterOrder } from './useClusterOrder.ts';
import { TRUTH_STEPS } from '../../shared/affinityCost.ts';

type ViewMethod = keyof typeof METHOD_NAMES;
const METHODS: ViewMethod[] = ['lookahead', 'cosine', 'gradtag', 'bruteforce'];

const METHOD_HELP: Record<ViewMethod, string> = {
  lookahead:
    'Lookahead (TAG): how much a step on the source task lowers the target task’s loss, averaged over training.',
  cosine: 'Cosine: similarity of the source’s and target’s gradients on the shared layers; negative means conflict.',
  gradtag:
    'Grad-TAG: estimated relative gain of the target when trained together with the source, from one training: a ridge fit of the model linearised at θ* (the model trained on all tasks) on the projected per-sample gradients (d = 1000) of up to 2,048 training rows, its loss read on those rows.',
  bruteforce: `Truth: the measured relative gain of the target when actually trained with the source, versus alone: θ* fine-tuned ${TRUTH_STEPS} full-batch steps of the run's optimiser on each single task and pair, validation loss.`,
};

function MethodSwitch({
  method,
  liveMethod,
  onChange,
}: {
  method: ViewMethod;
  liveMethod?: ViewMethod;
  onChange(m: ViewMethod): void;
}) {
  // One radio group per view: a shared name would tie two affinity views' choices together.
  const group = useId();
  return (
    <fieldset className="affinity-methods" data-testid="affinity-methods">
      <legend>Method</legend>
      {METHODS.map((m) => {
        const live = m === 'lookahead' || m === 'cosine';
        const disabled = live && m !== liveMethod;
        return (
          <label
            key={m}
            title={
              disabled
                ? `This run measured ${liveMethod ?? 'no affinity'} while training; choose ${m} in the experiment’s settings and run again.`
                : METHOD_HELP[m]
            }
          >
            <input
              type="radio"
              name={group}
              value={m}
              checked={method === m}
              disabled={disabled}
              onChange={() => onChange(m)}
            />{' '}
            {METHOD_NAMES[m]}
            {live && !disabled ? ' (live)' : ''}
          </label>
        );
      })}
    </fieldset>
  );
}

export function AffinityView({ run }: { run: RunRecord }) {
  const liveMethod = run.spec.affinity?.method;
  const [chosen, setMethod] = useState<ViewMethod>();
  const method = chosen ?? liveMethod ?? 'gradtag';
  const [cluster, setCluster] = useState(true);
  const [picked, setPicked] = useState<number>();
  const [gradtag, truth] = useLab(
    useShallow((s) => [
      selectJob(jobKeys.affinity(run.id, 'gradtag'))(s),
      selectJob(jobKeys.affinity(run.id, 'bruteforce'))(s),
    ]),
  );
  const names = run.info?.taskNames ?? [];
  const n = names.length;
  const snapshots = run.snapshots.filter(
    (s): s is AffinitySnapshotEvent => s.kind === 'affinity' && s.method === method,
  );
  const index = picked !== undefined && picked < snapshots.length - 1 ? picked : snapshots.length - 1;
  const snapshot = snapshots[index];
  const job = method === 'gradtag' ? gradtag : method === 'bruteforce' ? truth : undefined;

  const jobMatrix = job?.status === 'done' ? job.result?.matrix : undefined;
  const matrix: ArrayLike<number> | undefined =
    method === 'lookahead' || method === 'cosine' ? snapshot?.matrix : jobMatrix;
  const usable = matrix && matrix.length === n * n ? matrix : undefined;
  const { ordering, error: orderError } = useClusterOrder(usable, n, cluster, LIVE_STATUSES.has(run.status));
  const order = useMemo(() => ordering?.order ?? identityOrder(n), [ordering, n]);
  const shown = useMemo(() => (usable ? permuteMatrix(usable, n, order) : undefined), [usable, n, order]);
  const what = `${METHOD_NAMES[method]} affinity${snapshot && !job ? ` at step ${snapshot.step}` : ''}`;
  const summary = shown
    ? describeAffinity(
        shown,
        order.map((t) => names[t]),
        what,
      )
    : '';
  // Self-affinity (lookahead, cosine) would swamp the colours: they span the off-diagonal range.
  const domain = useMemo(() => (shown ? offDiagonalDomain(shown, n) : undefined), [shown, n]);

  const truthMatrix = truth?.status === 'done' ? truth.result?.matrix : undefined;
  const estimate =
    method === 'bruteforce'
      ? gradtag?.status === 'done' && gradtag.result
        ? { name: 'Grad-TAG', matrix: gradtag.result.matrix }
        : undefined
      : usable
        ? { name: METHOD_NAMES[method], matrix: usable }
        : undefined;
  const comparison = useMemo(
    () =>
      truthMatrix && estimate && truthMatrix.length === n * n
        ? compareWithTruth(estimate.matrix, truthMatrix, n)
        : undefined,
    [truthMatrix, estimate?.matrix, n],
  );

  if (run.status === 'failed' && run.error && !run.info) {
    return (
      <div className="affinity-view" data-testid="affinity-view">
        <div className="error-banner" role="alert">
          No affinity: the run failed. {run.error}
        </div>
      </div>
    );
  }
  if (!run.info) return <p className="placeholder">Starting the worker…</p>;

  return (
    <div className="affinity-view" data-testid="affinity-view">
      <div className="affinity-controls">
        <MethodSwitch method={method} liveMethod={liveMethod} onChange={(m) => (setMethod(m), setPicked(undefined))} />
        <label>
          <input
            type="checkbox"
            checked={cluster}
            onChange={(e) => setCluster(e.target.checked)}
            data-testid="affinity-cluster"
          />{' '}
          order by clustering
        </label>
      </div>
      {run.status === 'failed' && run.error && (
        <div className="error-banner" role="alert">
          The run failed: {run.error}
        </div>
      )}
      <p className="muted affinity-help">{METHOD_HELP[method]}</p>

      {(method === 'lookahead' || method === 'cosine') && snapshots.length === 0 && (
        <p className="placeholder">
          {liveMethod
            ? `No ${METHOD_NAMES[method].toLowerCase()} measurement yet: the first comes after ${run.spec.affinity?.skipSteps ?? (run.spec.training.optimizer === 'adam' ? 20 : 0)} steps.`
            : 'This run did not measure affinity while training: tick “Measure task affinity” in the experiment’s settings and run again, or compute Grad-TAG or the truth.'}
        </p>
      )}
      {(method === 'gradtag' || method === 'bruteforce') && (
        <OnDemandPanel run={run} method={method} numTasks={n} job={job} />
      )}

      {shown && (
        <>
          {snapshots.length > 1 && (method === 'lookahead' || method === 'cosine') && (
            <label className="affinity-scrubber">
              <span>
                Snapshot: step <output data-testid="affinity-step">{snapshot.step}</output> ({index + 1} of{' '}
                {snapshots.length}
                {index === snapshots.length - 1 && ' — following the latest'})
              </span>
              <input
                type="range"
                min={0}
                max={snapshots.length - 1}
                value={index}
                aria-valuetext={`step ${snapshot.step}`}
                data-testid="affinity-scrubber"
                onChange={(e) => setPicked(Number(e.target.value))}
              />
            </label>
          )}
          <Heatmap
            values={shown}
            rows={order.map((t) => names[t])}
            cols={order.map((t) => names[t])}
            scale="diverging"
            domain={domain}
            rowTitle="source task"
            colTitle="target task"
            summary={summary}
            name={`affinity-${method}`}
          />
          {domain &&
            shown &&
            Array.from({ length: n }, (_, i) => Math.abs(shown[i * n + i])).some((v) => v > domain[1]) && (
              <p className="muted">
                Colours span the off-diagonal values; the diagonal (a task onto itself) is larger and shown at full
                colour.
              </p>
            )}
          {cluster && ordering && (
            <p className="muted" data-testid="affinity-groups">
              Ordered by {ordering.groups.length} cluster{ordering.groups.length === 1 ? '' : 's'}:{' '}
              {ordering.groups.map((g) => `{${g.map((t) => names[t]).join(', ')}}`).join(' ')}
            </p>
          )}
          {orderError && <p className="error-text">Could not cluster this matrix: {orderError}</p>}
          <p className="affinity-summary" data-testid="affinity-summary">
            {summary}
          </p>
        </>
      )}
      {comparison && estimate && (
        <AffinityScatter
          comparison={comparison}
          names={names}
          estimateName={estimate.name}
          sameScale={estimate.name === 'Grad-TAG'}
          plantedGroups={run.info.plantedGroups}
        />
      )}
    </div>
  );
}
