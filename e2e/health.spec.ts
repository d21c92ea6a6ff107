import { expect, test } from '@playwright/test';
import { collectErrors, labUrl } from './helpers.ts';

/**
 * A tiny MMoE whose ReLU experts read one non-negative input: an expert whose hidden weights are all
 * negative never fires (seed 1: e2 and e3), the collapse HoME describes, visible from the first snapshot.
 */
const DEAD_EXPERTS = {
  seed: 1,
  dataset: { kind: 'planted', numTasks: 3, numGroups: 2, inputDim: 1, numSamples: 256, nonNegativeInputs: true },
  model: { kind: 'mmoe', numExperts: 4, expertHidden: 2, expertOutput: 4, towerHidden: 4 },
  training: { steps: 150, batchSize: 32, learningRate: 0.01 },
} as const;

const cellsOf = (page: import('@playwright/test').Page, kind: string) => page.locator(`[data-cell-kind="${kind}"]`);

test('the expert health view flags collapsed experts of a small MMoE run, live', async ({ page }, testInfo) => {
  test.setTimeout(300_000); // a busy 2-core machine trains this at a few steps per second
  const errors = collectErrors(page);
  await page.goto(labUrl(DEAD_EXPERTS as never, 'cpu'));
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'Expert health view' }).click();
  const experiment = cellsOf(page, 'experiment').first();
  await experiment.getByRole('button', { name: 'Start' }).click();
  const view = cellsOf(page, 'view').last();

  const collapse = view.locator('.health-flag[data-anomaly="collapse"]');
  await expect(collapse.first()).toContainText(
    'Expert collapse: expert "e2" has 100% zero activations (threshold 90%).',
    { timeout: 60_000 },
  );
  await expect(collapse).toHaveCount(2);
  await expect(view.locator('.health-thresholds')).toContainText('≥ 90% zero activations');
  await expect(view.locator('.health-experts tbody tr')).toHaveCount(4);
  await expect(view.locator('.health-experts tbody tr').nth(2)).toContainText('shared');
  const occupancy = view.locator('figure.heatmap').first();
  await expect(occupancy).toHaveAttribute('data-rows', '4');
  await expect(occupancy).toHaveAttribute('data-cols', '3');
  // Issue 18: the colour scale ends at the largest share (viridis' top colour on the brightest cell),
  // not at a fixed 100 % that leaves shares near 1/3 uniformly dark.
  await expect
    .poll(() => occupancy.locator('rect.heatmap-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('fill'))))
    .toContain('#fde725');
  // Later snapshots arrive while it trains: the zero-share chart grows a line per expert.
  const stepOf = async () => Number(await view.locator('.health-view').getAttribute('data-step'));
  const first = await stepOf();
  await expect.poll(stepOf, { timeout: 180_000 }).toBeGreaterThan(first);
  await expect(view.locator('.multi-line-chart path[stroke]').first()).toBeVisible();
  await view.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('expert-health.png'), fullPage: true });
  await expect(experiment.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  expect(errors).toEqual([]);
});

test('Compare with HoME adds a HoME sibling, trains both and compares their expert health', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await page.goto(
    labUrl({ ...DEAD_EXPERTS, training: { steps: 60, batchSize: 32, learningRate: 0.01 } } as never, 'cpu'),
  );
  const experiment = cellsOf(page, 'experiment').first();
  await experiment.getByRole('button', { name: 'Compare with HoME' }).click();
  const sibling = cellsOf(page, 'experiment').nth(1);
  await expect(sibling.locator('[id$="-spec-model-expertNorm"]')).toBeChecked();
  const table = page.getByTestId('health-compare');
  await expect(table.locator('tbody tr')).toHaveCount(2, { timeout: 240_000 });
  await expect(table.locator('tr[data-model="mmoe"] td[data-anomaly="collapse"]')).toHaveText('2');
  await expect(table.locator('tr[data-model="home"] td[data-anomaly="collapse"]')).toHaveText('0');
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('compare-with-home.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test("Categories from SDP groups fills HoME's meta-categories from the measured task affinity", async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  const spec = {
    seed: 3,
    dataset: { kind: 'planted', numTasks: 4, numGroups: 2, inputDim: 4, numSamples: 256 },
    model: { kind: 'home', hierarchyMask: false, expertHidden: 4, expertOutput: 4, towerHidden: 4 },
    training: { steps: 60, batchSize: 32, learningRate: 0.01 },
    affinity: { method: 'lookahead', every: 10, skipSteps: 0 },
  };
  await page.goto(labUrl(spec as never, 'cpu'));
  const experiment = cellsOf(page, 'experiment').first();
  const button = experiment.getByRole('button', { name: 'Categories from SDP groups' });
  const message = experiment.getByTestId('home-categories-message');
  // Nothing measured yet: it says so and changes nothing.
  await button.click();
  await expect(message).toContainText('No task affinity measured on this data yet');
  await experiment.getByRole('button', { name: 'Start' }).click();
  await expect(experiment.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await button.click();
  await expect(message).toContainText(/^2 categories from the SDP groups of ".*"'s lookahead affinity: \{task\d/, {
    timeout: 60_000,
  });
  await expect(experiment.locator('[id$="-spec-model-hierarchyMask"]')).toBeChecked();
  const categories = (await experiment.locator('[id$="-spec-model-categories"]').inputValue()).split(',').map(Number);
  expect(categories).toHaveLength(4);
  expect(new Set(categories)).toEqual(new Set([0, 1]));
  await experiment.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('home-categories.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test("the expert health view shows the MoE language model's layers: load, per-domain occupancy, zero activations", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await page.goto('/?backend=cpu');
  const add = page.getByRole('group', { name: 'Add a cell' });
  await add.getByRole('button', { name: 'MoE experiment' }).click();
  await add.getByRole('button', { name: 'Expert health view' }).click();
  const experiment = cellsOf(page, 'experiment').last();
  await experiment.locator('[id$="-spec-training-steps"]').fill('8');
  await experiment.locator('[id$="-spec-backend"]').selectOption('cpu');
  await experiment.getByRole('button', { name: 'Start' }).click();
  await expect(experiment.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  const view = cellsOf(page, 'view').last();
  await expect(view.getByRole('combobox', { name: 'Expert layer' }).locator('option')).toHaveText([
    'layer 1',
    'layer 2',
  ]);
  const rows = view.locator('.health-experts tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(view.locator('.health-experts thead')).toContainText("Top domain's share");
  // Loads are shares of the layer's routed tokens: they sum to 100 % (up to rounding).
  const loads = (await view.locator('td.health-load').allTextContents()).map((text) => Number(text.replace('%', '')));
  expect(loads).toHaveLength(4);
  expect(Math.abs(loads.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(2);
  const occupancy = view.locator('figure.heatmap').first();
  await expect(occupancy).toHaveAttribute('data-rows', '4');
  await expect(occupancy).toHaveAttribute('data-cols', '3');
  await view.getByRole('combobox', { name: 'Expert layer' }).selectOption('layer 2');
  await expect(view.locator('h4').filter({ hasText: 'Experts (layer 2)' })).toBeVisible();
  await view.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('moe-lm-health.png'), fullPage: true });
  expect(errors).toEqual([]);
});
