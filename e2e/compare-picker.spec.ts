import { expect, test } from '@playwright/test';
import { labUrl } from './helpers.ts';

const cellsOf = (page: import('@playwright/test').Page, kind: string) => page.locator(`[data-cell-kind="${kind}"]`);

test('the compare picker lists this notebook’s runs by experiment, ticked first, and drops removed experiments', async ({
  page,
}) => {
  await page.goto(
    labUrl(
      {
        training: { steps: 20, batchSize: 32, learningRate: 0.01 },
        dataset: { kind: 'planted', numTasks: 3, numSamples: 128 },
      },
      'cpu',
    ),
  );
  const experiment = cellsOf(page, 'experiment').first();
  const done = experiment.locator('[data-testid="run-status"][data-status="done"]');
  await experiment.getByRole('button', { name: 'Start' }).click();
  await done.waitFor({ state: 'attached', timeout: 60_000 });
  await experiment.getByLabel('Seed', { exact: true }).fill('2');
  await experiment.getByRole('button', { name: 'Restart' }).click();
  await expect(experiment.getByText('Run history (2)')).toBeVisible({ timeout: 60_000 });
  await done.waitFor({ state: 'attached', timeout: 60_000 });
  // A second experiment with a run of its own.
  await page
    .getByRole('group', { name: 'Add a cell' })
    .getByRole('button', { name: 'Experiment', exact: true })
    .click();
  const second = cellsOf(page, 'experiment').last();
  await second.getByLabel('Steps', { exact: true }).fill('10');
  await second.getByLabel('Backend', { exact: true }).selectOption('cpu');
  await second.getByRole('button', { name: 'Start' }).click();
  await second
    .locator('[data-testid="run-status"][data-status="done"]')
    .waitFor({ state: 'attached', timeout: 60_000 });

  await page.getByRole('button', { name: 'Compare runs' }).click();
  const picker = cellsOf(page, 'compare').last().locator('.run-picker');
  const groups = picker.locator('.run-picker-group');
  await expect(groups).toHaveCount(2);
  const firstGroupRuns = groups.first().locator('li');
  await expect(firstGroupRuns).toHaveCount(2);
  await expect(firstGroupRuns.first()).toContainText('seed 2'); // newest first
  // Tick the older run of the first experiment: it moves to the top of its group.
  await groups.first().locator('li').filter({ hasText: 'seed 1' }).locator('input').check();
  await groups.nth(1).locator('input[type="checkbox"]').first().check();
  await expect(groups.first().locator('li').first()).toContainText('seed 1');
  await expect(groups.first().locator('li').first().locator('input')).toBeChecked();
  await expect(picker.locator('legend')).toHaveText('Runs to compare (2 chosen)');

  // Removing the first experiment: only its ticked run stays listed, marked as removed.
  await experiment.getByRole('button', { name: 'Delete cell' }).click();
  await expect(groups).toHaveCount(2);
  await expect(groups.last()).toContainText('(experiment removed)');
  await expect(groups.last().locator('li')).toHaveCount(1);
  await expect(groups.last().locator('input')).toBeChecked();
  await cellsOf(page, 'compare')
    .last()
    .screenshot({ path: test.info().outputPath('compare-picker.png') });
});
