import { expect, test } from '@playwright/test';
import { collectErrors, labUrl, TINY } from './helpers.ts';

test('the generated form edits widths, model kind and schedule, and the run uses them', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(labUrl(TINY, 'cpu'));
  const form = page.locator('.spec-form').first();
  await expect(form.getByRole('group', { name: 'Training' })).toBeVisible();
  // Lesson 1's "widen the trunk to 64 units"
  const widths = form.getByLabel('Trunk widths');
  await widths.fill('64, 64');
  await widths.press('Enter');
  await form.getByLabel('LR schedule').selectOption('cosine');
  await form.getByLabel('LR warm-up length').fill('10');
  await form.getByLabel('Weight decay').fill('0.01');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForSelector('[data-testid="run-status"][data-status="done"]', { timeout: 100_000, state: 'attached' });
  // 16 inputs → 64 → 64 → 8 heads: (16·64+64) + (64·64+64) + (64·8+8) = 5768 parameters
  await expect(page.getByText(/5,?768 parameters/)).toBeVisible();
  // Lesson 1's figure, in the curves view: wiggles correlate within planted groups more than across.
  const comovement = page.getByTestId('loss-comovement');
  await expect(comovement).toContainText('between tasks of the same planted group');
  const [within, across] = (await comovement.locator('strong').allTextContents()).map(Number);
  expect(within).toBeGreaterThan(across);

  // A mixture-of-experts model: its fields appear, the trunk's go.
  await form.getByLabel('Model', { exact: true }).selectOption('mmoe');
  await expect(form.getByLabel('Experts', { exact: true })).toHaveValue('4');
  await expect(form.getByLabel('Trunk widths')).toHaveCount(0);
  // Widths and depth of the experts and towers (depth empty = 1 hidden layer).
  for (const label of ['Expert hidden width', 'Expert output width', 'Tower hidden width'])
    await expect(form.getByLabel(label, { exact: true })).toBeVisible();
  const depth = form.getByLabel('Expert depth (hidden layers)');
  await expect(depth).toHaveValue('');
  await expect(depth).toHaveAttribute('placeholder', '1');
  await depth.fill('2');
  await depth.press('Tab');
  await expect(form.locator('.field.invalid')).toHaveCount(0);
  await expect(form.getByLabel('Tower depth (hidden layers)')).toBeVisible();
  await form.getByLabel('Gate', { exact: true }).selectOption('topk');
  await expect(form.getByLabel('k (experts per token)')).toBeVisible();
  // A list that is not numbers is kept and named, not dropped.
  await form.getByLabel('Model', { exact: true }).selectOption('shared-bottom');
  await form.getByLabel('Trunk widths').fill('64, wide');
  await form.getByLabel('Trunk widths').press('Enter');
  await expect(form.locator('.field.invalid')).toContainText('Trunk widths');
  expect(errors).toEqual([]);
});
