// Text with each character coloured by the expert that processed it (at one MoE layer): shows
// whether routing follows the domain, the character class, or neighbouring tokens.
import { useRef } from 'react';
import { ChartExportMenu } from './ChartExportMenu.tsx';
import { seriesColor } from './palette.ts';
import { csvText } from '../../shared/csv.ts';

export interface TokenStripProps {
  /** One row per sequence. */
  rows: { label: string; text: string; experts: ArrayLike<number> }[];
  expertNames: string[];
  summary: string;
  name: string;
}

const CHAR_W = 11;
const ROW_H = 22;
const LABEL_W = 80;

/** Light text on the darker palette colours, dark text on the lighter ones. */
const DARK = new Set(['#332288', '#117733', '#882255', '#AA4499', '#CC6677']);
const visible = (ch: string) => (ch === '\n' ? '↵' : ch === ' ' ? '·' : ch);

export function TokenStrip({ rows, expertNames, summary, name }: TokenStripProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const length = Math.max(0, ...rows.map((r) => r.text.length));
  const width = LABEL_W + length * CHAR_W + 4;
  const csv = () =>
    csvText([
      ['sequence', 'position', 'char', 'expert'],
      ...rows.flatMap((r) =>
        [...r.text].map((ch, i) => [r.label, i, ch, r.experts[i] >= 0 ? expertNames[r.experts[i]] : '']),
      ),
    ]);
  return (
    <figure className="chart token-strip">
      <div className="chart-toolbar">
        <ul className="legend" aria-hidden="true">
          {expertNames.map((expert, e) => (
            <li key={expert} className="legend-item">
              <span className="swatch" style={{ background: seriesColor(e) }} /> {expert}
            </li>
          ))}
          <li className="legend-item">
            <span className="swatch token-none" /> no expert
          </li>
        </ul>
        <ChartExportMenu svgRef={svgRef} name={name} csv={csv} />
      </div>
      <div className="token-strip-scroll">
        <svg
          ref={svgRef}
          width={width}
          height={rows.length * ROW_H + 4}
          role="img"
          aria-label={summary}
          className="chart-svg"
        >
          {rows.map((row, r) => (
            <g key={r} transform={`translate(0,${r * ROW_H + 2})`}>
              <text x={LABEL_W - 6} y={ROW_H / 2} dy="0.32em" textAnchor="end" className="heatmap-label">
                {row.label}
              </text>
              {[...row.text].map((ch, i) => {
                const e = row.experts[i];
                const fill = e >= 0 ? seriesColor(e) : '#eeeeee';
                return (
                  <g key={i} transform={`translate(${LABEL_W + i * CHAR_W},0)`} data-expert={e}>
                    <rect width={CHAR_W - 1} height={ROW_H - 2} fill={fill}>
                      <title>{`${JSON.stringify(ch)} → ${e >= 0 ? expertNames[e] : 'no expert'}`}</title>
                    </rect>
                    <text
                      x={(CHAR_W - 1) / 2}
                      y={ROW_H / 2}
                      dy="0.32em"
                      textAnchor="middle"
                      className="token-char"
                      fill={DARK.has(fill) ? '#ffffff' : '#111111'}
                    >
                      {visible(ch)}
                    </text>
                  </g>
                );
              })}
            </g>
          ))}
        </svg>
      </div>
    </figure>
  );
}
