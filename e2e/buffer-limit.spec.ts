import { expect, test } from '@playwright/test';
import type { ExperimentSpecInput } from '../src/protocol/index.ts';
import { labUrl, prefixWorkerScripts } from './helpers.ts';

// A GPU whose buffers are smaller than the data: every worker script is served with a first line
// that lowers the WebGPU adapter's per-buffer limits to 64 KB (a small integrated GPU, simulated).
// The default planted data (2048 × 16 float32 inputs, 128 KB) does not fit, so the run and a job
// asked for WebGPU must fall back and say why in one line, never show a raw WebGPU error.
const LIMIT = 64 * 1024;
const SMALL_GPU = `for (const name of ['maxBufferSize', 'maxStorageBufferBindingSize'])
  if (self.GPUSupportedLimits) Object.defineProperty(GPUSupportedLimits.prototype, name, { get: () => ${LIMIT} });
`;
const REASON = /webgpu skipped: the training data needs a buffer of 131,072 bytes and this GPU allows 65,536 bytes/;

test.use({ serviceWorkers: 'block' }); // see prefixWorkerScripts
test.beforeEach(({ context }) => prefixWorkerScripts(context, SMALL_GPU));

test('data over the GPU buffer limit: the run and a branching search asked for WebGPU run on wasm and say why', async ({
  page,
}) => {
  const spec: Partial<ExperimentSpecInput> = {
    dataset: { kind: 'planted', numTasks: 4, numGroups: 2, inputDim: 16, numSamples: 2048 },
    model: { kind: 'shared-bottom', hidden: [8] },
    training: { steps: 20, batchSize: 32, learningRate: 0.02 },
  };
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(labUrl(spec, 'webgpu'));
  await page.getByRole('button', { name: 'Start' }).click();
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await expect(badge).toContainText(REASON);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'Branching tree view' }).click();
  const tree = page.getByTestId('tree-view');
  await tree.getByLabel('Depth').fill('1');
  await tree.getByRole('button', { name: 'Search tree' }).click();
  await expect(tree).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const line = tree.getByTestId('job-backend');
  await expect(line).toHaveAttribute('data-backend', 'wasm');
  await expect(line).toContainText(REASON);
  await expect(page.getByText(/createBuffer|GPUBuffer|mapAsync/)).toHaveCount(0);
  expect(errors).toEqual([]);
});
