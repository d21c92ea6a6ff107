import { expect, test } from '@playwright/test';
import config from '../playwright.config.ts';
import { labUrl, TINY } from './helpers.ts';

// The same Chromium without the WebGPU flags: the lab must fall back and say why.
const argsWithoutWebGpu = (config.use?.launchOptions?.args ?? []).filter((arg) => !/webgpu|swiftshader/i.test(arg));
test.use({ launchOptions: { ...config.use?.launchOptions, args: argsWithoutWebGpu } });

test('a browser without WebGPU falls back to another backend and says why', async ({ page }) => {
  await page.goto(labUrl(TINY));
  await page.getByRole('button', { name: 'Start' }).click();
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', /^(webgl|wasm|cpu)$/);
  await expect(badge).toContainText(/webgpu skipped: .+/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
});

test('a job asked for WebGPU in a browser without it runs on another backend and says why in one line', async ({
  page,
}) => {
  // The experiment's own Backend field asks for webgpu (a user's choice, not the page's ?backend=).
  const spec = {
    ...TINY,
    backend: 'webgpu',
    dataset: { kind: 'planted', numTasks: 3, numGroups: 2, numSamples: 128 },
    training: { ...TINY.training, steps: 30 },
  } as const;
  await page.goto(labUrl(spec));
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const view = page.getByTestId('affinity-view');
  await view.getByRole('radio', { name: 'Grad-TAG' }).check();
  await view.getByRole('button', { name: 'Compute Grad-TAG' }).click();
  await expect(view.getByTestId('affinity-job')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const line = view.getByTestId('job-backend');
  await expect(line).toHaveAttribute('data-backend', /^(webgl|wasm|cpu)$/);
  await expect(line).toContainText(/webgpu skipped: .+/);
});
