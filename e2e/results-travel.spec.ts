import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { defaultNotebook, readNotebookFile, writeNotebookFile } from '../src/notebook/index.ts';
import { labUrl } from './helpers.ts';

const finalNumbers = (page: import('@playwright/test').Page) =>
  page
    .getByTestId('results-table')
    .first()
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent)));

test('a notebook saved with results reopens in a fresh browser showing the same final numbers without training', async ({
  page,
  browser,
}) => {
  await page.goto(
    labUrl(
      {
        training: { steps: 40, batchSize: 32, learningRate: 0.01 },
        dataset: { kind: 'planted', numTasks: 4, numSamples: 256 },
      },
      'cpu',
    ),
  );
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForSelector('[data-testid="run-status"][data-status="done"]', { timeout: 60_000, state: 'attached' });
  const authorNumbers = await finalNumbers(page);
  expect(authorNumbers).toHaveLength(4);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save file' }).click(),
  ]);
  const text = await readFile((await download.path())!, 'utf8');
  expect(JSON.parse(text).notebook.results).toHaveLength(1);

  const fresh = await browser.newContext();
  const reader = await fresh.newPage();
  const workers: string[] = [];
  reader.on('worker', (worker) => workers.push(worker.url()));
  await reader.goto('/');
  await reader.getByRole('heading', { name: 'Planted clusters' }).waitFor();
  await reader
    .locator('input[type="file"][accept=".json,application/json"]')
    .setInputFiles({ name: 'shared.tasklab.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(reader.getByTestId('author-results')).toContainText('The author’s results');
  expect(await finalNumbers(reader)).toEqual(authorNumbers);
  await expect(reader.locator('[data-testid="run-status"]').first()).toHaveAttribute('data-status', 'done');
  expect(workers.filter((url) => url.includes('train'))).toEqual([]);
  // The curves view draws the author's curves.
  await expect(reader.locator('path.loss-line')).toHaveCount(4);
  await reader
    .locator('[data-cell-kind="experiment"]')
    .first()
    .screenshot({ path: test.info().outputPath('author-results.png') });
  // Re-running is one click.
  await reader.getByRole('button', { name: 'Re-run here' }).click();
  await expect(reader.getByTestId('author-results')).toHaveCount(0);
  await fresh.close();
});

test('a notebook too big for a link is told so and offered as a file', async ({ page }) => {
  // 14 markdown cells of 100,000 random characters: about 1.4 million characters of link, over the 1 million handed out.
  const notebook = defaultNotebook();
  const big = Array.from({ length: 14 }, (_, i) => ({
    id: `c-big-${i}`,
    kind: 'markdown' as const,
    text: randomBytes(75_000).toString('base64'),
  }));
  const file = writeNotebookFile({ ...notebook, title: 'Too big for a link', cells: [...notebook.cells, ...big] });
  await page.goto(labUrl({}, 'cpu'));
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'big.tasklab.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(page.getByLabel('Notebook title')).toHaveValue('Too big for a link');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const problem = page.getByTestId('share-too-long');
  await expect(problem).toContainText(/makes a link of 1\.\d million characters/);
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  const download = page.waitForEvent('download');
  await problem.getByRole('button', { name: 'Save file' }).click();
  const saved = readNotebookFile(await readFile((await (await download).path())!, 'utf8'));
  expect(saved.ok && saved.notebook.cells.length).toBe(notebook.cells.length + 14);
});
