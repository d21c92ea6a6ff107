// The 'routing' view of an MoE run: what its routers do on a fixed probe batch, live while it trains.
// Group (task or domain) × expert usage, layer × expert load, load over time, a load histogram, a token
// strip, SRP/SCH curves (current vs an earlier snapshot), and the inter-layer expert affinity.
import * as d3 from 'd3';
import { memo, useState } from 'react';
import type { RoutingSnapshotEvent, SnapshotEvent } from '../../protocol/index.ts';
import type { RunRecord } from '../../store/runsSlice.ts';
import { Heatmap } from '../charts/Heatmap.tsx';
import { LoadHistogram } from '../charts/LoadHistogram.tsx';
import { MultiLineChart } from '../charts/MultiLineChart.tsx';
import { seriesColor, seriesDash } from '../charts/palette.ts';
import { SrpSchChart } from '../charts/SrpSchChart.tsx';
import { TokenStrip } from '../charts/TokenStrip.tsx';
import { layerLoadMatrix, loadOverTime, previousSnapshot, routingSnapshots, usageSummary } from './routingSeries.ts';
import { pct as sharePct } from '../../shared/stats.ts';

const f2 = d3.format('.2f');
const pct = (share: number) => sharePct(share, 1);

export function RoutingView({ run }: { run: RunRecord }) {
  return <RoutingCharts snapshots={run.snapshots} modelKind={run.spec.model?.kind} />;
}

/** Memoised on the snapshot list: progress events (20/s) change the run but not its snapshots. */
const RoutingCharts = memo(function RoutingCharts({
  snapshots: all,
  modelKind,
}: {
  snapshots: SnapshotEvent[];
  modelKind?: string;
}) {
  const snapshots = routingSnapshots(all);
  const [layerChoice, setLayer] = useState(0);
  const [lookAheadChoice, setLookAhead] = useState(-1);
  const latest = snapshots.at(-1);
  if (!latest) {
    const moe = ['mmoe', 'ple', 'moe-lm'].includes(modelKind ?? '');
    return (
      <p className="placeholder">
        {moe
          ? 'Waiting for the first routing snapshot…'
          : `This run's model (${modelKind}) has no routers; the routing view needs an MMoE, PLE or MoE language model.`}
      </p>
    );
  }
  const numLayers = latest.layers.length;
  const layer = Math.min(layerChoice, numLayers - 1);
  const current = latest.layers[layer];
  const experts = latest.expertNames;
  const groupTitle = latest.groupKind === 'task' ? 'task' : 'domain';
  const layerName = latest.groupKind === 'task' ? 'gates' : `layer ${layer}`;
  const before = previousSnapshot(snapshots);
  const segments = latest.segments ?? [];
  const lookAhead =
    lookAheadChoice >= 0 && lookAheadChoice < segments.length ? lookAheadChoice : Math.floor(segments.length / 2);
  const history = loadOverTime(snapshots, layer);
  const sample = latest.sample;
  // Anchored at 0 so near-balanced loads do not look like extremes.
  const loadMatrix = layerLoadMatrix(latest);

  return (
    <div className="routing-view" data-step={latest.step}>
      <div className="chart-settings">
        <span>
          Step <output className="routing-step">{latest.step}</output>
        </span>
        {numLayers > 1 && (
          <label>
            Layer{' '}
            <select value={layer} onChange={(e) => setLayer(Number(e.target.value))} aria-label="MoE layer">
              {latest.layers.map((_, l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        )}
        {segments.length > 0 && (
          <label>
            SCH look-ahead{' '}
            <select
              value={lookAhead}
              onChange={(e) => setLookAhead(Number(e.target.value))}
              aria-label="SCH look-ahead"
            >
              {segments.map((m, i) => (
                <option key={m} value={i}>
                  {m}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>

      <table className="routing-stats">
        <caption className="muted">Routing on the probe batch at step {latest.step}</caption>
        <thead>
          <tr>
            <th scope="col">{latest.groupKind === 'task' ? 'Gate' : 'Layer'}</th>
            <th scope="col">load CV</th>
            <th scope="col">router entropy</th>
            <th scope="col">drop rate</th>
            <th scope="col">changed since last</th>
          </tr>
        </thead>
        <tbody>
          {latest.layers.map((l, i) => (
            <tr key={i}>
              <th scope="row">{latest.groupKind === 'task' ? 'task gates' : i}</th>
              <td>{f2(l.loadCV)}</td>
              <td>{f2(l.entropy)}</td>
              <td>{pct(l.dropRate)}</td>
              <td>{l.changed === undefined ? '–' : pct(l.changed)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="routing-grid">
        <section>
          <h4>
            {groupTitle === 'task' ? 'Task' : 'Domain'} × expert usage ({layerName})
          </h4>
          <Heatmap
            values={current.usage}
            rows={latest.groupNames}
            cols={experts}
            scale="sequential"
            // Shares sit near 1/E: a fixed 0–1 scale would paint them all dark, so the colours span 0 to the largest share.
            domain={[0, Math.max(...current.usage, 1 / experts.length)]}
            rowTitle={groupTitle}
            colTitle="expert"
            summary={usageSummary(latest, layer)}
            name={`usage-${groupTitle}-expert`}
          />
        </section>
        <section>
          <h4>Layer × expert load</h4>
          <Heatmap
            values={loadMatrix}
            domain={[0, Math.max(...loadMatrix, 1 / experts.length)]}
            rows={latest.layers.map((_, l) => (latest.groupKind === 'task' ? 'gates' : `layer ${l}`))}
            cols={experts}
            scale="sequential"
            rowTitle="layer"
            colTitle="expert"
            summary={`Expert load per layer at step ${latest.step}: ${latest.layers.map((l, i) => `layer ${i} CV ${f2(l.loadCV)}`).join(', ')}.`}
            name="layer-expert-load"
          />
        </section>
      </div>

      <h4>Expert load over training ({layerName})</h4>
      <MultiLineChart
        series={experts.map((name, e) => ({
          name,
          points: history.map((h) => [h.step, h.load[e]] as [number, number]),
          color: seriesColor(e),
          dash: seriesDash(e),
        }))}
        xLabel="step"
        yLabel="load"
        summary={`Load of each expert over ${history.length} snapshots up to step ${latest.step}; now ${experts.map((name, e) => `${name} ${f2(current.load[e])}`).join(', ')}.`}
        name="expert-load-over-time"
      />

      <h4>Load histogram ({layerName})</h4>
      <LoadHistogram
        load={current.load}
        expertNames={experts}
        summary={`Load per expert at step ${latest.step}: ${experts.map((name, e) => `${name} ${f2(current.load[e])}`).join(', ')}; balanced would be ${f2(1 / experts.length)} each.`}
        name="load-histogram"
      />

      {sample && (
        <>
          <h4>Tokens coloured by their first expert at layer {layer}</h4>
          <TokenStrip
            rows={sample.texts.map((text, s) => ({
              label: sample.domains[s],
              text,
              experts: sample.topExpert.subarray(
                (layer * sample.texts.length + s) * sample.length,
                (layer * sample.texts.length + s + 1) * sample.length,
              ),
            }))}
            expertNames={experts}
            summary={`Probe text of ${sample.domains.join(', ')} with each character's expert at layer ${layer}.`}
            name={`token-strip-layer-${layer}`}
          />
        </>
      )}

      {segments.length > 0 && current.srp && current.sch && (
        <>
          <h4>Local routing consistency (layer {layer})</h4>
          <SrpSchChart
            segments={segments}
            numExperts={latest.numExperts}
            lookAhead={lookAhead}
            what={`layer ${layer}`}
            current={{ label: `step ${latest.step}`, srp: current.srp, sch: current.sch }}
            previous={
              before?.layers[layer]?.srp && before.layers[layer].sch
                ? { label: `step ${before.step}`, srp: before.layers[layer].srp!, sch: before.layers[layer].sch! }
                : undefined
            }
          />
        </>
      )}

      {latest.interLayer && numLayers > 1 && (
        <>
          <h4>
            Inter-layer affinity: layer {Math.min(layer, numLayers - 2)} → {Math.min(layer, numLayers - 2) + 1}
          </h4>
          <InterLayer snapshot={latest} from={Math.min(layer, numLayers - 2)} />
        </>
      )}
    </div>
  );
});

function InterLayer({ snapshot, from }: { snapshot: RoutingSnapshotEvent; from: number }) {
  const E = snapshot.numExperts;
  const values = snapshot.interLayer!.subarray(from * E * E, (from + 1) * E * E);
  const peaks = snapshot.expertNames.map((name, a) => {
    const row = values.subarray(a * E, (a + 1) * E);
    const b = d3.maxIndex(row);
    return `${name} → ${snapshot.expertNames[b]} (${f2(row[b])})`;
  });
  return (
    <Heatmap
      values={values}
      rows={snapshot.expertNames.map((n) => `${n} @${from}`)}
      cols={snapshot.expertNames.map((n) => `${n} @${from + 1}`)}
      scale="sequential"
      domain={[0, Math.max(...values, 1 / E)]}
      rowTitle={`expert at layer ${from}`}
      colTitle={`expert at layer ${from + 1}`}
      summary={`Share of each layer-${from} expert's tokens going to each layer-${from + 1} expert: ${peaks.join(', ')}.`}
      name={`inter-layer-affinity-${from}`}
    />
  );
}
