import { expect, test, type Locator } from '@playwright/test';
import { collectErrors, labUrl } from './helpers.ts';

/** A tiny MoE language model on the built-in corpus: trains in seconds on the cpu backend. */
const TINY_LM = {
  name: 'Tiny MoE LM',
  dataset: { kind: 'text', domains: ['prose', 'code', 'numbers'], windowLength: 16, numSamples: 96 },
  model: {
    kind: 'moe-lm',
    dModel: 16,
    numHeads: 2,
    numLayers: 2,
    numExperts: 4,
    expertHidden: 16,
    router: 'topk',
    k: 1,
  },
  training: { steps: 30, batchSize: 12, learningRate: 0.01, validationFraction: 0.1 },
} as const;

const cellsOf = (page: import('@playwright/test').Page, kind: string) => page.locator(`[data-cell-kind="${kind}"]`);
/** Coloured cells of a heatmap, so an empty or blank chart fails. */
const filledCells = (heatmap: Locator) =>
  heatmap
    .locator('rect.heatmap-cell')
    .evaluateAll((rects) => rects.filter((r) => (r.getAttribute('fill') ?? 'none') !== 'none').length);
const pathLengths = (chart: Locator) =>
  chart
    .locator('svg.chart-svg path[stroke]:not(.domain)')
    .evaluateAll((paths) => paths.map((p) => (p.getAttribute('d') ?? '').length));

test('the unlearning view renders its heatmaps and curves, and the knockout view its Δloss heatmap', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await page.goto(labUrl(TINY_LM as never, 'cpu'));
  const add = page.getByRole('group', { name: 'Add a cell' });
  await add.getByRole('button', { name: 'Unlearning view' }).click();
  await add.getByRole('button', { name: 'Knockout view' }).click();
  const [unlearning, knockout] = [cellsOf(page, 'view').nth(-2), cellsOf(page, 'view').last()];
  await expect(unlearning).toContainText('then study its experts here');

  const experiment = cellsOf(page, 'experiment').first();
  await experiment.getByRole('button', { name: 'Start' }).click();
  await expect(experiment.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });

  // Unlearn "numbers": UOE, UOE with the retain-side anchor and all parameters, a few steps.
  const view = unlearning.getByTestId('unlearning-view');
  await expect(view.getByRole('combobox', { name: 'Domain to forget' }).locator('option')).toHaveText([
    'prose',
    'code',
    'numbers',
  ]);
  await view.getByRole('combobox', { name: 'Domain to forget' }).selectOption('numbers');
  await view.getByRole('spinbutton', { name: 'Unlearning steps' }).fill('6');
  await view.getByRole('button', { name: 'Unlearn' }).click();
  await expect(view).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(view.getByTestId('unlearn-summary').locator('tbody tr')).toHaveCount(3);
  await expect(view.getByTestId('retain-table').locator('tbody tr')).toHaveCount(2);
  // Forget-loss curves: three non-empty lines with 7 points each (before every step, and after the last).
  const curves = view.locator('figure.multi-line-chart').first();
  const lengths = await pathLengths(curves);
  expect(lengths).toHaveLength(3);
  expect(Math.min(...lengths)).toBeGreaterThan(20);
  await expect(curves.locator('circle')).toHaveCount(21);
  await expect(view.getByRole('img', { name: /^Forget-set loss of "numbers" over 6 unlearning steps/ })).toBeVisible();
  // Attribution (layers × experts) and seven routing heatmaps (3 domains × 4 experts: before, after each
  // of the three methods, and the three shifts), all coloured.
  const heatmaps = view.locator('figure.heatmap');
  await expect(heatmaps).toHaveCount(8);
  expect(await filledCells(heatmaps.first())).toBe(2 * 4);
  const shiftMaps = view.getByTestId('routing-shift').locator('figure.heatmap');
  for (let i = 0; i < 7; i++) {
    await expect(shiftMaps.nth(i)).toHaveAttribute('data-rows', '3');
    expect(await filledCells(shiftMaps.nth(i))).toBe(3 * 4);
    await expect(shiftMaps.nth(i).locator('text.heatmap-value')).toHaveCount(12);
    await expect(shiftMaps.nth(i).locator('rect.heatmap-mark').first()).toBeVisible();
  }
  await expect(view.getByRole('img', { name: /^Routing shift after UOE at layer \d/ })).toBeVisible();
  await view.scrollIntoViewIfNeeded();
  await unlearning.screenshot({ path: testInfo.outputPath('unlearning.png') });

  // Knockout: every expert singly plus all of layer 0's… here two experts and their pair.
  const ko = knockout.getByTestId('knockout-view');
  await ko.getByRole('button', { name: 'None' }).click();
  await ko.getByRole('group', { name: 'Layer 0 experts' }).getByRole('checkbox', { name: 'e1' }).check();
  await ko.getByRole('group', { name: 'Layer 1 experts' }).getByRole('checkbox', { name: 'e2' }).check();
  await ko.getByRole('button', { name: 'Knock out 2 experts' }).click();
  await expect(ko).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  const delta = ko.locator('figure.heatmap');
  await expect(delta).toHaveAttribute('data-rows', '3');
  await expect(delta).toHaveAttribute('data-cols', '3');
  expect(await filledCells(delta)).toBe(9);
  await expect(delta.locator('text.heatmap-value')).toHaveCount(9);
  await expect(
    ko.getByRole('img', { name: /^Knockout Δloss, knocked-out experts \(rows\) × domain \(columns\)/ }),
  ).toBeVisible();
  await ko.scrollIntoViewIfNeeded();
  await knockout.screenshot({ path: testInfo.outputPath('knockout.png') });
  expect(errors).toEqual([]);
});

test('a model without routed experts gets a clear message instead of the unlearning controls', async ({ page }) => {
  await page.goto(labUrl({ ...TINY_LM, model: { ...TINY_LM.model, router: 'soft' } } as never, 'cpu'));
  const add = page.getByRole('group', { name: 'Add a cell' });
  await add.getByRole('button', { name: 'Unlearning view' }).click();
  const experiment = cellsOf(page, 'experiment').first();
  await experiment.getByRole('button', { name: 'Start' }).click();
  await expect(cellsOf(page, 'view').last().getByTestId('intervention-problem')).toContainText('no routed experts', {
    timeout: 60_000,
  });
});
