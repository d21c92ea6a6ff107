// The 'health' view of a multitask MoE run (HoME's three anomalies, live): per expert its share of zero
// activations and output spread, who occupies each shared expert, and per task the gate weight on its
// own experts against its share of the labels (the MoE LM: per layer, domains instead of tasks, and each
// expert's load). Flags name the anomaly, the expert and the task or domain.
import * as d3 from 'd3';
import { memo, useState } from 'react';
import { HEALTH_THRESHOLDS, type HealthLayer, type SnapshotEvent } from '../../protocol/index.ts';
import type { RunRecord } from '../../store/runsSlice.ts';
import { Heatmap } from '../charts/Heatmap.tsx';
import { MultiLineChart } from '../charts/MultiLineChart.tsx';
import { expertSeries, healthSnapshots, ownerLabel, topOccupant } from './healthSeries.ts';
import { pct as sharePct } from '../../shared/stats.ts';

const pct = (share: number) => sharePct(share, 0);
const f2 = d3.format('.2f');
const HEALTH_MODELS = ['mmoe', 'ple', 'home', 'task-expert', 'moe-lm'];

export function ExpertHealthView({ run }: { run: RunRecord }) {
  return <HealthCharts snapshots={run.snapshots} modelKind={run.spec.model?.kind} />;
}

function Thresholds() {
  const t = HEALTH_THRESHOLDS;
  return (
    <p className="health-thresholds">
      Thresholds: <b>collapse</b> — an expert with ≥ {pct(t.zeroShare)} zero activations, or an output std below{' '}
      {pct(t.spreadRatio)} of the layer&apos;s median; <b>degradation</b> — a shared expert getting ≥ {pct(t.occupancy)}{' '}
      of its gate weight from one task; <b>underfitting</b> — a task with under {pct(t.sparseShare)} of the mean label
      share giving its own experts under {pct(t.specificWeight)} of what a uniform gate would.
    </p>
  );
}

/** Memoised on the snapshot list: progress events change the run, not its snapshots. */
const HealthCharts = memo(function HealthCharts({
  snapshots: all,
  modelKind,
}: {
  snapshots: SnapshotEvent[];
  modelKind?: string;
}) {
  const snapshots = healthSnapshots(all);
  const [layerChoice, setLayer] = useState(0);
  const latest = snapshots.at(-1);
  if (!latest) {
    const known = HEALTH_MODELS.includes(modelKind ?? '');
    return (
      <p className="placeholder">
        {known
          ? 'Waiting for the first expert health snapshot…'
          : `This run's model (${modelKind}) has no multitask experts; the health view needs an MMoE, PLE, HoME, TaskExpert or MoE LM model.`}
      </p>
    );
  }
  const layerIndex = Math.min(layerChoice, latest.layers.length - 1);
  const layer = latest.layers[layerIndex];
  const tasks = latest.groupNames;
  const word = latest.groupKind; // 'task' or 'domain'
  const zeroSeries = expertSeries(snapshots, layerIndex, 'zeroShare');

  return (
    <div className="health-view" data-step={latest.step}>
      <div className="chart-settings">
        <span>
          Step <output className="health-step">{latest.step}</output>
        </span>
        {latest.layers.length > 1 && (
          <label>
            Layer{' '}
            <select value={layerIndex} onChange={(e) => setLayer(Number(e.target.value))} aria-label="Expert layer">
              {latest.layers.map((l, i) => (
                <option key={i} value={i}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <section className="health-flags" aria-live="polite">
        <h4>Anomalies</h4>
        {latest.flags.length === 0 ? (
          <p className="health-ok">No anomaly at the thresholds below.</p>
        ) : (
          <ul>
            {latest.flags.map((flag, i) => (
              <li key={i} className={`health-flag health-${flag.anomaly}`} data-anomaly={flag.anomaly}>
                {flag.message}
              </li>
            ))}
          </ul>
        )}
        <Thresholds />
      </section>
      <h4>Experts{layer.name === 'experts' ? '' : ` (${layer.name})`}</h4>
      <table className="health-experts">
        <thead>
          <tr>
            <th>Expert</th>
            <th>Used by</th>
            <th>Zero activations</th>
            <th>Output mean ± std</th>
            {layer.load && <th>Load</th>}
            <th>Top {word}&apos;s share of its gate weight</th>
          </tr>
        </thead>
        <tbody>
          {layer.expertNames.map((name, e) => {
            const top = topOccupant(layer, e, tasks);
            const collapsed = layer.zeroShare[e] >= HEALTH_THRESHOLDS.zeroShare;
            return (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{ownerLabel(layer.owners[e], tasks)}</td>
                <td className={collapsed ? 'health-bad' : undefined}>
                  <span className="health-track">
                    <span className="health-bar" style={{ width: `${100 * layer.zeroShare[e]}%` }} />
                  </span>{' '}
                  {pct(layer.zeroShare[e])}
                </td>
                <td>
                  {f2(layer.outputMean[e])} ± {f2(layer.outputStd[e])}
                </td>
                {layer.load && <td className="health-load">{pct(layer.load[e])}</td>}
                <td
                  className={
                    layer.owners[e].length > 1 && top.share >= HEALTH_THRESHOLDS.occupancy ? 'health-bad' : undefined
                  }
                >
                  {layer.owners[e].length > 1 ? `${pct(top.share)} (${top.task})` : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <MultiLineChart
        series={zeroSeries}
        xLabel="step"
        yLabel="zero activations"
        yDomain={[0, 1]}
        name="expert-zero-activations"
        summary={`Share of zero activations per expert over training; now ${layer.expertNames.map((n, e) => `${n} ${pct(layer.zeroShare[e])}`).join(', ')}.`}
        height={180}
      />
      <h4>Occupancy: share of each expert&apos;s gate weight given by each {word}</h4>
      <Heatmap
        values={layer.occupancy}
        rows={layer.expertNames}
        cols={tasks}
        rowTitle="expert"
        colTitle={word}
        scale="sequential"
        // The largest share at full colour (a fixed 0–1 scale leaves shares of 1/T uniformly dark); at
        // least 1/T, what a task would give under an even split.
        domain={[0, Math.max(...layer.occupancy, 1 / tasks.length)]}
        showValues
        format={pct}
        name="expert-occupancy"
        summary={`Expert × ${word} occupancy at step ${latest.step}.`}
      />
      {word === 'task' && <TaskTable tasks={tasks} layer={layer} dataShare={latest.dataShare} />}
    </div>
  );
});

function TaskTable({ tasks, layer, dataShare }: { tasks: string[]; layer: HealthLayer; dataShare: Float32Array }) {
  return (
    <>
      <h4>Tasks: gate weight on their own experts against their share of the labels</h4>
      <table className="health-tasks">
        <thead>
          <tr>
            <th>Task</th>
            <th>Share of labels</th>
            <th>Weight on own experts</th>
            <th>Uniform gate would give</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task, g) => (
            <tr key={task}>
              <th scope="row">{task}</th>
              <td>{pct(dataShare[g])}</td>
              <td>{Number.isNaN(layer.specificWeight[g]) ? 'no own experts' : pct(layer.specificWeight[g])}</td>
              <td>{Number.isNaN(layer.uniformSpecific[g]) ? '—' : pct(layer.uniformSpecific[g])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
