// The MoE part of a compare cell: per-run routing metrics (load CV, SRP, SCH, inter-layer affinity,
// competition steps, validation loss) and each run's expert load per layer, from the runs' latest
// routing snapshots. Loss curves are the compare cell's own chart above it.
import { useMemo } from 'react';
import type { RunRecord } from '../../store/runsSlice.ts';
import { Heatmap } from '../charts/Heatmap.tsx';
import { formatMetric, METRIC_SEGMENT, moeRunMetrics, type MoeRunMetrics } from './moeRunMetrics.ts';

const routerLabel = (run: RunRecord) => {
  const model = run.spec.model;
  if (model.kind !== 'moe-lm') return model.kind;
  return `${model.router === 'compete' ? `CompeteSMoE λ=${model.competeRate}` : model.router}${model.routerMemory === 'recurrent' ? ', recurrent' : ''}`;
};

function LoadHeatmaps({ rows }: { rows: { run: RunRecord; metrics: MoeRunMetrics }[] }) {
  const E = Math.max(...rows.map((r) => r.metrics.numExperts));
  const experts = Array.from({ length: E }, (_, e) => `e${e}`);
  // One row per run and layer; runs with fewer experts are padded with 0.
  const labels = rows.flatMap(({ run, metrics }, i) =>
    Array.from({ length: metrics.numLayers }, (_, l) => `${i + 1}: ${routerLabel(run)} · L${l}`),
  );
  const values = new Float32Array(labels.length * E);
  let row = 0;
  for (const { metrics } of rows)
    for (let l = 0; l < metrics.numLayers; l++, row++)
      values.set(metrics.load.subarray(l * metrics.numExperts, (l + 1) * metrics.numExperts), row * E);
  const summary = rows.map(({ run, metrics }) => `${run.name}: load CV ${formatMetric(metrics.loadCV, 2)}`).join('; ');
  return (
    <Heatmap
      values={values}
      rows={labels}
      cols={experts}
      scale="sequential"
      domain={[0, Math.max(...values, 1 / E)]}
      rowTitle="run · layer"
      colTitle="expert"
      summary={`Expert load per layer of each run (latest routing snapshot). ${summary}.`}
      name="compare-expert-load"
    />
  );
}

export function MoeComparePanel({ runs }: { runs: RunRecord[] }) {
  const rows = useMemo(
    () =>
      runs.flatMap((run) => {
        const metrics = moeRunMetrics(run);
        return metrics ? [{ run, metrics }] : [];
      }),
    [runs],
  );
  if (rows.length === 0) return null;
  const cache = new Set(rows.map((r) => r.metrics.cacheSize));
  return (
    <section className="moe-compare" aria-label="Routing per run">
      <h4>Routing per run</h4>
      <table className="results" data-testid="moe-compare-metrics">
        <thead>
          <tr>
            <th scope="col">run</th>
            <th scope="col">router</th>
            <th scope="col" title="mean validation cross-entropy over domains">
              val. loss
            </th>
            <th scope="col" title="coefficient of variation of expert load, mean over layers (0 = balanced)">
              load CV
            </th>
            <th
              scope="col"
              title={`segment routing best performance at window m = ${METRIC_SEGMENT}, mean over layers`}
            >
              SRP (m={METRIC_SEGMENT})
            </th>
            <th
              scope="col"
              title={`segment cache hit rate, look-ahead ${METRIC_SEGMENT}, cache of 2k experts (fewer than E), mean over layers`}
            >
              SCH (L={METRIC_SEGMENT}, C={[...cache].join('/')})
            </th>
            <th
              scope="col"
              title="mean over adjacent layers of mean_a max_b P(b at l+1 | a at l): 1 when each expert's tokens all go on to one same expert"
            >
              inter-layer affinity
            </th>
            <th scope="col">competition steps</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ run, metrics }, i) => (
            <tr key={run.id}>
              <th scope="row">
                {i + 1}. {run.name}
              </th>
              <td>{routerLabel(run)}</td>
              <td>{formatMetric(metrics.validationLoss)}</td>
              <td>{formatMetric(metrics.loadCV)}</td>
              <td>{formatMetric(metrics.srp)}</td>
              <td>{formatMetric(metrics.sch)}</td>
              <td>{formatMetric(metrics.interLayer)}</td>
              <td>{metrics.competitionSteps ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadHeatmaps rows={rows} />
    </section>
  );
}
