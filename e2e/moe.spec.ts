import { expect, test, type Locator } from '@playwright/test';
import { collectErrors, labUrl } from './helpers.ts';

/** Tiny MMoE on planted tasks: 3 experts, so every expert heatmap has 3 columns. */
const MMOE = {
  dataset: { kind: 'planted', numTasks: 4, numGroups: 2, inputDim: 8, numSamples: 512 },
  model: { kind: 'mmoe', numExperts: 3, expertHidden: 8, expertOutput: 8, towerHidden: 8, gate: 'softmax' },
  training: { steps: 3000, batchSize: 32, learningRate: 0.02 },
} as const;

const cellsOf = (page: import('@playwright/test').Page, kind: string) => page.locator(`[data-cell-kind="${kind}"]`);
/** A spec-form field by its spec path ("model-router"), not its label (a select's label text includes its options). */
const field = (cell: Locator, path: string) => cell.locator(`[id$="-spec-${path}"]`);
const fills = (heatmap: Locator) =>
  heatmap.locator('rect.heatmap-cell').evaluateAll((rects) => rects.map((r) => r.getAttribute('fill')).join(' '));

test('routing heatmaps render with E columns and change while an MMoE trains', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto(labUrl(MMOE as never, 'cpu'));
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'Routing view' }).click();
  const view = cellsOf(page, 'view').last();
  await expect(view).toContainText('to see its routing here');

  const experiment = cellsOf(page, 'experiment').first();
  // MoE-only settings appear for MMoE: experts, gate, balance and z-loss weights.
  await expect(field(experiment, 'model-numExperts')).toHaveValue('3');
  await expect(field(experiment, 'model-gate')).toHaveValue('softmax');
  await expect(field(experiment, 'model-balanceWeight')).toBeVisible();
  await expect(field(experiment, 'model-k')).toHaveCount(0); // k only matters to top-k gates
  await experiment.getByRole('button', { name: 'Start' }).click();

  const usage = view.locator('figure.heatmap').first();
  await expect(usage).toHaveAttribute('data-cols', '3');
  await expect(usage).toHaveAttribute('data-rows', '4');
  await expect(view.locator('figure.heatmap').nth(1)).toHaveAttribute('data-cols', '3');
  const stepOf = async () => Number(await view.locator('.routing-view').getAttribute('data-step'));
  const firstStep = await stepOf();
  const firstFills = await fills(usage);
  // Later snapshots arrive and the usage colours move as the gates learn.
  await expect
    .poll(async () => (await stepOf()) > firstStep && (await fills(usage)) !== firstFills, { timeout: 60_000 })
    .toBe(true);
  await expect(view.getByRole('img', { name: /Task × expert usage at step \d+: task/ })).toBeVisible();
  await expect(view.locator('.multi-line-chart path[stroke]').first()).toBeVisible();
  await view.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('mmoe-routing.png'), fullPage: true });
  await experiment.getByRole('button', { name: 'Stop' }).click();
  expect(errors).toEqual([]);
});

test('the MoE language model trains on the built-in corpus and shows domains, a token strip and SRP/SCH', async ({
  page,
}, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/?backend=cpu');
  const add = page.getByRole('group', { name: 'Add a cell' });
  await add.getByRole('button', { name: 'MoE experiment' }).click();
  await add.getByRole('button', { name: 'Routing view' }).click();
  const experiment = cellsOf(page, 'experiment').last();
  await expect(field(experiment, 'model-router')).toHaveValue('topk');
  await expect(field(experiment, 'model-topP')).toHaveCount(0);
  await field(experiment, 'model-router').selectOption('topp');
  await expect(field(experiment, 'model-topP')).toBeVisible();
  await field(experiment, 'model-router').selectOption('topk');
  await field(experiment, 'training-steps').fill('8');
  await field(experiment, 'backend').selectOption('cpu');
  await experiment.getByRole('button', { name: 'Start' }).click();

  const view = cellsOf(page, 'view').last();
  await expect(view.locator('figure.heatmap').first()).toHaveAttribute('data-cols', '4', { timeout: 90_000 });
  await expect(view.locator('figure.heatmap').first()).toHaveAttribute('data-rows', '3');
  await expect(view.locator('.token-strip [data-expert]').first()).toBeVisible();
  await expect(view.getByRole('img', { name: /^SRP of layer 0 by segment length/ })).toBeVisible();
  await expect(view.getByRole('img', { name: /Share of each layer-0 expert's tokens/ })).toBeVisible();
  await expect(experiment.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await view.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('moe-lm-routing.png'), fullPage: true });
  expect(errors).toEqual([]);
});
