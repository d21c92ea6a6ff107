import { expect, test } from '@playwright/test';
import { labUrl, stepCount, TINY } from './helpers.ts';

test('finished runs survive a reload; a run live at reload comes back as interrupted', async ({ page }) => {
  await page.goto(labUrl(TINY, 'cpu'));
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const finished = await page.getByTestId('results-table').locator('tbody').textContent();

  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('results-table').locator('tbody')).toHaveText(finished!);
  await expect(page.locator('path.loss-line')).toHaveCount(8);

  // A long run, reloaded while it trains.
  await page.goto(labUrl({ training: { steps: 100_000, batchSize: 32 } }, 'cpu'));
  await page.getByRole('button', { name: 'Restart' }).click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(30);
  await page.waitForTimeout(1200); // the live run is saved at most once a second
  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'interrupted');
  await expect(page.getByRole('status').filter({ hasText: 'interrupted' })).toBeVisible();
  const history = page.getByTestId('run-history');
  await expect(history.locator('tr[data-status="interrupted"]')).toHaveCount(1);
  await expect(history.locator('tr[data-status="done"]')).toHaveCount(1);
});
