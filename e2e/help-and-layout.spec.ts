import { expect, test } from '@playwright/test';
import { labUrl, TINY } from './helpers.ts';

test('the ? help opens in view when scrolled, takes focus, closes on Esc and gives focus back', async ({ page }) => {
  await page.goto(labUrl(TINY, 'cpu'));
  await page.getByRole('heading', { name: 'Planted clusters' }).waitFor();
  await page.mouse.wheel(0, 5000);
  const startButton = page.getByRole('button', { name: 'Start' });
  await startButton.focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeFocused();
  await expect(help).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(startButton).toBeFocused();
  // Enter on Start keeps focus on it while the run goes (no drop to the page body).
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="run-status"][data-status="done"]', { timeout: 100_000, state: 'attached' });
  expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Start|Restart/);
});

// The 390-px layout: e2e/phone-layout.spec.ts (every kind of cell).

test('the column-role dialog keeps a wide table inside the screen and scrolls it', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 700 });
  await page.goto(labUrl({}, 'cpu'));
  const columns = Array.from({ length: 14 }, (_, i) => `a_rather_long_column_name_${i}`);
  const csv = [columns.join(','), ...Array.from({ length: 5 }, (_, r) => columns.map((_, c) => r * c).join(','))].join('\n');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Own data…' }).click();
  await (await chooser).setFiles({ name: 'wide.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const dialog = page.getByRole('dialog', { name: 'Data: wide.csv' });
  await expect(dialog.getByTestId('table-preview')).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(800);
  const scroller = dialog.locator('.table-preview-scroll');
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  // the last column's role picker can be scrolled into view and used
  const lastHeader = dialog.locator('th').filter({ hasText: columns[13] });
  await lastHeader.scrollIntoViewIfNeeded();
  await expect(lastHeader).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('wide-dialog.png') });
});
