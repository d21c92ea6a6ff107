// Runs made in an exported PyTorch project come back into the lab: result.json joins its experiment's run
// history and every view of that cell shows it; a .tlrt trace opens in a trace cell; wrong files say why.
// Fixtures were written by the real pipeline: `tasklab export` of the default notebook's experiment
// (and of the moe-lm example) then `python3 train.py --out result.json [--trace trace.tlrt]`.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { collectErrors } from './helpers.ts';

const RESULT = readFileSync('e2e/fixtures/planted-pytorch-result.json', 'utf8');
const TRACE = [...readFileSync('e2e/fixtures/moe-lm-pytorch.tlrt')];

async function dropFile(page: Page, target: Locator, name: string, content: string | number[]) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, content }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([typeof content === 'string' ? content : new Uint8Array(content)], name));
      return transfer;
    },
    { name, content },
  );
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

test('a dropped result.json becomes a PyTorch run of its experiment: history, results, curves and affinity render', async ({
  page,
}, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const notebook = page.getByTestId('notebook');
  await dropFile(page, notebook, 'result.json', RESULT);
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Added the PyTorch run of "Planted clusters" (cpu, 1 process) from result.json' }),
  ).toBeVisible();

  const experiment = page.locator('[data-cell-id="planted"]');
  const history = experiment.getByTestId('run-history');
  await expect(history).toContainText('PyTorch (cpu, 1 process)');
  await expect(history.locator('tbody tr')).toHaveCount(1);
  await expect(experiment.getByTestId('results-table')).toContainText('task7');

  // The curves view draws one curve per task from the 300 imported steps; the affinity view its 8×8 matrix.
  const curves = page.locator('[data-cell-id="planted-curves"]');
  await expect(curves.locator('svg path').first()).toBeVisible();
  const heatmap = page.locator('[data-cell-id="planted-affinity"] figure.heatmap');
  await expect(heatmap).toHaveAttribute('data-rows', '8');
  await expect(heatmap.locator('rect.heatmap-cell')).toHaveCount(64);
  await page.screenshot({ path: testInfo.outputPath('pytorch-run.png'), fullPage: true });

  // The run is kept: after a reload it is still in the history.
  await page.waitForTimeout(700);
  await page.reload();
  await expect(page.locator('[data-cell-id="planted"]').getByTestId('run-history')).toContainText(
    'PyTorch (cpu, 1 process)',
  );
  expect(errors).toEqual([]);
});

test('a result of a newer format or of another experiment is refused with a message, and nothing changes', async ({
  page,
}) => {
  await page.goto('/');
  const notebook = page.getByTestId('notebook');
  const result = JSON.parse(RESULT);
  await dropFile(page, notebook, 'new.json', JSON.stringify({ ...result, version: 2 }));
  await expect(
    page.getByRole('status').filter({ hasText: 'new.json has result format version 2, newer than this lab reads (1)' }),
  ).toBeVisible();
  const other = {
    ...result,
    experiment: 'Graphs',
    spec: { name: 'Graphs', dataset: { kind: 'clrs-lite' }, model: { kind: 'gnn' } },
  };
  await dropFile(page, notebook, 'other.json', JSON.stringify(other));
  await expect(
    page.getByRole('status').filter({
      hasText:
        'other.json is a run of the experiment "Graphs" (gnn on clrs-lite data), which this notebook does not have',
    }),
  ).toBeVisible();
  await expect(page.getByTestId('run-history')).toHaveCount(0);
});

test('a .tlrt trace written by an exported MoE LM opens in a trace cell and its charts render', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await dropFile(page, page.getByTestId('notebook'), 'trace.tlrt', TRACE);
  const cell = page.locator('[data-cell-kind="trace"]').last();
  await expect(cell.getByTestId('trace-caption')).toContainText('2 MoE layers × 4 experts, top-2', { timeout: 30_000 });
  const load = cell.locator('[data-chart="load"] .heatmap');
  await expect(load.locator('rect.heatmap-cell')).toHaveCount(8);
  await expect(cell.locator('[data-chart="domains"] .heatmap')).toHaveAttribute('data-rows', '3');
  await page.screenshot({ path: testInfo.outputPath('pytorch-trace.png'), fullPage: true });
});

test('Export to PyTorch downloads a zip with train.py, tasklab_trace.py, the spec and the exact data', async ({
  page,
}) => {
  const { unzipSync, strFromU8 } = await import('fflate');
  await page.goto('/');
  const experiment = page.locator('[data-cell-id="planted"]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    experiment.getByRole('button', { name: 'Export to PyTorch' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('planted-clusters-pytorch.zip');
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const names = Object.keys(files).sort();
  expect(names).toEqual(
    [
      'README.md',
      'data/meta.json',
      'data/train_x.npy',
      'data/train_y.npy',
      'data/validation_x.npy',
      'data/validation_y.npy',
      'spec.json',
      'tasklab_trace.py',
      'train.py',
    ].map((n) => `planted-clusters-pytorch/${n}`),
  );
  const text = (name: string) => strFromU8(files[`planted-clusters-pytorch/${name}`]);
  expect(text('train.py')).toBe(readFileSync('python/train_multitask.py', 'utf8'));
  expect(JSON.parse(text('spec.json'))).toMatchObject({
    name: 'Planted clusters',
    model: { kind: 'shared-bottom' },
    affinity: { method: 'lookahead' },
  });
  // 2048 planted rows, 20% held out; 16 inputs and 8 targets per row (float32 after the .npy header).
  expect(JSON.parse(text('data/meta.json'))).toMatchObject({ numTrain: 1639, numValidation: 409 });
  expect(files['planted-clusters-pytorch/data/train_x.npy'].length).toBe(128 + 1639 * 16 * 4);
});
