// The charts of one analysed routing trace: SRP over segment length, SCH hit rate over cache size,
// layer × expert load, load CV and entropy per layer, inter-layer affinity, domain × expert usage.
import * as d3 from 'd3';
import { useMemo, useState } from 'react';
import type { TraceStats } from '../../../protocol/jobs.ts';
import { MultiLineChart } from '../../charts/MultiLineChart.tsx';
import { Heatmap } from '../../charts/Heatmap.tsx';
import {
  expertLabels,
  layerDiagnosticSeries,
  layerLabels,
  loadMatrix,
  schSeries,
  segmentsOf,
  srpSeries,
} from './traceSeries.ts';
import {
  affinitySummary,
  diagnosticsSummary,
  domainSummary,
  loadSummary,
  referenceSegment,
  schSummary,
  srpSummary,
} from './traceSummaries.ts';

const percent = d3.format('.1%');

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: number;
  options: { value: number; label: string }[];
  onChange(value: number): void;
}) {
  return (
    <label className="trace-select">
      {label}{' '}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TraceCharts({ stats, name }: { stats: TraceStats; name: string }) {
  const segments = segmentsOf(stats);
  const [lookAhead, setLookAhead] = useState(() => referenceSegment(stats));
  const [pairIndex, setPairIndex] = useState(0);
  const [domainLayer, setDomainLayer] = useState(0);
  const L = segments.includes(lookAhead) ? lookAhead : referenceSegment(stats);
  const experts = useMemo(() => expertLabels(stats.numExperts), [stats.numExperts]);
  const layers = useMemo(() => layerLabels(stats.numLayers), [stats.numLayers]);
  const srp = useMemo(() => srpSeries(stats), [stats]);
  const sch = useMemo(() => schSeries(stats, L), [stats, L]);
  const load = useMemo(() => loadMatrix(stats), [stats]);
  const diagnostics = useMemo(() => layerDiagnosticSeries(stats), [stats]);
  const pair = stats.interLayer[Math.min(pairIndex, stats.interLayer.length - 1)];
  const pairValues = useMemo(() => (pair ? pair.conditional.flat() : []), [pair]);
  const usageLayer = Math.min(domainLayer, stats.numLayers - 1);
  const usage = stats.layers[usageLayer].domainUsage;
  const usageValues = useMemo(() => (usage ? usage.usage.flat() : []), [usage]);
  const base = name.replace(/\.[^.]*$/, '');

  return (
    <div className="trace-charts">
      <section className="trace-chart" data-chart="srp">
        <h3>SRP over segment length</h3>
        <p className="muted">
          How well one fixed expert set per window of m tokens reproduces the routing (1 = perfectly).
        </p>
        <MultiLineChart
          series={srp}
          xLabel="segment length m"
          yLabel="SRP"
          xScale="log2"
          yDomain={[0, 1]}
          tickAtPoints
          summary={srpSummary(stats)}
          name={`${base}-srp`}
        />
      </section>
      <section className="trace-chart" data-chart="sch">
        <h3>SCH hit rate over cache size</h3>
        <Select
          label="Look-ahead L"
          value={L}
          options={segments.map((m) => ({ value: m, label: String(m) }))}
          onChange={setLookAhead}
        />
        <MultiLineChart
          series={sch}
          xLabel="cache size C (experts)"
          yLabel="hit rate"
          yDomain={[0, 1]}
          tickAtPoints
          summary={schSummary(stats, L)}
          name={`${base}-sch-L${L}`}
        />
      </section>
      <section className="trace-chart" data-chart="load">
        <h3>Expert load per layer</h3>
        <Heatmap
          values={load}
          rows={layers}
          cols={experts}
          scale="sequential"
          domain={[0, Math.max(...load, 1e-9)]}
          rowTitle="layer"
          colTitle="expert"
          summary={loadSummary(stats)}
          name={`${base}-load`}
          format={percent}
        />
      </section>
      <section className="trace-chart" data-chart="diagnostics">
        <h3>Load CV and router entropy per layer</h3>
        <MultiLineChart
          series={diagnostics}
          xLabel="layer"
          yLabel="value"
          tickAtPoints
          summary={diagnosticsSummary(stats)}
          name={`${base}-load-cv-entropy`}
          height={200}
        />
      </section>
      {pair && (
        <section className="trace-chart" data-chart="affinity">
          <h3>Inter-layer affinity</h3>
          <Select
            label="Layers"
            value={Math.min(pairIndex, stats.interLayer.length - 1)}
            options={stats.interLayer.map((p, i) => ({ value: i, label: `${p.from} → ${p.to}` }))}
            onChange={setPairIndex}
          />
          <span className="muted"> peak {d3.format('.3~g')(pair.peak)}</span>
          <Heatmap
            values={pairValues}
            rows={experts}
            cols={experts}
            scale="sequential"
            domain={[0, Math.max(...pairValues, 1e-9)]}
            rowTitle={`expert at layer ${pair.from}`}
            colTitle={`expert at layer ${pair.to}`}
            summary={affinitySummary(pair)}
            name={`${base}-affinity-${pair.from}-${pair.to}`}
            format={percent}
          />
        </section>
      )}
      {usage && (
        <section className="trace-chart" data-chart="domains">
          <h3>Domain × expert usage</h3>
          <Select
            label="Layer"
            value={usageLayer}
            options={layers.map((label, l) => ({ value: l, label }))}
            onChange={setDomainLayer}
          />
          <span className="muted"> normalised MI {d3.format('.3~g')(usage.normalisedMI)}</span>
          <Heatmap
            values={usageValues}
            rows={usage.domains}
            cols={experts}
            scale="sequential"
            domain={[0, Math.max(...usageValues, 1e-9)]}
            rowTitle="domain"
            colTitle="expert"
            summary={domainSummary(usage, usageLayer)}
            name={`${base}-domains-layer${usageLayer}`}
            format={percent}
          />
        </section>
      )}
    </div>
  );
}
