import { expect, test } from '@playwright/test';
import { labUrl, TINY } from './helpers.ts';

test('cells can be added, moved, copied and deleted, with undo; edits survive a reload', async ({ page }, testInfo) => {
  await page.goto('/');
  const cells = page.locator('[data-cell-id]');
  await expect(cells).toHaveCount(4);
  const kinds = () => cells.evaluateAll((els) => els.map((el) => el.getAttribute('data-cell-kind')));
  expect(await kinds()).toEqual(['markdown', 'experiment', 'view', 'view']);

  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'Text' }).click();
  expect(await kinds()).toEqual(['markdown', 'experiment', 'view', 'view', 'markdown']);
  await cells.nth(4).getByRole('button', { name: 'Move cell up' }).click();
  expect(await kinds()).toEqual(['markdown', 'experiment', 'view', 'markdown', 'view']);
  await cells.nth(1).getByRole('button', { name: 'Duplicate cell' }).click();
  expect(await kinds()).toEqual(['markdown', 'experiment', 'experiment', 'view', 'markdown', 'view']);

  await cells.nth(0).getByRole('button', { name: 'Delete cell' }).click();
  expect(await kinds()).toEqual(['experiment', 'experiment', 'view', 'markdown', 'view']);
  await page.keyboard.press('Control+z');
  expect(await kinds()).toEqual(['markdown', 'experiment', 'experiment', 'view', 'markdown', 'view']);
  await expect(cells.first()).toContainText('Welcome to TaskLab');

  await page.getByLabel('Notebook title').fill('My experiments');
  await page.waitForTimeout(600); // autosave is debounced
  await page.reload();
  await expect(page.getByLabel('Notebook title')).toHaveValue('My experiments');
  expect(await kinds()).toEqual(['markdown', 'experiment', 'experiment', 'view', 'markdown', 'view']);
  await page.screenshot({ path: testInfo.outputPath('edited-notebook.png'), fullPage: true });
});

test('markdown renders math, and script payloads render as text and never run', async ({ page }) => {
  await page.addInitScript(() => ((window as unknown as { __pwned: number }).__pwned = 0));
  await page.goto('/');
  const intro = page.locator('[data-cell-kind="markdown"]').first();
  await expect(intro.locator('.katex')).toHaveCount(1);

  await intro.getByRole('button', { name: 'edit' }).click();
  const payload =
    '# Hi <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [x](javascript:window.__pwned=3)';
  await intro.getByLabel('Markdown text').fill(payload);
  await intro.getByRole('button', { name: 'Done' }).click();
  await expect(intro.locator('a[href^="javascript"]')).toHaveCount(0);
  await page.getByLabel('Notebook title').fill('<img src=y onerror="window.__pwned=4">');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
  await expect(intro.locator('script')).toHaveCount(0);
  await expect(intro.locator('img[onerror]')).toHaveCount(0);
});

test('a share link opens the same notebook in a fresh page and re-runs to the same numbers', async ({
  page,
  browser,
}) => {
  await page.goto(labUrl(TINY, 'cpu'));
  await page.getByLabel('Seed').fill('7');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const original = await page.getByTestId('results-table').locator('tbody').textContent();

  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#v1\./);

  const fresh = await browser.newPage(); // a new context: no autosave, no run history
  await fresh.goto(link);
  await expect(fresh.getByLabel('Seed')).toHaveValue('7');
  await expect(fresh.locator('[data-cell-id]')).toHaveCount(4);
  await fresh.getByRole('button', { name: 'Start' }).click();
  await expect(fresh.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(fresh.getByTestId('results-table').locator('tbody')).toHaveText(original!);
  await fresh.close();
});

test('a damaged link opens an error page that offers the last notebook', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Notebook title').fill('Kept safe');
  await page.waitForTimeout(600);
  await page.goto('/#v1.this-is-not-a-notebook');
  await page.reload(); // a hash-only navigation keeps the page; a pasted link is opened fresh
  await expect(page.getByRole('heading', { name: 'This link could not be opened' })).toBeVisible();
  await page.getByRole('button', { name: 'Open my last notebook' }).click();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Kept safe');
});

test('a notebook saved to a file opens again from that file', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByLabel('Notebook title').fill('Round trip');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save file' }).click();
  const path = testInfo.outputPath('notebook.tasklab.json');
  await (await download).saveAs(path);

  await page.getByLabel('Notebook title').fill('Changed since');
  await page.locator('input[type="file"]').setInputFiles(path);
  await expect(page.getByLabel('Notebook title')).toHaveValue('Round trip');
  await expect(page.getByRole('status').filter({ hasText: 'your previous notebook was kept' })).toBeVisible();
  await page.getByRole('button', { name: 'Go back to it' }).click();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Changed since');

  await page.locator('input[type="file"]').setInputFiles({
    name: 'bad.tasklab.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"tasklab-notebook","version":1,"notebook":{"title":3}}'),
  });
  await expect(page.getByRole('alert')).toContainText('bad.tasklab.json');
  await expect(page.getByLabel('Notebook title')).toHaveValue('Changed since');
});
