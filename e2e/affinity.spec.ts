import { expect, test, type Page } from '@playwright/test';
import { collectErrors, labUrl } from './helpers.ts';

/** Planted tasks small enough for the cpu backend on a loaded machine; the default notebook measures lookahead. */
const spec = (numTasks: number, steps: number) => ({
  dataset: { kind: 'planted' as const, numTasks, numGroups: 2, numSamples: 512 },
  model: { kind: 'shared-bottom' as const, hidden: [16] },
  training: { steps, batchSize: 32, learningRate: 0.01 },
});

const view = (page: Page) => page.getByTestId('affinity-view');

test('the live heatmap has n×n cells, grows during training, scrubs back and reads out values on hover', async ({
  page,
}, testInfo) => {
  const errors = collectErrors(page);
  await page.goto(labUrl(spec(6, 2000), 'cpu'));
  // Record every snapshot step the view shows, with the run's status at that moment.
  await page.evaluate(() => {
    const seen: { step: string; status: string }[] = [];
    (window as unknown as { __affinitySteps: typeof seen }).__affinitySteps = seen;
    setInterval(() => {
      const step = document.querySelector('[data-testid="affinity-step"]')?.textContent ?? '';
      const status = document.querySelector('[data-testid="run-status"]')?.getAttribute('data-status') ?? '';
      if (step && seen[seen.length - 1]?.step !== step) seen.push({ step, status });
    }, 20);
  });
  await page.getByRole('button', { name: 'Start' }).click();

  const heatmap = view(page).locator('figure.heatmap');
  await expect(heatmap).toHaveAttribute('data-rows', '6');
  await expect(heatmap).toHaveAttribute('data-cols', '6');
  await expect(heatmap.locator('rect.heatmap-cell')).toHaveCount(36);
  await expect(heatmap.locator('svg[role="img"]')).toHaveAttribute('aria-label', /Strongest affinities: /);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });

  // Snapshots arrived while the run was still training: several distinct steps seen during 'running'.
  const seen = await page.evaluate(
    () => (window as unknown as { __affinitySteps: { step: string; status: string }[] }).__affinitySteps,
  );
  const live = seen.filter((s) => s.status === 'running').map((s) => Number(s.step));
  expect(live.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(3);
  expect(live).toEqual([...live].sort((a, b) => a - b));

  // The scrubber goes back to the first measurement (Adam skips 20 steps).
  await view(page).getByTestId('affinity-scrubber').fill('0');
  await expect(view(page).getByTestId('affinity-step')).toHaveText('20');
  await expect(view(page).getByTestId('affinity-groups')).toContainText('Ordered by');

  await heatmap.locator('rect.heatmap-cell').nth(1).hover();
  await expect(view(page).locator('.hover-readout')).toContainText('→');
  await page.screenshot({ path: testInfo.outputPath('affinity-live.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('truth asks before a large brute force, and a confirmed one runs in a worker that Cancel stops', async ({
  page,
}, testInfo) => {
  const errors = collectErrors(page);
  await page.goto(labUrl(spec(10, 40), 'cpu'));
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  // 10 tasks: 1 + 10 + 45 = 56 trainings → confirmation first; cancelling the dialog starts nothing.
  await view(page).getByRole('radio', { name: 'Truth' }).check();
  await expect(view(page).getByTestId('affinity-job')).toContainText('56 trainings');
  await view(page).getByRole('button', { name: 'Compute truth' }).click();
  const dialog = view(page).getByRole('alertdialog');
  await expect(dialog).toContainText('large computation');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(view(page).getByTestId('affinity-job')).toHaveAttribute('data-status', 'idle');
  // Confirmed, it runs in a worker (the page stays responsive) and Cancel stops it.
  await view(page).getByRole('button', { name: 'Compute truth' }).click();
  await view(page).getByRole('button', { name: 'Compute anyway' }).click();
  await expect(view(page).getByTestId('affinity-job')).toHaveAttribute('data-status', 'running');
  await page.getByLabel('Notebook title').fill('still responsive');
  await expect(page.getByLabel('Notebook title')).toHaveValue('still responsive');
  // Once θ* has been timed, the time left is at the job's own pace (a run timed under load once made it 12× off).
  await expect(view(page).getByTestId('affinity-job-left')).toHaveText(
    /About \d+ (s|min) left at this job's pace|longer than its pace/,
  );
  await view(page).screenshot({ path: testInfo.outputPath('affinity-job-left.png') });
  await view(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(view(page).getByTestId('affinity-job')).toHaveAttribute('data-status', 'idle');
  expect(errors).toEqual([]);
});

test('Grad-TAG and the truth give the estimate-vs-truth scatter with its scores', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto(labUrl(spec(3, 60), 'cpu'));
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await view(page).getByRole('radio', { name: 'Grad-TAG' }).check();
  await view(page).getByRole('button', { name: 'Compute Grad-TAG' }).click();
  await expect(view(page).getByTestId('affinity-job')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const heatmap = view(page).locator('figure.heatmap');
  await expect(heatmap).toHaveAttribute('data-rows', '3');
  await expect(heatmap.locator('rect.heatmap-cell')).toHaveCount(9);
  await expect(view(page).getByTestId('affinity-summary')).toContainText('Grad-TAG affinity, 3×3 tasks');
  await view(page).getByRole('radio', { name: 'Truth' }).check();
  await view(page).getByRole('button', { name: 'Compute truth' }).click();
  // The estimate uses this run's speed, which includes start-up: it may ask first.
  const anyway = view(page).getByRole('button', { name: 'Compute anyway' });
  if (await anyway.isVisible()) await anyway.click();
  await expect(view(page).getByTestId('affinity-job')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  // The view says which truth it shows (issue 14).
  await expect(view(page).locator('.affinity-help')).toContainText('fine-tuned 50 full-batch steps');
  const scatter = view(page).getByTestId('affinity-scatter');
  await expect(scatter.locator('circle')).toHaveCount(6);
  await expect(scatter.getByTestId('affinity-spearman')).toHaveText(/^-?[01]\.\d\d$/);
  await expect(scatter).toContainText('Grad-TAG vs truth');
  await page.screenshot({ path: testInfo.outputPath('affinity-truth.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('a task with constant targets is named, not drawn as NaN', async ({ page }) => {
  const rows = Array.from({ length: 60 }, (_, r) => [r % 7, (r * 3) % 5, 4]);
  await page.goto(
    labUrl(
      {
        dataset: {
          kind: 'table',
          table: { columns: ['a', 'b', 'flat'], rows },
          inputs: ['a'],
          targets: ['b', 'flat'],
        } as never,
        training: { steps: 40, batchSize: 16 },
      },
      'cpu',
    ),
  );
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-error')).toContainText('task "flat" has constant targets');
  await expect(view(page).getByRole('alert')).toContainText('task "flat" has constant targets');
});
