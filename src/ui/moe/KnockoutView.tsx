// The 'knockout' view of an MoE language-model run (issue 9): tick experts, and a job knocks each of
// them out of a retrained copy of the run's model at inference (tokens fall to their next choices),
// then all of them together, and shows how much each domain's loss moves: an expert × domain Δloss
// heatmap, a quick attribution view.
import { useState } from 'react';
import { cancelKnockout, startKnockout } from '../../bridge/moeJobs.ts';
import { jobKeys } from '../../store/jobKeys.ts';
import { selectJob } from '../../store/jobsSlice.ts';
import { JobBackend } from '../JobBackend.tsx';
import { JobProgress } from '../JobProgress.tsx';
import { expertInterventionProblem } from '../../shared/expertInterventions.ts';
import type { CellOf } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';
import type { RunRecord } from '../../store/runsSlice.ts';
import { Heatmap } from '../charts/Heatmap.tsx';
import { knockoutSummary, knockoutValues, signed } from './interventionSeries.ts';

const key = (layer: number, expert: number) => `${layer}:${expert}`;

export function KnockoutView({ run, cell }: { run: RunRecord; cell?: CellOf<'view'> }) {
  const cellId = cell?.id ?? run.id;
  const job = useLab(selectJob(jobKeys.knockout(cellId)));
  const model = run.spec.model;
  const numLayers = model.kind === 'moe-lm' ? model.numLayers : 0;
  const numExperts = model.kind === 'moe-lm' ? model.numExperts : 0;
  const all = Array.from({ length: numLayers * numExperts }, (_, i) => key(Math.floor(i / numExperts), i % numExperts));
  const [picked, setPicked] = useState<Set<string> | null>(null);
  const chosen = picked ?? new Set(all);
  const problem = expertInterventionProblem(run.spec);
  if (problem)
    return (
      <p className="placeholder" role="alert" data-testid="intervention-problem">
        {problem}
      </p>
    );
  if (run.status !== 'done' || !run.result) {
    return (
      <p className="placeholder">
        When “{run.name}” has finished, knock experts out here: the worker retrains a copy of its model and measures
        each domain's loss without them.
      </p>
    );
  }
  const running = job?.status === 'running';
  const toggle = (k: string) => {
    const next = new Set(chosen);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setPicked(next);
  };
  const experts = [...chosen]
    .map((k) => k.split(':').map(Number))
    .map(([layer, expert]) => ({ layer, expert }))
    .sort((a, b) => a.layer - b.layer || a.expert - b.expert);
  const result = job?.result;
  const values = result ? knockoutValues(result) : undefined;
  // Colours span the single-expert rows; a large "all together" row saturates rather than washing them out.
  const singles = result?.rows.filter((r) => r.experts.length === 1).flatMap((r) => r.delta) ?? [];
  const reach = Math.max(1e-9, ...(singles.length > 0 ? singles : (values ?? [])).map(Math.abs));
  const p = job?.live;
  return (
    <div className="knockout-view" data-testid="knockout-view" data-status={job?.status ?? 'idle'}>
      <p className="muted">
        Knocked-out experts can no longer be chosen: each token falls to its next choices, the other gates unchanged.
        Runs on a copy of this run's model, retrained in a worker from its spec and seed. With several experts ticked,
        the last row knocks them all out together.
      </p>
      <fieldset className="knockout-picker" disabled={running}>
        <legend>Experts to knock out</legend>
        {Array.from({ length: numLayers }, (_, layer) => (
          <div key={layer} role="group" aria-label={`Layer ${layer} experts`}>
            <span className="muted">layer {layer}:</span>{' '}
            {Array.from({ length: numExperts }, (_, expert) => (
              <label key={expert}>
                <input
                  type="checkbox"
                  checked={chosen.has(key(layer, expert))}
                  onChange={() => toggle(key(layer, expert))}
                />{' '}
                e{expert}
              </label>
            ))}
          </div>
        ))}
        <button type="button" onClick={() => setPicked(new Set(all))}>
          All
        </button>{' '}
        <button type="button" onClick={() => setPicked(new Set())}>
          None
        </button>
      </fieldset>
      <div className="chart-settings">
        <button
          type="button"
          disabled={running || experts.length === 0}
          onClick={() => void startKnockout(cellId, run, experts)}
        >
          Knock out {experts.length} expert{experts.length === 1 ? '' : 's'}
        </button>
      </div>
      {running && (
        <JobProgress
          value={p ? (p.phase === 'training' ? p.step : p.done) : undefined}
          max={p ? (p.phase === 'training' ? p.totalSteps : p.total) : undefined}
          text={
            !p
              ? 'Starting the worker…'
              : p.phase === 'training'
                ? `Retraining a copy of the run's model: step ${p.step} of ${p.totalSteps}…`
                : `Knockout ${p.done} of ${p.total}…`
          }
          onCancel={() => cancelKnockout(cellId)}
        />
      )}
      {job?.status === 'failed' && (
        <p className="error-banner" role="alert" data-testid="knockout-error">
          {job.error}
        </p>
      )}
      <JobBackend backend={job?.backend} />
      {job?.status === 'cancelled' && (
        <p className="muted" role="status">
          Knockout cancelled{result ? '; showing the previous result' : ''}.
        </p>
      )}
      {job && job.subject !== run.id && result && (
        <p className="muted">This result is for an earlier run of the experiment; knock out again to update it.</p>
      )}
      {result && values && (
        <section>
          <h4>Δloss per domain when experts are knocked out (nats per character; red = worse)</h4>
          <Heatmap
            values={values}
            rows={result.rows.map((r) => r.label)}
            cols={result.domains}
            scale="diverging"
            domain={[-reach, reach]}
            rowTitle="knocked out"
            colTitle="domain"
            showValues
            positiveIsBad
            format={signed}
            summary={knockoutSummary(result)}
            name="knockout-delta"
          />
          <p className="muted">
            Intact model: {result.domains.map((d, i) => `${d} ${result.baseline[i].toFixed(3)}`).join(', ')}. Retraining
            the copy took {result.seconds.training.toFixed(1)} s, the knockouts {result.seconds.knockout.toFixed(1)} s.
          </p>
        </section>
      )}
    </div>
  );
}
