// Cross-origin isolation and tfjs-wasm threads: under `vite preview` (COOP/COEP headers), and from a plain
// static server that sends no such headers (python3 -m http.server, as from a USB stick), where the service
// worker adds them after the first visit; before that the lab runs single-threaded and says so.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { labUrl, TINY } from './helpers.ts';

async function trainOnWasm(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Start' }).first().click();
  await expect(page.getByTestId('run-status').first()).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', 'wasm');
  return { isolated: await page.evaluate(() => crossOriginIsolated), threads: Number(await badge.locator('.threads').getAttribute('data-threads')), badge };
}

const cores = async (page: Page) => page.evaluate(() => navigator.hardwareConcurrency);

test('vite preview is cross-origin isolated and wasm runs on every core', async ({ page }, testInfo) => {
  const run = await trainOnWasm(page, labUrl(TINY, 'wasm'));
  expect(run.isolated).toBe(true);
  expect(run.threads).toBe(await cores(page));
  expect(run.threads).toBeGreaterThan(1);
  await expect(run.badge).toContainText(`${run.threads} threads`);
  await page.screenshot({ path: testInfo.outputPath('wasm-threads.png') });
});

test.describe('a static host without headers', () => {
  const port = Number(process.env.PW_PORT ?? 4173) + 100;
  let server: ChildProcess;
  test.beforeAll(async () => {
    server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', 'dist'], { stdio: 'ignore' });
    await expect.poll(() => fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false)).toBe(true);
  });
  test.afterAll(() => void server.kill());

  test('falls back to one thread and says so, then the service worker isolates the site, online and offline', async ({ page, context }, testInfo) => {
    const url = `http://127.0.0.1:${port}/${labUrl(TINY, 'wasm').replace(/^\//, '')}`;
    const first = await trainOnWasm(page, url);
    expect(first.isolated).toBe(false);
    expect(first.threads).toBe(1);
    await expect(first.badge).toContainText('1 thread (page not cross-origin isolated: single-threaded)');
    await page.screenshot({ path: testInfo.outputPath('wasm-single-thread.png') });

    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });
    const again = await trainOnWasm(page, url);
    expect(again.isolated).toBe(true);
    expect(again.threads).toBe(await cores(page));
    expect(again.threads).toBeGreaterThan(1);

    await context.setOffline(true);
    const offline = await trainOnWasm(page, url);
    expect(offline.isolated).toBe(true);
    expect(offline.threads).toBeGreaterThan(1);
    await context.setOffline(false);
  });
});
