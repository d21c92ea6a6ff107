// The branching tree as a d3 tidy tree with layers as rows: shared blocks as circles (dashed while
// their split is still being searched), tasks as leaves in the bottom row, coloured as in the loss
// chart. Hovering a block shows its tasks and the affinity among them; clicking a leaf selects it.
import * as d3 from 'd3';
import { useMemo, useRef, useState } from 'react';
import type { BranchTreeNode } from '../../protocol/branchTree.ts';
import { ChartExportMenu } from '../charts/ChartExportMenu.tsx';
import { seriesColor } from '../charts/palette.ts';
import { useElementWidth } from '../useElementWidth.ts';
import { blockAffinity, buildTree, treeLayers, type TreeDatum } from './treeModel.ts';
import { csvText } from '../../shared/csv.ts';

interface TreeChartProps {
  taskNames: string[];
  depth: number;
  arity: number;
  nodes: BranchTreeNode[];
  selectedTask: number | null;
  onSelectTask(task: number | null): void;
}

const ROW = 70;
const MARGIN = { top: 20, right: 24, bottom: 56, left: 24 };
const format = d3.format('.3~f');

export function TreeChart({ taskNames, depth, arity, nodes, selectedTask, onSelectTask }: TreeChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = useElementWidth(containerRef);
  const [hovered, setHovered] = useState<d3.HierarchyPointNode<TreeDatum> | null>(null);
  const height = MARGIN.top + depth * ROW + MARGIN.bottom;

  const { root, layers } = useMemo(() => {
    const datum = buildTree(taskNames.length, depth, arity, nodes);
    const layout = d3
      .tree<TreeDatum>()
      .size([Math.max(10, width - MARGIN.left - MARGIN.right), 1])
      .separation((a, b) => (a.parent === b.parent ? 1 : 1.4));
    const positioned = layout(d3.hierarchy(datum));
    positioned.each((node) => {
      node.x += MARGIN.left;
      node.y = MARGIN.top + node.data.row * ROW;
    });
    return { root: positioned, layers: treeLayers(datum) };
  }, [taskNames.length, depth, arity, nodes, width]);

  const link = d3
    .linkVertical<d3.HierarchyPointLink<TreeDatum>, d3.HierarchyPointNode<TreeDatum>>()
    .x((d) => d.x)
    .y((d) => d.y);
  const blocks = root.descendants().filter((d) => d.data.kind === 'block');
  const leaves = root.leaves();
  const onPath = new Set(
    selectedTask === null ? [] : blocks.filter((b) => b.data.tasks.includes(selectedTask)).map((b) => b.data.id),
  );
  const names = (tasks: number[]) => tasks.map((t) => taskNames[t] ?? `task ${t}`).join(', ');

  const summary = `Branching tree of ${taskNames.length} tasks over ${depth} layers. ${layers
    .map((groups, l) => `Layer ${l}: ${groups.map((g) => `{${names(g)}}`).join(' ')}`)
    .join('. ')}.${blocks.some((b) => b.data.pending) ? ' Still searching.' : ''}`;
  const csv = () =>
    csvText([['layer', 'group', 'tasks'], ...layers.flatMap((groups, l) => groups.map((g, i) => [l, i, names(g)]))]);
  const hoverAffinity = hovered ? blockAffinity(nodes, hovered.data.tasks) : undefined;
  const hoverSplit = hovered
    ? nodes.find(
        (n) =>
          n.layer === hovered.data.row + 1 &&
          n.tasks.length === hovered.data.tasks.length &&
          n.tasks.every((t) => hovered.data.tasks.includes(t)),
      )
    : undefined;

  return (
    <figure
      className="chart tree-chart"
      ref={containerRef}
      data-testid="branch-tree"
      data-blocks={blocks.length}
      data-leaves={leaves.length}
    >
      <div className="chart-toolbar">
        <p className="muted tree-legend">
          Rows are layers; each circle is a shared block, dashed while its split is searched. Click a task to see its
          curve.
        </p>
        <ChartExportMenu svgRef={svgRef} name="branching-tree" csv={csv} />
      </div>
      <svg ref={svgRef} width={width} height={height} role="img" aria-label={summary} className="chart-svg">
        {Array.from({ length: depth }, (_, l) => (
          <text key={l} x={2} y={MARGIN.top + l * ROW - 8} className="axis-label">
            layer {l}
          </text>
        ))}
        <g className="tree-links">
          {root.links().map((l) => (
            <path
              key={`${l.source.data.id}>${l.target.data.id}`}
              d={link(l) ?? ''}
              className={
                onPath.has(l.source.data.id) &&
                (l.target.data.kind === 'task' ? l.target.data.tasks[0] === selectedTask : onPath.has(l.target.data.id))
                  ? 'tree-link on-path'
                  : 'tree-link'
              }
            />
          ))}
        </g>
        {blocks.map((b) => (
          <circle
            key={b.data.id}
            cx={b.x}
            cy={b.y}
            r={6 + Math.min(8, b.data.tasks.length)}
            className={`tree-block${b.data.pending ? ' pending' : ''}${onPath.has(b.data.id) ? ' on-path' : ''}`}
            data-testid="tree-block"
            tabIndex={0}
            aria-label={`block at layer ${b.data.row}: ${names(b.data.tasks)}`}
            onPointerEnter={() => setHovered(b)}
            onPointerLeave={() => setHovered(null)}
            onFocus={() => setHovered(b)}
            onBlur={() => setHovered(null)}
          />
        ))}
        {leaves.map((leaf) => {
          const task = leaf.data.tasks[0];
          return (
            <g
              key={leaf.data.id}
              transform={`translate(${leaf.x},${MARGIN.top + depth * ROW})`}
              className={`tree-leaf${task === selectedTask ? ' selected' : ''}`}
              data-testid="tree-leaf"
              data-task={taskNames[task]}
              role="button"
              tabIndex={0}
              aria-pressed={task === selectedTask}
              aria-label={`task ${taskNames[task]}`}
              onClick={() => onSelectTask(task === selectedTask ? null : task)}
              onKeyDown={(e) =>
                (e.key === 'Enter' || e.key === ' ') && onSelectTask(task === selectedTask ? null : task)
              }
            >
              <rect x={-7} y={-7} width={14} height={14} fill={seriesColor(task)} />
              <text y={20} textAnchor="end" transform="rotate(-35 0 20)" className="tree-leaf-label">
                {taskNames[task]}
              </text>
            </g>
          );
        })}
      </svg>
      {hovered && (
        <div
          className="hover-readout tree-readout"
          role="status"
          style={{ left: Math.min(hovered.x + 14, width - 260), top: hovered.y + 10 }}
        >
          <strong>Layer {hovered.data.row} block</strong>
          <div>Tasks: {names(hovered.data.tasks)}</div>
          <div>
            {hoverAffinity
              ? `Mean affinity inside: ${format(hoverAffinity.value)} (cosine, measured at layer ${hoverAffinity.layer})`
              : hovered.data.tasks.length < 2
                ? 'One task: no affinity inside.'
                : 'Affinity not measured yet.'}
          </div>
          {hovered.data.pending && <div className="muted">Split being searched…</div>}
          {hoverSplit && (
            <div className="muted">
              Split into {hoverSplit.children.length}:{' '}
              {hoverSplit.explanation.split('\n').find((line) => line.includes('chosen'))}
            </div>
          )}
        </div>
      )}
    </figure>
  );
}
