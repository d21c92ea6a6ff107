import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { checkSegments } from '../engine/jobs/analyseTrace.ts';
import { analyseTrace, analyseTraceParallel, DEFAULT_SEGMENTS } from '../engine/routing/report.ts';
import { readTrace } from '../engine/routing/traceRead.ts';
import { TraceError, type RoutingTrace } from '../engine/routing/trace.ts';
import { checkOutFile, CliError, describeFsCode, UsageError, writeJson } from './io.ts';
import { nodeLayerPool } from './layerPool.ts';

/** The lengths the lab's trace cell accepts too (at most 12, each ≤ 4096): SRP/SCH cost grows with them. */
function parseSegments(text: string | undefined): number[] {
  if (text === undefined) return DEFAULT_SEGMENTS;
  const segments = text.split(',').map((part) => (/^\s*\d+\s*$/.test(part) ? Number(part) : NaN));
  if (segments.some((m) => !Number.isInteger(m) || m < 1))
    throw new CliError(`--segments: expected comma-separated positive integers, got "${text}"`);
  try {
    return checkSegments(segments);
  } catch (error) {
    throw error instanceof TraceError ? new CliError(`--${error.message}`) : error;
  }
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
    if (code) throw new CliError(`cannot read ${path}: ${describeFsCode(code)}`);
    throw error;
  }
}

export async function routingCommand(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      segments: { type: 'string' },
      out: { type: 'string' },
      compare: { type: 'string' },
      threads: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError();
  const segments = parseSegments(values.segments);
  await checkOutFile(values.out);
  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 256)
    throw new CliError(`--threads: expected an integer in 1..256, got "${values.threads}"`);
  // The threads start while the trace is read; layers are then computed one per thread at a time.
  // With one thread the layers run here, as the reference.
  const pool = threads > 1 ? nodeLayerPool(threads) : null;
  try {
    const trace = await loadTrace(positionals[0]);
    const compare = values.compare ? await loadTrace(values.compare) : undefined;
    const options = { segments, compare };
    await writeJson(
      pool
        ? await analyseTraceParallel(trace, options, pool.run, { concurrency: pool.size })
        : analyseTrace(trace, options),
      values.out,
    );
  } catch (error) {
    throw error instanceof TraceError ? new CliError(`${positionals[0]}: ${error.message}`) : error;
  } finally {
    pool?.terminate();
  }
}
