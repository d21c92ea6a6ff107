import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { analyseTrace, analyseTraceParallel, DEFAULT_SEGMENTS } from '../engine/routing/report.ts';
import { readTrace } from '../engine/routing/traceRead.ts';
import { TraceError, type RoutingTrace } from '../engine/routing/trace.ts';
import { CliError, writeJson } from './io.ts';
import { nodeLayerPool } from './layerPool.ts';

export const usage = 'routing <trace.json|trace.tlrt> [--segments 4,16,64] [--compare OTHER_TRACE] [--threads N] [--out FILE]';

function parseSegments(text: string | undefined): number[] {
  if (text === undefined) return DEFAULT_SEGMENTS;
  const segments = text.split(',').map((part) => Number(part.trim()));
  if (segments.length === 0 || segments.some((m) => !Number.isInteger(m) || m < 1)) {
    throw new CliError(`--segments: expected comma-separated positive integers, got "${text}"`);
  }
  return [...new Set(segments)];
}

/**
 * Reads a trace of either form; the binary form is streamed in 1 MiB chunks, never loaded whole, into
 * shared per-layer arrays that the worker threads read without copies.
 */
async function loadTrace(path: string): Promise<RoutingTrace> {
  try {
    return await readTrace(createReadStream(path, { highWaterMark: 1 << 20 }), { shared: true });
  } catch (error) {
    if (error instanceof TraceError) throw new CliError(`${path}: ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new CliError(`cannot read ${path}: ${code}`);
    throw error;
  }
}

export async function routingCommand(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { segments: { type: 'string' }, out: { type: 'string' }, compare: { type: 'string' }, threads: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new CliError(`usage: tasklab ${usage}`);
  const segments = parseSegments(values.segments);
  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new CliError(`--threads: expected an integer in 1..256, got "${values.threads}"`);
  // The threads start while the trace is read; layers are then computed one per thread at a time.
  // With one thread the layers run here, as the reference.
  const pool = threads > 1 ? nodeLayerPool(threads) : null;
  try {
    const trace = await loadTrace(positionals[0]);
    const compare = values.compare ? await loadTrace(values.compare) : undefined;
    const options = { segments, compare };
    await writeJson(pool ? await analyseTraceParallel(trace, options, pool.run, { concurrency: pool.size }) : analyseTrace(trace, options), values.out);
  } catch (error) {
    if (error instanceof TraceError) throw new CliError(error.message);
    throw error;
  } finally {
    pool?.terminate();
  }
}
