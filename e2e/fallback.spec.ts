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
