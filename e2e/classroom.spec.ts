import { expect, test, type Page } from '@playwright/test';
import { collectErrors, labUrl, TINY } from './helpers.ts';

/** 'auto' experiments run on the remembered backend choice: remember cpu (quick and exact here). */
async function rememberCpu(page: Page) {
  await page.addInitScript(() => localStorage.setItem('tasklab.backendChoice.v1', JSON.stringify({ override: 'cpu' })));
}

test('a lesson opens from the gallery and runs on the remembered backend', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await rememberCpu(page);
  await page.goto('/');
  const gallery = page.getByTestId('lesson-gallery');
  await expect(gallery.locator('.lesson-card')).toHaveCount(4);
  await page.screenshot({ path: testInfo.outputPath('gallery.png'), fullPage: true });
  await gallery.getByRole('button', { name: /Open Lesson 1/ }).click();
  await expect(page.getByLabel('Notebook title')).toHaveValue(/Lesson 1/);
  await expect(page.getByText('Before you press Run')).toBeVisible();

  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'cpu');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(page.locator('path.loss-line')).toHaveCount(6);
  await page.screenshot({ path: testInfo.outputPath('lesson-1-done.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('presenter mode shows one cell at a time, moves with the keyboard and hides the chosen controls', async ({ page }, testInfo) => {
  await rememberCpu(page);
  await page.goto('/');
  await page.getByTestId('lesson-gallery').getByRole('button', { name: /Open Lesson 1/ }).click();
  await expect(page.getByLabel('Notebook title')).toHaveValue(/Lesson 1/);
  await page.getByRole('button', { name: 'Present' }).click();
  const presenter = page.getByTestId('presenter');
  await expect(presenter).toBeVisible();
  await expect(page.getByTestId('presenter-position')).toHaveText('1 / 6');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('presenter-position')).toHaveText('3 / 6');
  await expect(presenter.locator('.spec-form')).toBeVisible();
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('presenter-position')).toHaveText('2 / 6');
  await page.keyboard.press('ArrowDown');

  // The teacher hides the experiment settings; the lesson itself already hides the run history.
  await page.getByRole('button', { name: 'Hide controls…' }).click();
  await expect(page.locator('input[data-control="history"]')).toBeChecked();
  await page.locator('input[data-control="settings"]').check();
  await expect(presenter.locator('.spec-form')).toBeHidden();
  await expect(presenter.getByRole('button', { name: 'Start' })).toBeVisible();

  await page.getByRole('button', { name: 'QR code' }).click();
  await expect(page.getByTestId('share-qr').locator('svg')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('presenter.png'), fullPage: true });

  // The choice travels in the share link: open it in a fresh page and present.
  const link = await page.getByLabel('Link to this notebook').inputValue();
  const student = await page.context().newPage();
  await student.goto(link);
  await expect(student.getByLabel('Notebook title')).toHaveValue(/Lesson 1/);
  await student.getByRole('button', { name: 'Present' }).click();
  for (let i = 0; i < 2; i++) await student.keyboard.press('ArrowRight');
  await expect(student.getByTestId('presenter').locator('.spec-form')).toBeHidden();
  await student.keyboard.press('Escape');
  await expect(student.getByTestId('presenter')).toBeHidden();
});

test('after the first visit the page reloads offline from the service worker and still trains', async ({ page, context }, testInfo) => {
  await page.goto(labUrl(TINY, 'cpu'));
  await expect(page.getByRole('heading', { name: 'Planted clusters' })).toBeVisible();
  // Wait until the service worker has cached the site and controls this page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Planted clusters' })).toBeVisible();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'cpu');
  // Lessons are cached too.
  await page.getByTestId('lesson-gallery').locator('summary').click();
  await expect(page.getByTestId('lesson-gallery').locator('.lesson-card')).toHaveCount(4);
  await page.screenshot({ path: testInfo.outputPath('offline-trained.png'), fullPage: true });
  await context.setOffline(false);
});

test('the automatic backend benchmark shows its figures and its pick becomes "auto"', async ({ page }, testInfo) => {
  await page.goto('/');
  const panel = page.getByTestId('backend-choice');
  await panel.locator('summary').click();
  await panel.getByRole('button', { name: 'Measure backends' }).click();
  const table = page.getByTestId('benchmark-table');
  await expect(table.locator('tbody tr')).toHaveCount(4, { timeout: 100_000 });
  await expect(table.locator('tr[data-backend="cpu"] td').first()).toHaveText(/^\d+\.\d\d$/);
  const chosen = await table.locator('tr.chosen').getAttribute('data-backend');
  expect(chosen).toBeTruthy();
  await expect(page.getByTestId('auto-backend')).toHaveText(chosen!);
  // The pick is the fastest measured backend; a software WebGPU adapter is not measured when others work.
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({ backend: tr.getAttribute('data-backend'), ms: Number(tr.children[1].textContent) })));
  const fastest = Math.min(...rows.filter((r) => Number.isFinite(r.ms)).map((r) => r.ms));
  expect(rows.find((r) => r.backend === chosen)?.ms).toBe(fastest);
  await page.screenshot({ path: testInfo.outputPath('benchmark.png'), fullPage: true });
});
