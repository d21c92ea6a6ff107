// Page side of the 'analyseTrace' job: turns what the trace cell holds (a dropped file, or a shipped
// sample's path under public/) into a job input and runs it through the job runtime, keyed by the cell.
import type { TraceJobResult, TraceJobSource } from '../protocol/jobs.ts';
import { jobKeys } from '../store/jobKeys.ts';
import { cancelJob, startJob } from './jobRuntime.ts';

export type TraceFileRef = { type: 'blob'; blob: Blob; name: string } | { type: 'sample'; path: string };

/** A sample's path ("traces/x.tlrt") against the page's own folder: the built site may live in any folder. */
export function sampleUrl(path: string, base: string): string {
  return new URL(path, base).href;
}

const traceFileName = (file: TraceFileRef) =>
  file.type === 'blob' ? file.name : (file.path.split('/').pop() ?? file.path);

/** Analyses the file for the cell; resolves with undefined when cancelled, replaced or failed (the job record says which). */
export function analyseTraceFile(
  cellId: string,
  file: TraceFileRef,
  segments: number[],
): Promise<TraceJobResult | undefined> {
  const name = traceFileName(file);
  const source: TraceJobSource =
    file.type === 'blob'
      ? { type: 'blob', blob: file.blob, name: file.name }
      : { type: 'url', url: sampleUrl(file.path, document.baseURI), name };
  const live = { phase: 'reading' as const, bytesRead: 0, totalBytes: file.type === 'blob' ? file.blob.size : null };
  return startJob(jobKeys.trace(cellId), 'analyseTrace', { input: { source, segments }, live, subject: name });
}

export const cancelTraceAnalysis = (cellId: string) => cancelJob(jobKeys.trace(cellId));
