import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { ExperimentSpecInput } from '../src/protocol/index.ts';

/** The lab's URL with a partial spec and optional forced backend. */
export function labUrl(spec: Partial<ExperimentSpecInput> = {}, backend?: string): string {
  const params = new URLSearchParams({ spec: JSON.stringify(spec) });
  if (backend) params.set('backend', backend);
  return `/?${params}`;
}

/** Small enough to train in seconds on SwiftShader. */
export const TINY = {
  training: { steps: 120, batchSize: 32, learningRate: 0.01 },
} satisfies Partial<ExperimentSpecInput>;

/** Console errors and uncaught page errors, collected for a no-errors assertion. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Records main-thread long tasks (PerformanceObserver 'longtask') from page start. */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

export const longTasksSince = (page: Page, since: number) =>
  page.evaluate(
    (t) =>
      (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter(
        (e) => e.start >= t,
      ),
    since,
  );

export const stepCount = async (page: Page) =>
  Number((await page.getByTestId('step-counter').textContent())?.match(/step (\d+)/)?.[1] ?? 0);

/** First and latest loss of every task, read from the results table. */
export async function firstAndLastLosses(page: Page): Promise<{ task: string; first: number; last: number }[]> {
  return page
    .getByTestId('results-table')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        task: row.getAttribute('data-task') ?? '',
        first: Number(row.querySelector('[data-col="first"]')?.textContent),
        last: Number(row.querySelector('[data-col="last"]')?.textContent),
      })),
    );
}

/**
 * Serves every worker script with `prefix` in front: how the tests simulate a GPU's limits or its
 * loss inside the workers, where page init scripts do not reach. Needs `serviceWorkers: 'block'`,
 * or the service worker would answer those requests first.
 */
export async function prefixWorkerScripts(context: BrowserContext, prefix: string) {
  await context.route(/\.worker-[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: prefix + (await response.text()) });
  });
}

/** Opens lesson n from the start page's gallery; `query` is the page's (e.g. `?backend=webgpu`). */
export async function openLesson(page: Page, n: number, query = '') {
  await page.goto(`/${query}`);
  await page
    .getByTestId('lesson-gallery')
    .getByRole('button', { name: new RegExp(`Open Lesson ${n}`) })
    .click();
  await expect(page.getByLabel('Notebook title')).toHaveValue(new RegExp(`Lesson ${n}`));
  await expect(page.getByText('Before you press Start').first()).toBeVisible();
}
