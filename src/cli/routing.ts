import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkSegments } from '../engine/jobs/analyseTrace.ts';
import { analyseTrace, DEFAULT_SEGMENTS } from '../engine/routing/report.ts';
import { readTrace } from '../engine/routing/traceRead.ts';
import { TraceError, type RoutingTrace } from '../engine/routing/trace.ts';
import { checkOutFile, CliError, describeFsCode, UsageError, writeJson } from './io.ts';

/** The lengths the lab's trace cell accepts too (at most 12, each ≤ 4096): SRP/SCH cost grows with them. */
function parseSegments(text: string | undefined): number[] {
  if (text === undefined) return DEFAULT_SEGMENTS;
  const segments = text.split(',').map((part) => (/^\s*\d+\s*$/.test(part) ? Number(part) : NaN));
  if (segments.some((m) => !Number.isInteger(m) || m < 1)) throw new CliError(`--segments: expected comma-separated positive integers, got "${text}"`);
  try {
    return checkSegments(segments);
  } catch (error) {
    throw error instanceof TraceError ? new CliError(`--${error.message}`) : error;
  }
}

/** Reads a trace of either form; the binary form is streamed in 1 MiB chunks, never loaded whole. */
async function loadTrace(path: string): Promise<RoutingTrace> {
  try {
    return await readTrace(createReadStream(path, { highWaterMark: 1 << 20 }));
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
    options: { segments: { type: 'string' }, out: { type: 'string' }, compare: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError();
  const segments = parseSegments(values.segments);
  await checkOutFile(values.out);
  const trace = await loadTrace(positionals[0]);
  const compare = values.compare ? await loadTrace(values.compare) : undefined;
  let report;
  try {
    report = analyseTrace(trace, { segments, compare });
  } catch (error) {
    throw error instanceof TraceError ? new CliError(`${positionals[0]}: ${error.message}`) : error;
  }
  await writeJson(report, values.out);
}
