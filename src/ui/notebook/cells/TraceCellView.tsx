// A routing-trace cell: choose a trace (drop, pick, or the shipped sample), watch it stream through a
// worker, then read its routing statistics as charts. The file stays on this page; the notebook only
// names it, and asks for it again when opened elsewhere.
import { useEffect, useState } from 'react';
import { analyseTraceFile, cancelTraceAnalysis, type TraceFileRef } from '../../../bridge/traceJob.ts';
import type { TraceJobProgress } from '../../../protocol/jobs.ts';
import type { CellOf } from '../../../notebook/index.ts';
import { useLab } from '../../../store/index.ts';
import { jobKeys } from '../../../store/jobKeys.ts';
import { selectJob } from '../../../store/jobsSlice.ts';
import { JobProgress } from '../../JobProgress.tsx';
import { useFileDrop } from '../../data/useFileDrop.ts';
import { formatSegmentList, parseSegmentList } from './segmentList.ts';
import { TraceCharts } from './TraceCharts.tsx';
import { analysisKey, traceSession } from './traceSession.ts';
import { describeTrace } from './traceSummaries.ts';

export const SAMPLE_TRACE = 'traces/sample-4x8-top2.tlrt';

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
  const job = useLab(selectJob(jobKeys.trace(cell.id)));
  const key = file ? analysisKey(file, cell.segments) : null;

  useEffect(() => {
    if (!file || !key) return;
    const session = traceSession(cell.id);
    if (session.analysed?.key === key) return;
    void analyseTraceFile(cell.id, file, cell.segments).then((result) => {
      if (!result) return;
      session.file = file;
      session.analysed = { key, result };
      const source =
        file.type === 'sample'
          ? { type: 'sample' as const, path: file.path }
          : { type: 'file' as const, fileName: file.name, sizeBytes: file.blob.size };
      if (JSON.stringify(source) !== JSON.stringify(cell.source)) patchCell(cell.id, { source });
    });
    return () => cancelTraceAnalysis(cell.id);
    // `attempt` re-runs a cancelled or failed analysis of the same file.
  }, [key, attempt]);

  // This page's earlier analysis of the same file and segments is shown without a job.
  const analysed = traceSession(cell.id).analysed;
  const running = job?.status === 'running';
  const result = running
    ? undefined
    : analysed && analysed.key === key
      ? analysed.result
      : job?.status === 'done'
        ? job.result
        : undefined;
  const status = running ? 'running' : result ? 'done' : job?.status === 'failed' ? 'error' : 'idle';

  const choose = (next: TraceFileRef) => {
    setFile(next);
    setAttempt((a) => a + 1);
  };
  const chooseBlob = (blob: File | undefined) => blob && choose({ type: 'blob', blob, name: blob.name });

  return (
    <div className="trace-cell">
      <TracePicker onFile={chooseBlob} onSample={() => choose({ type: 'sample', path: SAMPLE_TRACE })} busy={running} />
      <SegmentField segments={cell.segments} onChange={(segments) => patchCell(cell.id, { segments })} />
      {status === 'idle' && cell.source?.type === 'file' && !file && (
        <p className="notice" role="status">
          This cell analysed “{cell.source.fileName}”
          {cell.source.sizeBytes !== undefined ? ` (${bytes(cell.source.sizeBytes)})` : ''}. Traces are not stored in
          notebooks or links: choose that file again to see its charts.
        </p>
      )}
      {status === 'idle' && !cell.source && !file && (
        <p className="placeholder">
          Drop a routing trace (.json or .tlrt, see docs/routing-trace-format.md) or load the sample.
        </p>
      )}
      {running && (
        <TraceProgress name={job.subject ?? ''} progress={job.live} onCancel={() => cancelTraceAnalysis(cell.id)} />
      )}
      {status === 'error' && (
        <p className="error-banner trace-error" role="alert">
          Could not read “{job?.subject}”: {job?.error}
        </p>
      )}
      {result && (
        <>
          <p className="trace-caption" data-testid="trace-caption">
            <strong>{result.name}</strong> ({bytes(result.bytes)}, analysed in {result.seconds.toFixed(2)} s):{' '}
            {describeTrace(result.stats)}
            {result.stats.weightsAs ? ` Router weights read as ${result.stats.weightsAs}.` : ''}
          </p>
          <TraceCharts stats={result.stats} name={result.name} />
        </>
      )}
    </div>
  );
}

function TracePicker({
  onFile,
  onSample,
  busy,
}: {
  onFile(file: File | undefined): void;
  onSample(): void;
  busy: boolean;
}) {
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
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={apply}
          onKeyDown={(e) => e.key === 'Enter' && apply()}
          aria-invalid={error !== null}
        />
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
  const [value, max] =
    phase === 'reading' ? [Math.min(bytesRead, totalBytes ?? 0), totalBytes] : [layers?.done, layers?.total];
  return <JobProgress text={label} value={value} max={max ?? undefined} onCancel={onCancel} />;
}
