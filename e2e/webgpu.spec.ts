// The WebGPU path as a visitor takes it (SwiftShader here): results equal wasm's, lessons and the
// branching search run, Stop stops, many runs queue, and ?backend= governs lessons opened later.
// Tolerance webgpu vs wasm: the results table shows 3 significant digits, so a loss may differ by
// 1 % of its size (float32 kernels differ in summation order).
import { expect, test, type Page } from '@playwright/test';
import { encodeNotebookLink } from '../src/notebook/link.ts';
import type { Notebook } from '../src/notebook/schema.ts';
import { ExperimentSpec, type ExperimentSpecInput } from '../src/protocol/index.ts';
import { collectErrors, firstAndLastLosses, labUrl } from './helpers.ts';

const TINY_SPEC = {
  dataset: { kind: 'planted', numTasks: 4, numGroups: 2, inputDim: 8, numSamples: 256 },
  model: { kind: 'shared-bottom', hidden: [16] },
  training: { steps: 60, batchSize: 32, learningRate: 0.02 },
} satisfies Partial<ExperimentSpecInput>;
const LIVE = ['queued', 'starting', 'running', 'paused', 'stopping'];

async function trainOnce(page: Page, backend: string) {
  await page.goto(labUrl(TINY_SPEC, backend));
  await page.getByRole('button', { name: 'Start' }).first().click();
  await expect(page.getByTestId('run-status').first()).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend);
  return firstAndLastLosses(page);
}

test('a run gives the same losses on WebGPU as on wasm', async ({ page }) => {
  const errors = collectErrors(page);
  const wasm = await trainOnce(page, 'wasm');
  const webgpu = await trainOnce(page, 'webgpu');
  expect(webgpu.map((r) => r.task)).toEqual(wasm.map((r) => r.task));
  console.log(
    `last losses, wasm: ${wasm.map((r) => r.last).join(' ')}; webgpu: ${webgpu.map((r) => r.last).join(' ')}`,
  );
  webgpu.forEach((row, i) => {
    expect(Math.abs(row.last - wasm[i].last)).toBeLessThanOrEqual(0.01 * Math.abs(wasm[i].last));
    expect(row.last).toBeLessThan(row.first); // it trained
  });
  expect(errors).toEqual([]);
});

test('Stop on WebGPU halts training within a second and the run is recorded as stopped', async ({ page }, testInfo) => {
  await page.goto(labUrl({ ...TINY_SPEC, training: { ...TINY_SPEC.training, steps: 100_000 } }, 'webgpu'));
  await page.getByRole('button', { name: 'Start' }).first().click();
  await expect(page.getByTestId('step-counter')).toHaveText(/step [1-9]\d* /, { timeout: 60_000 });
  // Timed in the page: the click, the last change of the step counter, and the status becoming "stopped".
  await page.evaluate(() => {
    const times: Record<string, number> = {};
    (window as unknown as { __stop: typeof times }).__stop = times;
    const note = (key: string) => () => (times[key] = performance.now());
    document
      .querySelector('.run-controls button:nth-of-type(3)')!
      .addEventListener('click', note('clicked'), { capture: true });
    new MutationObserver(note('lastStep')).observe(document.querySelector('[data-testid="step-counter"]')!, {
      characterData: true,
      childList: true,
      subtree: true,
    });
    const status = document.querySelector('[data-testid="run-status"]')!;
    new MutationObserver(() => status.getAttribute('data-status') === 'stopped' && note('stopped')()).observe(status, {
      attributes: true,
    });
  });
  await page.getByRole('button', { name: 'Stop' }).first().click();
  await expect(page.getByTestId('run-status').first()).toHaveAttribute('data-status', 'stopped', { timeout: 10_000 });
  const times = await page.evaluate(() => (window as unknown as { __stop: Record<string, number> }).__stop);
  const halted = times.lastStep - times.clicked;
  const recorded = times.stopped - times.clicked;
  console.log(
    `Stop: training halted ${halted.toFixed(0)} ms after the click; recorded as stopped after ${recorded.toFixed(0)} ms`,
  );
  expect(halted).toBeLessThan(1000);
  // Recorded by the worker's own "stopped" status, before the 3 s grace after which the page would end it.
  expect(recorded).toBeLessThan(3000);
  // The worker then validates and reports on its own; it is never ended by force (that would leave a note).
  await expect(page.getByTestId('results-table').locator('caption')).toContainText(/after \d+ steps/, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('run-status').first()).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByTestId('run-note')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('stopped.png') });
});

test('?backend=wasm governs a lesson opened after it', async ({ page }) => {
  // A remembered override says webgpu; the page's ?backend= must still win.
  await page.addInitScript(() =>
    localStorage.setItem('tasklab.backendChoice.v1', JSON.stringify({ override: 'webgpu' })),
  );
  await page.goto('/?backend=wasm');
  await page
    .getByTestId('lesson-gallery')
    .getByRole('button', { name: /Open Lesson 1/ })
    .click();
  await expect(page.getByLabel('Notebook title')).toHaveValue(/Lesson 1/);
  await page.getByRole('button', { name: 'Start' }).first().click();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await expect(page.getByTestId('run-status').first()).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
});

test('?spec= and ?backend= are not written into the notebook at the next edit', async ({ page }) => {
  await page.goto(labUrl({ training: { steps: 123 } }, 'cpu'));
  await expect(page.getByLabel('Steps').first()).toHaveValue('123');
  await page.getByLabel('Notebook title').fill('Edited after a link');
  await page.waitForTimeout(1000); // autosave runs 250 ms after an edit
  await page.goto('/');
  await expect(page.getByLabel('Notebook title')).toHaveValue('Edited after a link');
  await expect(page.getByLabel('Steps').first()).not.toHaveValue('123');
  await expect(page.getByLabel('Backend').first()).toHaveValue('auto');
});

// Compare set-ups (four more trainings) is left out: on SwiftShader it took over 4 minutes here.
test('the branching search splits the planted groups on WebGPU', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await page.goto('/?backend=webgpu');
  await page
    .getByTestId('lesson-gallery')
    .getByRole('button', { name: /Open Lesson 2/ })
    .click();
  const tree = page.getByTestId('tree-view');
  await tree.getByLabel('Depth').fill('2'); // one split: the step that failed on WebGPU, in a quarter of the time
  await tree.getByRole('button', { name: 'Search tree' }).click();
  await expect(tree).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
  // Lesson 2's planted groups are the even and the odd tasks.
  await expect(tree.getByRole('img')).toHaveAttribute(
    'aria-label',
    /Layer 1: \{task0, task2, task4\} \{task1, task3, task5\}/,
  );
  await page.screenshot({ path: testInfo.outputPath('branching-webgpu.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('8 runs started at once on WebGPU: at most the limit run, the rest queue, all finish', async ({
  page,
}, testInfo) => {
  test.setTimeout(480_000); // SwiftShader compiles every worker's shaders anew: ~30 s a run
  const spec = (i: number) =>
    ExperimentSpec.parse({
      ...TINY_SPEC,
      name: `run ${i}`,
      seed: i,
      dataset: { ...TINY_SPEC.dataset, numSamples: 64 },
      training: { ...TINY_SPEC.training, steps: 10 },
    });
  const notebook: Notebook = {
    title: 'Eight runs',
    cells: Array.from({ length: 8 }, (_, i) => ({ id: `e${i}`, kind: 'experiment', spec: spec(i) })),
  };
  await page.goto(`/?backend=webgpu${encodeNotebookLink(notebook).hash}`);
  const statuses = page.getByTestId('run-status');
  await expect(statuses).toHaveCount(8);
  const limit = await page.evaluate(() => Math.max(1, navigator.hardwareConcurrency - 1));
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect(statuses.filter({ hasText: /queued · place \d/ })).toHaveCount(8 - Math.min(limit, 8), {
    timeout: 5_000,
  });
  for (;;) {
    const now = await statuses.evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? ''));
    expect(now.filter((s) => LIVE.includes(s) && s !== 'queued').length).toBeLessThanOrEqual(limit);
    if (now.every((s) => s === 'done')) break;
    expect(now.filter((s) => !LIVE.includes(s) && s !== 'done')).toEqual([]);
    await page.waitForTimeout(200);
  }
  // The page's responsiveness with 8 live runs is checked in responsiveness.spec.ts from main-thread CPU
  // time in a Chrome trace: a wall-clock limit here failed whenever the shared machine was loaded.
  await page.screenshot({ path: testInfo.outputPath('eight-runs.png'), fullPage: true });
});
