import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, labUrl } from './helpers.ts';

test('a sweep of 3 seeds × 2 learning rates runs 6 runs and shows their means', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(
    labUrl(
      {
        training: { steps: 30, batchSize: 32, learningRate: 0.01 },
        dataset: { kind: 'planted', numTasks: 4, numSamples: 256 },
      },
      'cpu',
    ),
  );
  await page.getByRole('button', { name: 'Sweep seeds or settings…' }).click();
  const sweep = page.locator('.sweep-cell');
  await sweep.getByLabel('Setting 1', { exact: true }).selectOption({ label: 'Learning rate' });
  const values = sweep.getByLabel('Values of setting 1');
  await values.fill('0.01, 0.05');
  await values.press('Enter');
  await expect(sweep.getByRole('button', { name: 'Run sweep (6 runs)' })).toBeEnabled();
  await sweep.getByRole('button', { name: 'Run sweep (6 runs)' }).click();
  await expect(sweep.getByTestId('sweep-progress')).toHaveText(/^6 of 6 runs finished/, { timeout: 110_000 });

  const rows = sweep.getByTestId('sweep-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  for (const setting of ['learningRate=0.01', 'learningRate=0.05']) {
    const row = rows.and(page.locator(`[data-setting="${setting}"]`));
    const perSeed = await row
      .locator('.sweep-run')
      .evaluateAll((spans) => spans.map((s) => Number(s.getAttribute('data-value'))));
    expect(perSeed).toHaveLength(3);
    const handMean = perSeed.reduce((a, b) => a + b, 0) / 3;
    expect(Number(await row.locator('[data-col="mean"]').getAttribute('data-value'))).toBeCloseTo(handMean, 10);
    expect(
      await row.locator('.sweep-run').evaluateAll((spans) => spans.map((s) => s.getAttribute('data-seed'))),
    ).toEqual(['1', '2', '3']);
  }
  // Seeds differ, so the runs are not copies of one another.
  const all = await sweep.locator('.sweep-run').evaluateAll((spans) => spans.map((s) => s.getAttribute('data-value')));
  expect(new Set(all).size).toBe(6);
  await expect(sweep.locator('.sweep-mean')).toHaveCount(2);
  // The runs are ordinary runs of the experiment: its history lists them.
  await expect(
    page
      .locator('.experiment-cell')
      .first()
      .getByText(/learningRate=0\.05 · seed 3/)
      .first(),
  ).toBeAttached();
  // The table exports: one line per run and the mean of each setting, as shown.
  const download = page.waitForEvent('download');
  await sweep.getByRole('button', { name: 'Export table (CSV)' }).click();
  const lines = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  expect(lines[0].slice(0, 3)).toEqual(['training.learningRate', 'seed', 'statistic']);
  expect(
    lines
      .filter((l) => l[2] === 'run')
      .map((l) => l[3])
      .sort(),
  ).toEqual([...all].sort());
  const means = await sweep
    .getByTestId('sweep-table')
    .locator('[data-col="mean"]')
    .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
  expect(lines.filter((l) => l[2] === 'mean').map((l) => Number(l[3]))).toEqual(means);
  await sweep.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('sweep.png'), fullPage: true });
  expect(errors).toEqual([]);
});
