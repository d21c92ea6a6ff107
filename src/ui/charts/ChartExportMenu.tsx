import type { RefObject } from 'react';
import { exportCsv, exportPng, exportSvg } from './exportChart.ts';

interface ChartExportMenuProps {
  svgRef: RefObject<SVGSVGElement | null>;
  name: string;
  csv(): string;
}

export function ChartExportMenu({ svgRef, name, csv }: ChartExportMenuProps) {
  const withSvg = (action: (svg: SVGSVGElement) => void) => () => svgRef.current && action(svgRef.current);
  return (
    <div className="export-menu" role="group" aria-label="Export chart">
      <button type="button" onClick={withSvg((svg) => void exportPng(svg, name))}>
        PNG
      </button>
      <button type="button" onClick={withSvg((svg) => exportSvg(svg, name))}>
        SVG
      </button>
      <button type="button" onClick={() => exportCsv(csv(), name)}>
        CSV
      </button>
    </div>
  );
}
