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
  const csv = [columns.join(','), ...Array.from({ length: 5 }, (_, r) => columns.map((_, c) => r * c).join(','))].join(
    '\n',
  );
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

test('the markdown "edit" link never covers the text, on a desktop and on a 390-px phone', async ({ page }) => {
  for (const width of [1200, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(labUrl({}, 'cpu'));
    // A heading and a paragraph long enough to fill the cell's whole width, where the link sits.
    await page.locator('.markdown-body .edit-markdown').first().click();
    await page
      .getByLabel('Markdown text')
      .fill(
        `# ${'A heading that runs across the whole cell '.repeat(3)}\n\n${'Words that fill every line of the cell. '.repeat(30)}`,
      );
    await page.getByRole('button', { name: 'Done' }).click();
    const edit = page.locator('.markdown-body .edit-markdown').first();
    await expect(edit).toBeVisible();
    await expect(page.locator('.markdown-body h1').first()).toContainText('A heading'); // rendered, not the raw text
    // Every line box of the cell's text, against the link's box.
    const overlaps = await edit.evaluate((link) => {
      const box = link.getBoundingClientRect();
      const walker = document.createTreeWalker(link.closest('.markdown-body')!, NodeFilter.SHOW_TEXT);
      const hits: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (link.contains(node) || !node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects())
          if (r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top)
            hits.push(node.textContent.trim().slice(0, 40));
      }
      return hits;
    });
    expect(overlaps, `at ${width} px`).toEqual([]);
    await page
      .locator('.cell-markdown')
      .first()
      .screenshot({ path: test.info().outputPath(`markdown-edit-${width}.png`) });
  }
});

test('fields locked during a run look locked, and unlock when it stops', async ({ page }) => {
  await page.goto(labUrl({ training: { steps: 200_000, batchSize: 32 } }, 'cpu'));
  const seed = page.getByLabel('Seed');
  const look = () =>
    seed.evaluate((el) => ({
      background: getComputedStyle(el).backgroundColor,
      border: getComputedStyle(el).borderStyle,
      cursor: getComputedStyle(el).cursor,
    }));
  await expect(seed).toBeEditable();
  const editable = await look();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  await expect(seed).toBeDisabled();
  const locked = await look();
  expect(locked.background).not.toBe(editable.background);
  expect(locked.border).not.toBe(editable.border);
  expect(locked.cursor).toBe('not-allowed');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(seed).toBeEditable();
  expect(await look()).toEqual(editable);
});
