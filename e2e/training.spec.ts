import { expect, test } from '@playwright/test';
import { collectErrors, firstAndLastLosses, labUrl, stepCount, TINY } from './helpers.ts';
import { startMainThreadTrace, stopMainThreadTrace } from './mainThreadTrace.ts';

test('trains the default experiment live on WebGPU (SwiftShader) without errors or main-thread jank', async ({
  page,
  browser,
}, testInfo) => {
  const errors = collectErrors(page);
  await page.goto(labUrl(TINY));
  await expect(page.getByRole('heading', { name: 'Planted clusters' })).toBeVisible();
  await page.getByRole('button', { name: 'Start' }).click();

  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', 'webgpu');
  await expect(badge).toContainText(/swiftshader/i);
  await expect(badge).toContainText('software adapter');

  // From the first progress on, the test stops polling the page (its own probes are main-thread
  // work too): a page-side observer counts how often the first curve is redrawn, and a Chrome trace
  // records the main thread's tasks until the run is done (their CPU time, which a loaded machine
  // does not inflate as it does wall-clock long tasks).
  const lines = page.locator('path.loss-line');
  await expect(lines).toHaveCount(8);
  await page.evaluate(() => {
    const marks = window as unknown as { __redraws: number };
    marks.__redraws = 0;
    new MutationObserver(() => marks.__redraws++).observe(document.querySelector('path.loss-line')!, {
      attributes: true,
      attributeFilter: ['d'],
    });
  });
  await startMainThreadTrace(browser, page);
  await page.waitForSelector('[data-testid="run-status"][data-status="done"]', { timeout: 100_000, state: 'attached' });
  const trace = await stopMainThreadTrace(browser, 50);
  console.log(
    `main thread while training: ${trace.tasks.length} tasks, ${trace.totalCpuSeconds.toFixed(2)} s CPU, longest ${trace.longestCpuMs.toFixed(0)} ms CPU (${trace.longestWallMs.toFixed(0)} ms wall)`,
  );

  expect(await page.evaluate(() => (window as unknown as { __redraws: number }).__redraws)).toBeGreaterThan(3);
  const losses = await firstAndLastLosses(page);
  expect(losses).toHaveLength(8);
  for (const { task, first, last } of losses) expect(last, task).toBeLessThan(first);

  expect(trace.overLimit.map((t) => `${t.cpuMs.toFixed(0)} ms`)).toEqual([]);
  expect(errors).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('trained-webgpu.png'), fullPage: true });
});

test('pause stops progress, resume continues, stop ends the run', async ({ page }) => {
  await page.goto(labUrl({ training: { steps: 100_000, batchSize: 32 } }, 'cpu'));
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(20);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  await page.waitForTimeout(300); // let in-flight progress land
  const paused = await stepCount(page);
  await page.waitForTimeout(1500);
  expect(await stepCount(page)).toBe(paused);

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect.poll(() => stepCount(page)).toBeGreaterThan(paused + 10);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByTestId('results-table')).toContainText('validation');
});

test('a forced cpu backend trains too', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(labUrl(TINY, 'cpu'));
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'cpu');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  for (const { task, first, last } of await firstAndLastLosses(page)) expect(last, task).toBeLessThan(first);
  expect(errors).toEqual([]);
});
