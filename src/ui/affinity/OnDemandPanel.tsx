// Grad-TAG and brute-force truth are not measured during a run: this panel says what one will
// cost, asks before a large one, starts it in a worker, shows its progress and can cancel it.
import { useState } from 'react';
import { cancelAffinityJob, startAffinityJob } from '../../bridge/affinityJobs.ts';
import type { AffinityJobResult, AffinityProgress } from '../../protocol/jobs.ts';
import type { JobRecord } from '../../store/jobsSlice.ts';
import type { RunRecord } from '../../store/runsSlice.ts';
import { estimateOnDemandCost, formatDuration, timeLeft } from './truthCost.ts';
import { formatCount } from '../format.ts';
import { JobBackend } from '../JobBackend.tsx';
import { JobProgress } from '../JobProgress.tsx';
import { splitSize, type OnDemandMethod } from '../../shared/affinityCost.ts';

export const METHOD_NAMES = {
  lookahead: 'Lookahead',
  cosine: 'Cosine',
  gradtag: 'Grad-TAG',
  bruteforce: 'Truth',
} as const;

interface OnDemandPanelProps {
  run: RunRecord;
  method: OnDemandMethod;
  numTasks: number;
  job?: JobRecord<AffinityProgress | undefined, AffinityJobResult>;
}

export function OnDemandPanel({ run, method, numTasks, job }: OnDemandPanelProps) {
  const [confirming, setConfirming] = useState(false);
  const { dataset, training } = run.spec;
  const split = 'numSamples' in dataset ? splitSize(dataset.numSamples, training.validationFraction) : undefined;
  const cost = estimateOnDemandCost(
    method,
    run.spec,
    numTasks,
    run.stepsPerSecond || undefined,
    split,
    run.backend?.backend,
    run.info?.numParams,
  );
  const label = method === 'gradtag' ? 'Grad-TAG estimate' : 'brute-force truth';
  const start = () => {
    setConfirming(false);
    startAffinityJob(run.id, run.spec, method);
  };

  if (job?.status === 'running') {
    const p = job.live;
    const stage = `Computing the ${label} in a worker${p ? `, stage ${p.stage} of ${p.stages} (${p.label}): ${formatCount(p.done)} of ${formatCount(p.total)}` : ': starting'}…`;
    return (
      <div className="affinity-job" data-testid="affinity-job" data-status="running">
        <JobProgress
          text={
            <>
              <span data-testid="affinity-job-stage">{stage}</span>
              {p && <span data-testid="affinity-job-left"> {timeLeft(p)}</span>}
            </>
          }
          value={p?.done}
          max={p?.total}
          label={`${label} progress`}
          onCancel={() => cancelAffinityJob(run.id, method)}
        />
        <JobBackend backend={job.backend} />
      </div>
    );
  }
  if (job?.status === 'done') {
    return (
      <div className="affinity-job" data-testid="affinity-job" data-status="done">
        <p className="muted">
          {METHOD_NAMES[method]} cost: {formatCount(job.result!.cost.passes)} passes,{' '}
          {formatDuration(job.result!.cost.seconds)}.{' '}
          <button type="button" onClick={start}>
            Recompute
          </button>
        </p>
        <JobBackend backend={job.backend} />
      </div>
    );
  }
  return (
    <div className="affinity-job" data-testid="affinity-job" data-status={job?.status ?? 'idle'}>
      {job?.status === 'failed' && (
        <div className="error-banner" role="alert">
          The {label} failed: {job.error}
        </div>
      )}
      {job?.status === 'failed' && <JobBackend backend={job.backend} />}
      <p>
        The {label} is computed on demand from this run's spec: {cost.text}.
      </p>
      {confirming ? (
        <div className="affinity-confirm" role="alertdialog" aria-label="Confirm a large computation">
          <p>
            <strong>This is a large computation</strong> ({cost.trainings} trainings
            {cost.seconds !== undefined ? `, about ${formatDuration(cost.seconds)}` : ''}). It runs in a background
            worker and can be cancelled at any time. Grad-TAG estimates the same matrix at a fraction of the cost.
          </p>
          <button type="button" className="primary" onClick={start}>
            Compute anyway
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="primary"
          onClick={() => (cost.needsConfirmation ? setConfirming(true) : start())}
        >
          Compute {METHOD_NAMES[method] === 'Truth' ? 'truth' : METHOD_NAMES[method]}
        </button>
      )}
    </div>
  );
}
