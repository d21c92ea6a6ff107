import { expect, test } from '@playwright/test';
import type { ExperimentSpecInput } from '../src/protocol/index.ts';
import { labUrl, prefixWorkerScripts } from './helpers.ts';

// A GPU device lost mid-run (a driver reset, a laptop's GPU switched off), simulated: every worker
// script is served with a first line that keeps the WebGPU device it creates, and the test destroys
// it, which resolves the device's `lost` promise as a real loss does.
const KEEP_DEVICE = `if (self.GPUAdapter) {
  const requestDevice = GPUAdapter.prototype.requestDevice;
  GPUAdapter.prototype.requestDevice = async function (...args) {
    return (self.__device = await requestDevice.apply(this, args));
  };
}
`;

test.use({ serviceWorkers: 'block' }); // see prefixWorkerScripts
test.beforeEach(({ context }) => prefixWorkerScripts(context, KEEP_DEVICE));

test('a GPU device lost mid-run: "GPU device lost" and what to do, the notebook and curves kept, and it runs again on WebGPU and on wasm', async ({
  page,
}) => {
  const spec: Partial<ExperimentSpecInput> = {
    backend: 'webgpu',
    dataset: { kind: 'planted', numTasks: 3, numGroups: 2, inputDim: 6, numSamples: 256 },
    model: { kind: 'shared-bottom', hidden: [8] },
    training: { steps: 5000, batchSize: 32, learningRate: 0.02 },
  };
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(labUrl(spec));
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 60_000 });
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', 'running');
  await expect(page.locator('path.loss-line').first()).toBeVisible({ timeout: 30_000 });

  let destroyed = 0;
  for (const worker of page.workers())
    destroyed += await worker.evaluate(() => {
      const device = (self as unknown as { __device?: { destroy(): void } }).__device;
      // After this call returns: the failed run may end its worker before it could answer.
      if (device) setTimeout(() => device.destroy(), 10);
      return device ? 1 : 0;
    });
  expect(destroyed).toBe(1);

  await expect(status).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  const error = page.getByTestId('run-error');
  await expect(error).toContainText('GPU device lost');
  await expect(error).toContainText('press Restart to run it again, or set its Backend to wasm');
  await expect(error).not.toContainText(/GPUBuffer|mapAsync|createBuffer|Instance reference/);
  await expect(page.locator('path.loss-line').first()).toBeVisible(); // the curves so far are kept
  await expect(page.getByLabel('Steps').first()).toHaveValue('5000'); // the experiment as the user set it

  // Both ways out the message names: Restart (a new run gets a new device), then wasm.
  await page.getByLabel('Steps').first().fill('40');
  const history = page.getByTestId('run-history').locator('tbody tr');
  for (const [i, backend] of ['webgpu', 'wasm'].entries()) {
    await page.getByRole('combobox', { name: 'Backend', exact: true }).selectOption(backend);
    await page.getByRole('button', { name: 'Restart' }).click();
    await expect(history).toHaveCount(2 + i); // the lost run, then one per restart
    await expect(status).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend);
  }
  expect(errors).toEqual([]);
});
