import { expect, test, type Locator, type Page } from '@playwright/test';
import { collectErrors, labUrl } from './helpers.ts';

/** A small two-target regression table: y1 and y2 depend on x1, x2 and the city. */
function measurementsCsv(rows = 120): string {
  const cities = ['Oslo', 'Lima', 'Pune'];
  const lines = ['id,x1,x2,city,y1,y2'];
  for (let i = 0; i < rows; i++) {
    const x1 = ((i * 37) % 101) / 50 - 1;
    const x2 = ((i * 53) % 97) / 48 - 1;
    const c = i % 3;
    lines.push(
      [
        `r${i}`,
        x1.toFixed(3),
        x2.toFixed(3),
        cities[c],
        (2 * x1 - x2 + c).toFixed(3),
        (x1 * x2 + 0.5 * c).toFixed(3),
      ].join(','),
    );
  }
  return lines.join('\n');
}

/** Drops a file on `target` the way a browser does: dragover, then drop, with a DataTransfer holding a File. */
async function dropFile(page: Page, target: Locator, name: string, text: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'text/csv' }));
      return transfer;
    },
    { name, text },
  );
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

const cellKinds = (page: Page) =>
  page.locator('[data-cell-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-cell-kind')));

test('a dropped CSV is previewed, mapped in the role dialog, and trained on', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto(labUrl({}, 'cpu'));
  await expect(page.locator('[data-cell-id]')).toHaveCount(4);

  await dropFile(page, page.getByTestId('notebook'), 'measurements.csv', measurementsCsv());
  const dialog = page.getByRole('dialog', { name: 'Data: measurements.csv' });
  await expect(dialog.getByTestId('table-preview')).toBeVisible();
  // Inferred types in the header: numbers with their range, text with its distinct count.
  await expect(dialog.locator('th[data-column-type="number"]')).toHaveCount(4);
  await expect(dialog.locator('th[data-column-type="text"]')).toHaveCount(2);
  await expect(dialog.locator('th', { hasText: 'city' })).toContainText('3 distinct');
  await expect(dialog).toContainText('120 rows × 6 columns');
  await page.screenshot({ path: testInfo.outputPath('1-preview.png'), fullPage: true });

  await dialog.getByLabel('Role of column id').selectOption('ignore');
  await dialog.getByLabel('Role of column y1').selectOption('target');
  await dialog.getByLabel('Role of column y2').selectOption('target');
  await dialog.getByLabel('Role of column city').selectOption('input');
  await dialog.getByLabel('Validation fraction').fill('0.25');
  await expect(dialog.getByTestId('role-problems')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('2-roles.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Create dataset and experiment' }).click();
  await expect(dialog).toHaveCount(0);

  expect(await cellKinds(page)).toEqual(['markdown', 'experiment', 'view', 'view', 'dataset', 'experiment']);
  const dataset = page.locator('[data-cell-kind="dataset"]');
  await expect(dataset.getByTestId('dataset-roles')).toContainText('x1, x2, city');
  await expect(dataset.getByTestId('dataset-roles')).toContainText('y1, y2');
  await expect(dataset).toContainText('120 rows × 6 columns, kept in the notebook');

  const experiment = page.locator('[data-cell-kind="experiment"]').last();
  await experiment.getByLabel('Steps').fill('40');
  await experiment.getByLabel('Backend').selectOption('cpu');
  await experiment.getByRole('button', { name: 'Start' }).click();
  await page.screenshot({ path: testInfo.outputPath('3-dataset-and-experiment.png'), fullPage: true });
  await expect(experiment.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const tasks = await experiment
    .getByTestId('results-table')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task')));
  expect(tasks).toEqual(['y1', 'y2']);
  await experiment.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('4-trained.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('a ragged CSV or a wrong file type gets a message naming the problem, and the notebook is unchanged', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await expect(page.locator('[data-cell-id]')).toHaveCount(4);
  const before = await cellKinds(page);

  await dropFile(page, page.getByTestId('notebook'), 'ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n');
  const dialog = page.getByRole('dialog', { name: 'Data: ragged.csv' });
  await expect(dialog.getByTestId('import-error')).toContainText('row 2 has 2 fields, expected 3');
  await expect(dialog).toContainText('Nothing in the notebook was changed');
  await page.screenshot({ path: testInfo.outputPath('ragged.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(await cellKinds(page)).toEqual(before);

  // The file picker takes the same path as a drop.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'Own data…' }).click();
  await (
    await chooser
  ).setFiles({ name: 'sheet.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a table') });
  await expect(page.getByTestId('import-error')).toContainText('unsupported file type');
  await page.keyboard.press('Escape');
  expect(await cellKinds(page)).toEqual(before);

  // A mixed-type column is flagged in the dialog with the rows at fault before anything is created.
  await dropFile(page, page.getByTestId('notebook'), 'mixed.csv', 'x,y\n1,2\nabc,3\n4,5\n');
  const mixed = page.getByRole('dialog', { name: 'Data: mixed.csv' });
  await mixed.getByLabel('Role of column x').selectOption('input');
  await expect(mixed.getByTestId('role-problems')).toContainText(
    'Input column "x" mixes numbers and text (row 1 holds a number, row 2 holds "abc")',
  );
  await expect(mixed.getByRole('button', { name: 'Create dataset and experiment' })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('mixed.png'), fullPage: true });
  await mixed.getByRole('button', { name: 'Cancel' }).click();
  expect(await cellKinds(page)).toEqual(before);
});

test('a compare cell draws runs of two seeds as a mean ± std band', async ({ page }, testInfo) => {
  await page.goto(
    labUrl(
      {
        training: { steps: 40, batchSize: 32, learningRate: 0.01 },
        dataset: { kind: 'planted', numTasks: 2, numSamples: 256 },
      },
      'cpu',
    ),
  );
  const experiment = page.locator('[data-cell-kind="experiment"]').first();
  await experiment.getByRole('button', { name: 'Start' }).click();
  await expect(experiment.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await experiment.getByLabel('Seed').fill('2');
  await experiment.getByRole('button', { name: 'Restart' }).click();
  await expect(experiment.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  // Both runs can be exported from the run history.
  await expect(experiment.getByRole('button', { name: /as CSV/ })).toHaveCount(2);

  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'Compare runs' }).click();
  const compare = page.locator('[data-cell-kind="compare"]');
  await compare.getByRole('button', { name: '+ all seeds of this spec' }).first().click();
  await expect(compare.getByTestId('compare-group')).toHaveCount(1);
  await expect(compare.getByTestId('compare-group')).toContainText('mean ± std over 2 seeds (1, 2)');
  const bands = compare.getByTestId('seed-band');
  await expect(bands).toHaveCount(2); // one per task
  // The band has area: its path spans many points and is not a flat line.
  const box = await bands.first().boundingBox();
  expect(box!.width).toBeGreaterThan(200);
  expect(box!.height).toBeGreaterThan(2);
  await expect(compare.locator('svg[role="img"]')).toHaveAttribute('aria-label', /mean ± std over seeds 1, 2/);
  await compare.scrollIntoViewIfNeeded();
  await compare.screenshot({ path: testInfo.outputPath('compare-bands.png') });
});

test('a table too big to embed is kept in this browser, survives a reload, and trains; built-ins come from the Add menu', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await expect(page.locator('[data-cell-id]')).toHaveCount(4);
  // About 3,000 rows ≈ 110 KB of CSV: beyond the 64 KB that notebooks and links embed.
  await dropFile(page, page.getByTestId('notebook'), 'big.csv', measurementsCsv(3000));
  const dialog = page.getByRole('dialog', { name: 'Data: big.csv' });
  await expect(dialog).toContainText('3,000 rows × 6 columns (kept in this browser; share links name it)');
  await dialog.getByLabel('Role of column id').selectOption('ignore');
  await dialog.getByLabel('Role of column y1').selectOption('target');
  await dialog.getByRole('button', { name: 'Create dataset and experiment' }).click();
  const dataset = page.locator('[data-cell-kind="dataset"]');
  await expect(dataset).toContainText('big.csv: 3,000 rows');
  await expect(dataset).toContainText('kept in this browser only');

  await page.waitForTimeout(600); // autosave is debounced
  await page.reload();
  const experiment = page.locator('[data-cell-kind="experiment"]').last();
  await expect(experiment).toContainText('big: shared bottom');
  await experiment.getByLabel('Steps').fill('20');
  await experiment.getByLabel('Backend').selectOption('cpu');
  await experiment.getByRole('button', { name: 'Start' }).click();
  await expect(experiment.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const tasks = await experiment
    .getByTestId('results-table')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task')));
  expect(tasks).toEqual(['y1', 'y2']);

  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'Penguins data' }).click();
  const penguins = page.locator('[data-cell-kind="dataset"]').last();
  await expect(penguins.getByTestId('dataset-roles')).toContainText('Body Mass (g)');
  await penguins.getByRole('button', { name: 'Column roles…' }).click();
  await expect(page.getByRole('dialog', { name: 'Data: penguins' }).getByTestId('table-preview')).toBeVisible();
  await expect(page.getByLabel('Role of column Body Mass (g)')).toHaveValue('target');
  await page.screenshot({ path: testInfo.outputPath('penguins-roles.png'), fullPage: true });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.screenshot({ path: testInfo.outputPath('big-and-penguins.png'), fullPage: true });
});
