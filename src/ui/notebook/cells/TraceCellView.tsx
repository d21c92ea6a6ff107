// A routing-trace cell: choose a trace (drop, pick, or the shipped sample), watch it stream through a
// worker, then read its routing statistics as charts. The file stays on this page; the notebook only
// names it, and asks for it again when opened elsewhere.
import { useEffect, useRef, useState } from 'react';
import { analyseTraceFile, type TraceFileRef } from '../../../bridge/traceJob.ts';
import type { TraceJobProgress, TraceJobResult } from '../../../protocol/jobs.ts';
import type { CellOf } from '../../../notebook/index.ts';
import { useLab } from '../../../store/index.ts';
import { useFileDrop } from '../../data/useFileDrop.ts';
import { formatSegmentList, parseSegmentList } from './segmentList.ts';
import { TraceCharts } from './TraceCharts.tsx';
import { analysisKey, traceSession } from './traceSession.ts';
import { describeTrace } from './traceSummaries.ts';

export const SAMPLE_TRACE = 'traces/sample-4x8-top2.tlrt';

type TraceState =
  | { status: 'idle' }
  | { status: 'running'; name: string; progress: TraceJobProgress }
  | { status: 'done'; result: TraceJobResult }
  | { status: 'error'; name: string; message: string };

const fileName = (file: TraceFileRef) => (file.type === 'blob' ? file.name : file.path.split('/').pop()!);

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} kB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

function initialFile(cell: CellOf<'trace'>): TraceFileRef | null {
  const kept = traceSession(cell.id).file;
  if (kept) return kept;
  return cell.source?.type === 'sample' ? { type: 'sample', path: cell.source.path } : null;
}

export function TraceCellView({ cell }: { cell: CellOf<'trace'> }) {
  const patchCell = useLab((s) => s.patchCell);
  const [file, setFile] = useState<TraceFileRef | null>(() => initialFile(cell));
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<TraceState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const key = file ? analysisKey(file, cell.segments) : null;

  useEffect(() => {
    if (!file || !key) return;
    const session = traceSession(cell.id);
    if (session.analysed?.key === key) return setState({ status: 'done', result: session.analysed.result });
    const abort = new AbortController();
    controller.current = abort;
    const name = fileName(file);
    setState({ status: 'running', name, progress: { phase: 'reading', bytesRead: 0, totalBytes: file.type === 'blob' ? file.blob.size : null } });
    analyseTraceFile(file, cell.segments, { signal: abort.signal, onProgress: (progress) => setState({ status: 'running', name, progress }) }).then(
      (result) => {
        session.file = file;
        session.analysed = { key, result };
        setState({ status: 'done', result });
        const source = file.type === 'sample' ? { type: 'sample' as const, path: file.path } : { type: 'file' as const, fileName: file.name, sizeBytes: file.blob.size };
        if (JSON.stringify(source) !== JSON.stringify(cell.source)) patchCell(cell.id, { source });
      },
      (error: Error) => {
        if (error.name === 'AbortError') return;
        setState({ status: 'error', name, message: error.message });
      },
    );
    return () => abort.abort();
    // `attempt` re-runs a cancelled or failed analysis of the same file.
  }, [key, attempt]);

  const choose = (next: TraceFileRef) => {
    setFile(next);
    setAttempt((a) => a + 1);
  };
  const chooseBlob = (blob: File | undefined) => blob && choose({ type: 'blob', blob, name: blob.name });
  const cancel = () => {
    controller.current?.abort();
    setState({ status: 'idle' });
  };

  return (
    <div className="trace-cell">
      <TracePicker onFile={chooseBlob} onSample={() => choose({ type: 'sample', path: SAMPLE_TRACE })} busy={state.status === 'running'} />
      <SegmentField segments={cell.segments} onChange={(segments) => patchCell(cell.id, { segments })} />
      {state.status === 'idle' && cell.source?.type === 'file' && !file && (
        <p className="notice" role="status">
          This cell analysed “{cell.source.fileName}”{cell.source.sizeBytes !== undefined ? ` (${bytes(cell.source.sizeBytes)})` : ''}. Traces are not stored in
          notebooks or links: choose that file again to see its charts.
        </p>
      )}
      {state.status === 'idle' && !cell.source && !file && <p className="placeholder">Drop a routing trace (.json or .tlrt, see docs/routing-trace-format.md) or load the sample.</p>}
      {state.status === 'running' && <TraceProgress name={state.name} progress={state.progress} onCancel={cancel} />}
      {state.status === 'error' && (
        <p className="error-banner trace-error" role="alert">
          Could not read “{state.name}”: {state.message}
        </p>
      )}
      {state.status === 'done' && (
        <>
          <p className="trace-caption" data-testid="trace-caption">
            <strong>{state.result.name}</strong> ({bytes(state.result.bytes)}, analysed in {state.result.seconds.toFixed(2)} s): {describeTrace(state.result.stats)}
            {state.result.stats.weightsAs ? ` Router weights read as ${state.result.stats.weightsAs}.` : ''}
          </p>
          <TraceCharts stats={state.result.stats} name={state.result.name} />
        </>
      )}
    </div>
  );
}

function TracePicker({ onFile, onSample, busy }: { onFile(file: File | undefined): void; onSample(): void; busy: boolean }) {
  // A nested drop zone: the notebook's own drop handler (for data files) never sees these drops.
  const { over, handlers } = useFileDrop(onFile);
  return (
    <div className={over ? 'trace-drop over' : 'trace-drop'} {...handlers}>
      <span>Drop a trace file here, or</span>
      <label className="file-button">
        choose a file…
        <input
          type="file"
          accept=".json,.tlrt,application/json,application/octet-stream"
          aria-label="Choose a routing trace file"
          disabled={busy}
          onChange={(e) => {
            onFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </label>
      <button type="button" onClick={onSample} disabled={busy}>
        Load the sample trace
      </button>
    </div>
  );
}

function SegmentField({ segments, onChange }: { segments: number[]; onChange(segments: number[]): void }) {
  const [text, setText] = useState(formatSegmentList(segments));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(formatSegmentList(segments)), [segments]);
  const apply = () => {
    const parsed = parseSegmentList(text);
    if (!parsed.ok) return setError(parsed.error);
    setError(null);
    if (formatSegmentList(parsed.segments) !== formatSegmentList(segments)) onChange(parsed.segments);
    else setText(formatSegmentList(segments));
  };
  return (
    <div className="trace-segments">
      <label>
        Segment lengths m (SRP windows, SCH look-aheads){' '}
        <input value={text} onChange={(e) => setText(e.target.value)} onBlur={apply} onKeyDown={(e) => e.key === 'Enter' && apply()} aria-invalid={error !== null} />
      </label>
      {error && (
        <span className="error-text" role="alert">
          {' '}
          {error}
        </span>
      )}
    </div>
  );
}

function TraceProgress({ name, progress, onCancel }: { name: string; progress: TraceJobProgress; onCancel(): void }) {
  const { bytesRead, totalBytes, phase, layers } = progress;
  const label =
    phase === 'reading'
      ? `Reading ${name}: ${bytes(bytesRead)}${totalBytes ? ` of ${bytes(totalBytes)}` : ''}`
      : layers
        ? `Computing the statistics of ${name}: layer ${layers.done} of ${layers.total} (${layers.workers} worker${layers.workers === 1 ? '' : 's'})`
        : `Computing the statistics of ${name}…`;
  const [value, max] = phase === 'reading' ? [Math.min(bytesRead, totalBytes ?? 0), totalBytes] : [layers?.done, layers?.total];
  return (
    <div className="trace-progress" role="status">
      <progress aria-label={label} max={max ?? undefined} value={max ? value : undefined} />
      <span>{label}</span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
