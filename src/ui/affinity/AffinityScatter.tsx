// "Estimate vs truth": one dot per ordered task pair (source ≠ target), truth on x and the
// estimate on y, with the relative (Frobenius) error and Spearman rank correlation of the two.
import * as d3 from 'd3';
import { useRef } from 'react';
import { ChartExportMenu } from '../charts/ChartExportMenu.tsx';
import { seriesColor } from '../charts/palette.ts';
import type { Comparison } from './affinityMatrix.ts';
import { csvText } from '../../shared/csv.ts';

const SIZE = 240;
const MARGIN = { top: 10, right: 12, bottom: 36, left: 48 };

interface AffinityScatterProps {
  comparison: Comparison;
  names: string[];
  estimateName: string;
  /** Same quantity as the truth (Grad-TAG): draw y = x and trust the error; else ranks only. */
  sameScale: boolean;
  plantedGroups?: number[];
}

const fmt = d3.format('.3~g');

export function AffinityScatter({ comparison, names, estimateName, sameScale, plantedGroups }: AffinityScatterProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const { points } = comparison;
  const extent = (values: number[]) => {
    const [lo = 0, hi = 1] = d3.extent(values.filter(Number.isFinite));
    const pad = (hi - lo) * 0.08 || 0.1;
    return [lo - pad, hi + pad] as [number, number];
  };
  let xDomain = extent(points.map((p) => p.truth));
  let yDomain = extent(points.map((p) => p.estimate));
  if (sameScale) xDomain = yDomain = [Math.min(xDomain[0], yDomain[0]), Math.max(xDomain[1], yDomain[1])];
  const x = d3.scaleLinear(xDomain, [MARGIN.left, MARGIN.left + SIZE]).nice();
  const y = d3.scaleLinear(yDomain, [MARGIN.top + SIZE, MARGIN.top]).nice();
  const width = MARGIN.left + SIZE + MARGIN.right;
  const height = MARGIN.top + SIZE + MARGIN.bottom;
  const error = Number.isFinite(comparison.relativeError)
    ? `${(100 * comparison.relativeError).toFixed(1)}%`
    : 'undefined (the truth is zero for every pair)';
  const rho = comparison.spearman.toFixed(2);
  const summary =
    `Scatter of ${estimateName} (y) against the brute-force truth (x) for ${points.length} task pairs: ` +
    `Spearman rank correlation ${rho}, relative error ‖estimate − truth‖ / ‖truth‖ ${error}.`;
  const sameGroup = (p: { source: number; target: number }) =>
    plantedGroups && plantedGroups[p.source] === plantedGroups[p.target];
  const csv = () =>
    csvText([
      ['source', 'target', 'truth', 'estimate'],
      ...points.map((p) => [names[p.source], names[p.target], p.truth, p.estimate]),
    ]);

  return (
    <figure className="chart affinity-scatter" data-testid="affinity-scatter">
      <div className="chart-toolbar">
        <figcaption>
          <strong>{estimateName} vs truth</strong>: Spearman ρ = <output data-testid="affinity-spearman">{rho}</output>,{' '}
          <abbr title="‖estimate − truth‖ / ‖truth‖ over all task pairs (Frobenius norms): not inflated by pairs whose true affinity is near zero">
            relative error
          </abbr>{' '}
          <output data-testid="affinity-error">{error}</output>
          {!sameScale && (
            <span className="muted"> (a different quantity from the truth's relative gain: read the ranks)</span>
          )}
        </figcaption>
        <ChartExportMenu svgRef={svgRef} name={`affinity-${estimateName.toLowerCase()}-vs-truth`} csv={csv} />
      </div>
      <svg ref={svgRef} width={width} height={height} role="img" aria-label={summary}>
        <g
          transform={`translate(0,${MARGIN.top + SIZE})`}
          ref={(g) => void (g && d3.select(g).call(d3.axisBottom(x).ticks(4)))}
          className="axis"
        />
        <g
          transform={`translate(${MARGIN.left},0)`}
          ref={(g) => void (g && d3.select(g).call(d3.axisLeft(y).ticks(4)))}
          className="axis"
        />
        <text x={MARGIN.left + SIZE / 2} y={height - 4} textAnchor="middle" className="axis-title">
          truth
        </text>
        <text
          transform={`translate(12,${MARGIN.top + SIZE / 2}) rotate(-90)`}
          textAnchor="middle"
          className="axis-title"
        >
          {estimateName}
        </text>
        {sameScale && (
          <line
            x1={x(xDomain[0])}
            y1={y(xDomain[0])}
            x2={x(xDomain[1])}
            y2={y(xDomain[1])}
            className="scatter-diagonal"
          />
        )}
        {points.map((p) =>
          Number.isFinite(p.truth) && Number.isFinite(p.estimate) ? (
            <circle
              key={`${p.source}-${p.target}`}
              cx={x(p.truth)}
              cy={y(p.estimate)}
              r={3.5}
              fill={seriesColor(sameGroup(p) ? 2 : 0)}
              fillOpacity={0.8}
            >
              <title>{`${names[p.source]} → ${names[p.target]}: truth ${fmt(p.truth)}, ${estimateName} ${fmt(p.estimate)}`}</title>
            </circle>
          ) : null,
        )}
      </svg>
      {plantedGroups && (
        <p className="muted legend-note">
          <span style={{ color: seriesColor(2) }}>●</span> pair within a planted group{' '}
          <span style={{ color: seriesColor(0) }}>●</span> pair across groups
        </p>
      )}
    </figure>
  );
}
