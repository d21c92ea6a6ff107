// The 'unlearning' view of an MoE language-model run (issue 9): pick a domain to forget, and a job
// retrains a copy of the run, attributes the expert most engaged on that domain, and unlearns it two
// ways from the same weights: UOE (that expert only, router anchored) and every parameter (baseline).
// Shows both forget-loss curves, retain losses per domain, parameters touched and the routing shift.
import { useState } from 'react';
import { cancelUnlearning, startUnlearning } from '../../bridge/moeJobs.ts';
import { jobKeys, type UnlearnLive } from '../../store/jobKeys.ts';
import { selectJob } from '../../store/jobsSlice.ts';
import { JobBackend } from '../JobBackend.tsx';
import { JobProgress } from '../JobProgress.tsx';
import { expertInterventionProblem } from '../../shared/expertInterventions.ts';
import { numberLimits } from '../../shared/specFields.ts';
import { UnlearnSpec } from '../../protocol/spec.ts';
import type { UnlearnJobResult } from '../../protocol/jobs.ts';
import type { CellOf } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';
import type { RunRecord } from '../../store/runsSlice.ts';
import { Heatmap } from '../charts/Heatmap.tsx';
import { MultiLineChart, type LineSeries } from '../charts/MultiLineChart.tsx';
import { seriesColor } from '../charts/palette.ts';
import {
  attributionSummary,
  curveSummary,
  divergenceMessage,
  expertNames,
  f3,
  methodSummary,
  pct,
  retainDrift,
  retainRows,
  selectionAt,
  selectionSummary,
  shift,
  shiftSummary,
  retainRoutingShift,
  signed,
} from './interventionSeries.ts';

/** Forget-loss curves, live from progress while running, from the result once done. */
function forgetSeries(uoe: number[], uoeRetain: number[], full: number[]): LineSeries[] {
  const toPoints = (ys: number[]) => ys.map((y, i) => [i, y] as [number, number]);
  return [
    { name: 'UOE (one expert)', points: toPoints(uoe), color: seriesColor(0), dots: uoe.length < 40 },
    {
      name: 'UOE + retain anchor',
      points: toPoints(uoeRetain),
      color: seriesColor(2),
      dash: '2 2',
      dots: uoeRetain.length < 40,
    },
    { name: 'full model', points: toPoints(full), color: seriesColor(1), dash: '6 3', dots: full.length < 40 },
  ];
}

function progressText({ progress: p }: UnlearnLive): string {
  if (!p) return 'Starting the worker…';
  if (p.phase === 'training') return `Retraining a copy of the run's model: step ${p.step} of ${p.totalSteps}…`;
  return `${{ uoe: 'UOE', 'uoe-retain': 'UOE + retain anchor', full: 'Full-model' }[p.scope]} unlearning: step ${p.step + 1} of ${p.totalSteps}, forget loss ${f3(p.forgetLoss)}…`;
}

function RoutingShift({ result }: { result: UnlearnJobResult }) {
  const [layerChoice, setLayer] = useState<number | null>(null);
  const layer = layerChoice ?? result.target.layer;
  const experts = expertNames(result.numExperts);
  const before = selectionAt(result.uoe.selectionBefore, layer);
  const afterUoe = selectionAt(result.uoe.selectionAfter, layer);
  const afterRetain = selectionAt(result.uoeRetain.selectionAfter, layer);
  const afterFull = selectionAt(result.full.selectionAfter, layer);
  const shiftUoe = shift(afterUoe, before);
  const shiftRetain = shift(afterRetain, before);
  const shiftFull = shift(afterFull, before);
  const top = Math.max(...before, ...afterUoe, ...afterRetain, ...afterFull, 1e-9);
  const reach = Math.max(...shiftUoe.map(Math.abs), ...shiftRetain.map(Math.abs), ...shiftFull.map(Math.abs), 1e-9);
  const forgetRow = result.domains.indexOf(result.forget);
  // The attributed expert lives in one layer; elsewhere only the forget domain is marked.
  const mark = { row: forgetRow, col: layer === result.target.layer ? result.target.expert : undefined };
  const selection = (label: string, values: Float64Array, name: string) => (
    <section>
      <h4>{label}</h4>
      <Heatmap
        values={values}
        rows={result.domains}
        cols={experts}
        scale="sequential"
        domain={[0, top]}
        rowTitle="domain"
        colTitle="expert"
        showValues
        mark={mark}
        format={(v) => v.toFixed(2)}
        summary={selectionSummary(label.toLowerCase(), values, result.domains, result.numExperts, layer)}
        name={name}
      />
    </section>
  );
  const shifted = (label: string, values: Float64Array, name: string) => (
    <section>
      <h4>Shift: {label}</h4>
      <Heatmap
        values={values}
        rows={result.domains}
        cols={experts}
        scale="diverging"
        domain={[-reach, reach]}
        rowTitle="domain"
        colTitle="expert"
        showValues
        mark={mark}
        format={(v) => (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(2)}
        summary={shiftSummary(label, values, result.domains, result.numExperts, layer)}
        name={name}
      />
    </section>
  );
  return (
    <>
      <div className="chart-settings">
        <h4>Routing before and after (share of each domain's tokens that choose each expert)</h4>
        {result.numLayers > 1 && (
          <label>
            Layer{' '}
            <select
              value={layer}
              onChange={(e) => setLayer(Number(e.target.value))}
              aria-label="MoE layer of the routing heatmaps"
            >
              {Array.from({ length: result.numLayers }, (_, l) => (
                <option key={l} value={l}>
                  {l}
                  {l === result.target.layer ? ' (attributed)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="muted">
        Dashed outlines: the forget domain's row
        {mark.col !== undefined ? ` and the attributed expert e${result.target.expert}` : ''}.
      </p>
      <div className="routing-grid" data-testid="routing-shift">
        {selection('Before', before, 'selection-before')}
        {selection('After UOE', afterUoe, 'selection-after-uoe')}
        {selection('After UOE + retain anchor', afterRetain, 'selection-after-uoe-retain')}
        {selection('After full-model unlearning', afterFull, 'selection-after-full')}
        {shifted('UOE', shiftUoe, 'shift-uoe')}
        {shifted('UOE + retain anchor', shiftRetain, 'shift-uoe-retain')}
        {shifted('full-model unlearning', shiftFull, 'shift-full')}
      </div>
    </>
  );
}

function UnlearnResult({ result }: { result: UnlearnJobResult }) {
  const experts = expertNames(result.numExperts);
  const rows = retainRows(result);
  const methods = [
    { label: 'UOE (one expert + its router)', m: result.uoe },
    { label: 'UOE + retain anchor', m: result.uoeRetain },
    { label: 'Full model (baseline)', m: result.full },
  ];
  return (
    <>
      {methods.map(({ m }) => {
        const message = divergenceMessage(result, m);
        return message ? (
          <p key={m.scope} className="error-banner" role="alert" data-testid={`diverged-${m.scope}`}>
            {message}
          </p>
        ) : null;
      })}
      <p className="muted">{methodSummary(result)}</p>
      <table className="routing-stats" data-testid="unlearn-summary">
        <caption className="muted">
          Forget “{result.forget}”: {result.objective.toUpperCase()}, {result.steps} steps at learning rate{' '}
          {result.learningRate}; attributed expert e{result.target.expert} of layer {result.target.layer}
        </caption>
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">forget loss</th>
            <th scope="col">retain mean |Δ|</th>
            <th scope="col">retain routing shift (layer {result.target.layer})</th>
            <th scope="col">parameters touched</th>
            <th scope="col">target expert selection on forget tokens</th>
          </tr>
        </thead>
        <tbody>
          {methods.map(({ label, m }) => (
            <tr key={m.scope} data-method={m.scope}>
              <th scope="row">{label}</th>
              <td>
                {f3(m.forgetLoss.before)} → {f3(m.forgetLoss.after)} ({signed(m.forgetLoss.after - m.forgetLoss.before)}
                )
              </td>
              <td>{f3(retainDrift(m))}</td>
              <td>{f3(retainRoutingShift(result, m, result.target.layer))}</td>
              <td>
                {pct(m.touchedFraction)} ({m.touchedParams.toLocaleString()} of {m.totalParams.toLocaleString()})
              </td>
              <td>
                {f3(m.targetRate.before)} → {f3(m.targetRate.after)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="routing-grid">
        <section>
          <h4>Forget-set loss per unlearning step</h4>
          <MultiLineChart
            series={forgetSeries(result.uoe.forgetCurve, result.uoeRetain.forgetCurve, result.full.forgetCurve)}
            xLabel="unlearning step"
            yLabel="forget loss (nats/char)"
            integerX
            summary={curveSummary(result)}
            name="forget-loss"
          />
        </section>
        <section>
          <h4>Retained domains: loss before and after</h4>
          <table className="routing-stats" data-testid="retain-table">
            <thead>
              <tr>
                <th scope="col">domain</th>
                <th scope="col">before</th>
                <th scope="col">after UOE</th>
                <th scope="col">after UOE + retain anchor</th>
                <th scope="col">after full</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.domain} data-domain={r.domain}>
                  <th scope="row">{r.domain}</th>
                  <td>{f3(r.before)}</td>
                  <td>
                    {f3(r.uoe)} <span className="muted">({signed(r.uoe - r.before)})</span>
                  </td>
                  <td>
                    {f3(r.uoeRetain)} <span className="muted">({signed(r.uoeRetain - r.before)})</span>
                  </td>
                  <td>
                    {f3(r.full)} <span className="muted">({signed(r.full - r.before)})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h4>Attribution: gate mass on “{result.forget}” tokens</h4>
          <Heatmap
            values={Float64Array.from(result.attribution.flat())}
            rows={result.attribution.map((_, l) => `layer ${l}`)}
            cols={experts}
            scale="sequential"
            rowTitle="layer"
            colTitle="expert"
            showValues
            format={(v) => v.toFixed(2)}
            mark={{ row: result.target.layer, col: result.target.expert }}
            summary={attributionSummary(result)}
            name="attribution"
          />
        </section>
      </div>
      <RoutingShift result={result} />
      <p className="muted">
        Retraining the copy took {result.seconds.training.toFixed(1)} s; both unlearning runs{' '}
        {result.seconds.unlearning.toFixed(1)} s.
      </p>
    </>
  );
}

// The form's ranges and defaults come from the job's schema, so they cannot drift from what the worker accepts.
const STEPS = numberLimits(UnlearnSpec.shape.steps);
const LEARNING_RATE = numberLimits(UnlearnSpec.shape.learningRate);

export function UnlearningView({ run, cell }: { run: RunRecord; cell?: CellOf<'view'> }) {
  const cellId = cell?.id ?? run.id;
  const job = useLab(selectJob(jobKeys.unlearn(cellId)));
  const domains = run.info?.taskNames ?? [];
  const [forgetChoice, setForget] = useState<string | null>(null);
  const [objective, setObjective] = useState<'npo' | 'ga'>('npo');
  const [steps, setSteps] = useState(STEPS.default ?? 1);
  const [learningRate, setLearningRate] = useState(LEARNING_RATE.default ?? 1e-3);
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
        When “{run.name}” has finished, pick a domain to forget here: the worker retrains a copy of its model and
        unlearns that domain two ways.
      </p>
    );
  }
  const forget = forgetChoice ?? job?.result?.forget ?? domains[domains.length - 1];
  const running = job?.status === 'running';
  const valid =
    domains.includes(forget) &&
    UnlearnSpec.shape.steps.safeParse(steps).success &&
    UnlearnSpec.shape.learningRate.safeParse(learningRate).success;
  const result = job?.result;
  const stale = job && job.subject !== run.id;
  const curves = running ? job.live.curves : undefined;
  const live = curves && curves.uoe.length + curves.full.length > 0;
  return (
    <div className="unlearning-view" data-testid="unlearning-view" data-status={job?.status ?? 'idle'}>
      <p className="muted">
        UOE (“Unlearning One Expert Is Enough”) unlearns a domain by updating only the expert most engaged on it, with
        an anchor that keeps the router sending its tokens there; the baseline updates every parameter. Both start from
        a copy of this run's model, retrained in a worker from its spec and seed (this costs one more training); the run
        itself is not changed.
      </p>
      <div className="chart-settings">
        <label>
          Forget{' '}
          <select
            value={forget}
            disabled={running}
            onChange={(e) => setForget(e.target.value)}
            aria-label="Domain to forget"
          >
            {domains.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          Objective{' '}
          <select
            value={objective}
            disabled={running}
            onChange={(e) => setObjective(e.target.value as 'npo' | 'ga')}
            aria-label="Unlearning objective"
          >
            <option value="npo">NPO</option>
            <option value="ga">gradient ascent</option>
          </select>
        </label>
        <label>
          Steps{' '}
          <input
            type="number"
            min={STEPS.min}
            max={STEPS.max}
            value={steps}
            disabled={running}
            onChange={(e) => setSteps(Number(e.target.value))}
            aria-label="Unlearning steps"
          />
        </label>
        <label>
          Learning rate{' '}
          <input
            type="number"
            min={0}
            max={LEARNING_RATE.max}
            step="any"
            value={learningRate}
            disabled={running}
            onChange={(e) => setLearningRate(Number(e.target.value))}
            aria-label="Unlearning learning rate"
          />
        </label>
        <button
          type="button"
          disabled={running || !valid}
          onClick={() => void startUnlearning(cellId, run, { forget, objective, steps, learningRate })}
        >
          {result ? 'Unlearn again' : 'Unlearn'}
        </button>
      </div>
      {running && (
        <JobProgress
          value={job.live.progress?.step}
          max={job.live.progress?.totalSteps}
          text={progressText(job.live)}
          onCancel={() => cancelUnlearning(cellId)}
        />
      )}
      {job?.status === 'failed' && (
        <p className="error-banner" role="alert" data-testid="unlearn-error">
          {job.error}
        </p>
      )}
      <JobBackend backend={job?.backend} />
      {job?.status === 'cancelled' && (
        <p className="muted" role="status">
          Unlearning cancelled{result ? '; showing the previous result' : ''}.
        </p>
      )}
      {stale && result && (
        <p className="muted">This result is for an earlier run of the experiment; unlearn again to update it.</p>
      )}
      {live && (
        <section>
          <h4>Forget-set loss so far</h4>
          <MultiLineChart
            series={forgetSeries(curves.uoe, curves['uoe-retain'], curves.full)}
            xLabel="unlearning step"
            yLabel="forget loss (nats/char)"
            integerX
            summary={`Forget-set loss so far: UOE ${curves.uoe.length} steps, full model ${curves.full.length} steps.`}
            name="forget-loss-live"
          />
        </section>
      )}
      {result && !running && <UnlearnResult result={result} />}
    </div>
  );
}
