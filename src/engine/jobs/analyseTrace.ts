// The 'analyseTrace' job: stream a trace file (a Blob from the page, or a shipped sample by URL) through
// the trace reader, then compute every routing statistic, layers in parallel over the context's worker
// pool. Progress counts bytes read (≤ 10 messages/s), then layers done.
import { TRACE_SEGMENT_LIMITS, type JobInputs, type JobResults, type TraceJobProgress } from '../../protocol/jobs.ts';
import { analyseTraceParallel, chunksOf, readTrace, type LayerRunner } from '../routing/index.ts';
import { analyseLayer } from '../routing/layerReport.ts';
import { TraceError } from '../routing/trace.ts';
import type { JobContext } from './context.ts';
import { throttleProgress } from './progressThrottle.ts';

const PROGRESS_INTERVAL_MS = 100;
const { count: MAX_SEGMENTS, maxLength: MAX_SEGMENT_LENGTH } = TRACE_SEGMENT_LIMITS;

/** Segment lengths as SRP/SCH take them: positive integers, distinct, ascending. */
export function checkSegments(segments: unknown): number[] {
  if (!Array.isArray(segments) || segments.length === 0 || segments.length > MAX_SEGMENTS) {
    throw new TraceError(`segments: expected 1 to ${MAX_SEGMENTS} segment lengths`);
  }
  for (const m of segments) {
    if (!Number.isInteger(m) || m < 1 || m > MAX_SEGMENT_LENGTH) {
      throw new TraceError(`segments: ${JSON.stringify(m)} is not an integer in 1..${MAX_SEGMENT_LENGTH}`);
    }
  }
  return [...new Set(segments as number[])].sort((a, b) => a - b);
}

/** Passes chunks through, counting their bytes; stops with an AbortError once the signal fires. */
export async function* countingChunks(
  chunks: AsyncIterable<Uint8Array>,
  onBytes: (bytesRead: number) => void,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of chunks) {
    if (signal?.aborted) throw new DOMException('The trace analysis was cancelled', 'AbortError');
    bytes += chunk.length;
    onBytes(bytes);
    yield chunk;
  }
}

async function open(
  source: JobInputs['analyseTrace']['source'],
): Promise<{ stream: ReadableStream<Uint8Array>; totalBytes: number | null }> {
  if (source.type === 'blob') return { stream: source.blob.stream(), totalBytes: source.blob.size };
  const response = await fetch(source.url);
  if (!response.ok || !response.body)
    throw new Error(`could not load ${source.name}: HTTP ${response.status} ${response.statusText}`.trim());
  const length = Number(response.headers.get('content-length'));
  return { stream: response.body, totalBytes: Number.isFinite(length) && length > 0 ? length : null };
}

export async function analyseTraceJob(
  input: JobInputs['analyseTrace'],
  context: Pick<JobContext<'analyseTrace'>, 'progress' | 'signal' | 'startLayerPool'>,
): Promise<JobResults['analyseTrace']> {
  const started = performance.now();
  const segments = checkSegments(input.segments);
  // Started first, so the workers boot while the file is read.
  const pool = context.startLayerPool?.();
  try {
    return await analyse(input, segments, context, pool?.run ?? inThisThread, pool?.size ?? 1, started);
  } finally {
    pool?.terminate();
  }
}

const inThisThread: LayerRunner = async (view, job) => analyseLayer(view, job);

/** Shared arrays need cross-origin isolation in a browser; Node always has them. */
const canShare = () =>
  typeof SharedArrayBuffer !== 'undefined' &&
  (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;

async function analyse(
  input: JobInputs['analyseTrace'],
  segments: number[],
  context: Pick<JobContext<'analyseTrace'>, 'progress' | 'signal'>,
  run: LayerRunner,
  workers: number,
  started: number,
): Promise<JobResults['analyseTrace']> {
  const { stream, totalBytes } = await open(input.source);
  const throttle = throttleProgress((p: TraceJobProgress) => context.progress(p), PROGRESS_INTERVAL_MS);
  let bytesRead = 0;
  const counted = countingChunks(
    chunksOf(stream),
    (bytes) => {
      bytesRead = bytes;
      throttle.offer({ phase: 'reading', bytesRead, totalBytes });
    },
    context.signal,
  );
  const trace = await readTrace(counted, { shared: canShare() });
  throttle.flush();
  const analysing = (done: number) => ({
    phase: 'analysing' as const,
    bytesRead,
    totalBytes,
    layers: { done, total: trace.numLayers, workers },
  });
  context.progress(analysing(0));
  const report = await analyseTraceParallel(trace, { segments }, run, {
    concurrency: workers,
    signal: context.signal,
    onLayer: (done) => context.progress(analysing(done)),
  });
  // The page draws from the summary numbers; the SRP thresholds/details stay in the CLI's output.
  const layers = report.layers.map(({ srpDetail: _detail, ...layer }) => layer);
  const stats = { ...report, layers, model: { srp: report.model.srp } };
  return { name: input.source.name, bytes: bytesRead, seconds: (performance.now() - started) / 1000, stats };
}
