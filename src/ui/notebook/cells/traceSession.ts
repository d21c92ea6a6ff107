// What a trace cell holds outside the notebook document for this page's lifetime: the chosen file
// (never saved or linked) and its last analysis, so moving, re-rendering or undoing a delete of the
// cell does not make the person pick the file again or wait for the worker a second time.
import type { TraceFileRef } from '../../../bridge/traceJob.ts';
import type { TraceJobResult } from '../../../protocol/jobs.ts';

export interface TraceSession {
  file?: TraceFileRef;
  analysed?: { key: string; result: TraceJobResult };
}

const sessions = new Map<string, TraceSession>();

export function traceSession(cellId: string): TraceSession {
  let session = sessions.get(cellId);
  if (!session) sessions.set(cellId, (session = {}));
  return session;
}

/** Identifies one analysis: the same file (object identity for blobs) at the same segment lengths. */
const blobIds = new WeakMap<Blob, number>();
let nextBlobId = 1;
export function analysisKey(file: TraceFileRef, segments: number[]): string {
  if (file.type === 'sample') return `sample:${file.path}|${segments.join(',')}`;
  if (!blobIds.has(file.blob)) blobIds.set(file.blob, nextBlobId++);
  return `blob:${blobIds.get(file.blob)}|${segments.join(',')}`;
}
