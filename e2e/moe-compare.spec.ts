import { expect, test, type Locator } from '@playwright/test';
import { collectErrors } from './helpers.ts';

const cellsOf = (page: import('@playwright/test').Page, kind: string) => page.locator(`[data-cell-kind="${kind}"]`);
const field = (cell: Locator, path: string) => cell.locator(`[id$="-spec-${path}"]`);

test('Compare with CompeteSMoE: a sibling run and a compare cell with curves and per-run routing metrics; undo removes them', async ({
  page,
}, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/?backend=cpu');
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'MoE experiment' }).click();
  const experiments = cellsOf(page, 'experiment');
  const before = await experiments.count();
  const comparesBefore = await cellsOf(page, 'compare').count();
  const original = experiments.last();
  // A tiny run: a few steps on cpu.
  await field(original, 'training-steps').fill('12');
  await field(original, 'backend').selectOption('cpu');
  // The CompeteSMoE settings show only for the compete router; the recurrent state width only when recurrent.
  await expect(field(original, 'model-competeRate')).toHaveCount(0);
  await expect(field(original, 'model-routerMemory')).toHaveValue('independent');
  await expect(field(original, 'model-routerStateDim')).toHaveCount(0);

  await original.getByRole('button', { name: 'Compare with CompeteSMoE' }).click();
  await expect(experiments).toHaveCount(before + 1);
  const sibling = experiments.nth(before);
  await expect(field(sibling, 'model-router')).toHaveValue('compete');
  await expect(field(sibling, 'model-competeRate')).toHaveValue('0.1');
  await expect(field(sibling, 'training-steps')).toHaveValue('12');
  await expect(field(sibling, 'seed')).toHaveValue(await field(original, 'seed').inputValue());
  await expect(sibling.getByRole('button', { name: 'Compare with CompeteSMoE' })).toBeDisabled();

  // Both runs train one after the other and end.
  await expect(original.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(sibling.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });

  const compare = cellsOf(page, 'compare').last();
  await expect(compare.locator('.run-picker input[type="checkbox"]:checked')).toHaveCount(2);
  await expect(compare.locator('figure svg path[stroke]').first()).toBeVisible();
  const table = compare.getByTestId('moe-compare-metrics');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tbody tr').nth(0)).toContainText('topk');
  await expect(table.locator('tbody tr').nth(1)).toContainText('CompeteSMoE λ=0.1');
  // Numbers in every metric column (val. loss, load CV, SRP, SCH, inter-layer affinity) of both runs.
  const cells = await table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (td) => td.textContent ?? '')));
  for (const row of cells)
    for (const value of row.slice(1, 6))
      expect(Number.isFinite(Number(value)), `metric "${value}" in ${row.join(' | ')}`).toBe(true);
  expect(cells[0][6]).toBe('—'); // top-k has no competition steps
  expect(Number.isInteger(Number(cells[1][6]))).toBe(true);
  await expect(compare.getByRole('img', { name: /Expert load per layer of each run/ })).toBeVisible();
  await compare.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('moe-compare.png'), fullPage: true });
  await compare.screenshot({ path: testInfo.outputPath('moe-compare-cell.png') });

  // One undo removes the sibling and the compare cell together.
  await page
    .getByRole('status')
    .filter({ hasText: 'Added a CompeteSMoE comparison' })
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(experiments).toHaveCount(before);
  await expect(cellsOf(page, 'compare')).toHaveCount(comparesBefore);
  expect(errors).toEqual([]);
});

test('Compare with recurrent router: the sibling routes with a recurrent state and both runs report inter-layer affinity', async ({
  page,
}, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/?backend=cpu');
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'MoE experiment' }).click();
  const experiments = cellsOf(page, 'experiment');
  const original = experiments.last();
  await field(original, 'training-steps').fill('8');
  await field(original, 'backend').selectOption('cpu');
  await original.getByRole('button', { name: 'Compare with recurrent router' }).click();
  const sibling = experiments.last();
  await expect(field(sibling, 'model-routerMemory')).toHaveValue('recurrent');
  await expect(field(sibling, 'model-routerStateDim')).toHaveValue('16');
  await expect(field(sibling, 'model-router')).toHaveValue('topk');
  await expect(sibling.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const table = cellsOf(page, 'compare').last().getByTestId('moe-compare-metrics');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tbody tr').nth(1)).toContainText('topk, recurrent');
  const affinity = await table.locator('tbody tr td:nth-of-type(6)').allTextContents();
  expect(
    affinity.map(Number).every((v) => v > 0 && v <= 1),
    affinity.join(', '),
  ).toBe(true);
  await cellsOf(page, 'compare')
    .last()
    .screenshot({ path: testInfo.outputPath('moe-compare-recurrent.png') });
  expect(errors).toEqual([]);
});
