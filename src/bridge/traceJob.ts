// Page side of the 'analyseTrace' job: turns what the trace cell holds (a dropped file, or a shipped
// sample's path under public/) into a job input and runs it in its own worker via the job bridge.
import type { TraceJobProgress, TraceJobResult, TraceJobSource } from '../protocol/jobs.ts';
import { runJob } from './jobBridge.ts';

export type TraceFileRef = { type: 'blob'; blob: Blob; name: string } | { type: 'sample'; path: string };

/** A sample's path ("traces/x.tlrt") against the page's own folder: the built site may live in any folder. */
export function sampleUrl(path: string, base: string): string {
  return new URL(path, base).href;
}

export function analyseTraceFile(
  file: TraceFileRef,
  segments: number[],
  options: { onProgress?(progress: TraceJobProgress): void; signal?: AbortSignal } = {},
): Promise<TraceJobResult> {
  const source: TraceJobSource =
    file.type === 'blob'
      ? { type: 'blob', blob: file.blob, name: file.name }
      : { type: 'url', url: sampleUrl(file.path, document.baseURI), name: file.path.split('/').pop() ?? file.path };
  return runJob('analyseTrace', { source, segments }, options);
}
