// Main-thread work of the page measured from a Chrome trace: each task's CPU time on the renderer's
// main thread. Thread time, unlike wall-clock frame timings, does not grow when other processes of
// a loaded machine take the cores, yet it does grow with the page's own work, so a check on it can
// fail on a real freeze and not on a busy test machine.
import type { Browser, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadTask {
  /** Start, in trace microseconds. */
  ts: number;
  /** Wall-clock and CPU (thread) duration in ms. */
  wallMs: number;
  cpuMs: number;
}

export interface MainThreadSummary {
  tasks: MainThreadTask[];
  /** CPU time of all tasks, in seconds. */
  totalCpuSeconds: number;
  longestCpuMs: number;
  longestWallMs: number;
  /** Tasks whose CPU time exceeds `limitMs` (the one given to `summarise`). */
  overLimit: MainThreadTask[];
}

/** Starts recording the tasks (RunTask events) of every thread of the browser. */
export const startMainThreadTrace = (browser: Browser, page: Page) =>
  browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] });

/** Stops recording and summarises the renderer main threads' tasks. */
export async function stopMainThreadTrace(browser: Browser, limitMs: number): Promise<MainThreadSummary> {
  const buffer = await browser.stopTracing();
  if (process.env.KEEP_TRACE) (await import('node:fs')).writeFileSync(process.env.KEEP_TRACE, buffer);
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return summarise(Array.isArray(parsed) ? parsed : parsed.traceEvents, limitMs);
}

/** Tasks of every thread named CrRendererMain (the page's main thread; any other renderer idles). */
export function summarise(events: TraceEvent[], limitMs: number): MainThreadSummary {
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? e.dur ?? 0) / 1000 }));
  return {
    tasks,
    totalCpuSeconds: tasks.reduce((sum, t) => sum + t.cpuMs, 0) / 1000,
    longestCpuMs: Math.max(0, ...tasks.map((t) => t.cpuMs)),
    longestWallMs: Math.max(0, ...tasks.map((t) => t.wallMs)),
    overLimit: tasks.filter((t) => t.cpuMs > limitMs),
  };
}
