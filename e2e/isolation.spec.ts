// Cross-origin isolation and tfjs-wasm threads: under `vite preview` (COOP/COEP headers), and from a plain
// static server that sends no such headers (python3 -m http.server, as from a USB stick), where the service
// worker adds them after the first visit; before that the lab runs single-threaded and says so.
// tfjs-wasm caps its threads at half the logical cores (and 8), so a 2-core machine gets 1 thread even when
// isolated; the tests check that count and that the threaded binary is the one loaded.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test, type Page, type Request } from '@playwright/test';
import { labUrl, TINY } from './helpers.ts';

async function trainOnWasm(page: Page, url: string) {
  const wasm: string[] = [];
  // Loads by the lab's workers, not the service worker's precache of every file.
  const onRequest = (request: Request) =>
    void (request.url().endsWith('.wasm') && !request.serviceWorker() && wasm.push(request.url()));
  page.context().on('request', onRequest);
  await page.goto(url);
  await page.getByRole('button', { name: 'Start' }).first().click();
  await expect(page.getByTestId('run-status').first()).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  page.context().off('request', onRequest);
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', 'wasm');
  const threads = badge.locator('.threads');
  return {
    pageIsolated: await page.evaluate(() => crossOriginIsolated),
    workerIsolated: (await threads.getAttribute('data-isolated')) === 'true',
    threads: Number(await threads.getAttribute('data-threads')),
    threadedBinary: wasm.some((u) => u.includes('threaded-simd')),
    badge,
  };
}

/** The thread count tfjs-wasm picks when isolated: half the logical cores, at least 1, at most 8. */
const tfjsThreads = async (page: Page) =>
  page.evaluate(() => Math.min(8, Math.max(1, Math.floor(navigator.hardwareConcurrency / 2))));

test('vite preview is cross-origin isolated and wasm loads its threaded binary', async ({ page }, testInfo) => {
  const run = await trainOnWasm(page, labUrl(TINY, 'wasm'));
  expect(run.pageIsolated).toBe(true);
  expect(run.workerIsolated).toBe(true);
  expect(run.threadedBinary).toBe(true);
  expect(run.threads).toBe(await tfjsThreads(page));
  await expect(run.badge).toContainText(`· ${run.threads} thread`);
  await expect(run.badge).not.toContainText('not cross-origin isolated');
  await page.screenshot({ path: testInfo.outputPath('wasm-threads.png') });
});

test.describe('a static host without headers', () => {
  const port = Number(process.env.PW_PORT ?? 4173) + 100;
  let server: ChildProcess;
  test.beforeAll(async () => {
    server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', 'dist'], {
      stdio: 'ignore',
    });
    await expect
      .poll(() =>
        fetch(`http://127.0.0.1:${port}/`).then(
          (r) => r.ok,
          () => false,
        ),
      )
      .toBe(true);
  });
  test.afterAll(() => void server.kill());

  test('falls back to one thread and says so, then the service worker isolates the site, online and offline', async ({
    page,
    context,
  }, testInfo) => {
    const url = `http://127.0.0.1:${port}/${labUrl(TINY, 'wasm').replace(/^\//, '')}`;
    const first = await trainOnWasm(page, url);
    expect(first).toMatchObject({ pageIsolated: false, workerIsolated: false, threads: 1, threadedBinary: false });
    await expect(first.badge).toContainText('1 thread (page not cross-origin isolated: single-threaded)');
    await page.screenshot({ path: testInfo.outputPath('wasm-single-thread.png') });

    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
        );
    });
    const again = await trainOnWasm(page, url);
    expect(again).toMatchObject({
      pageIsolated: true,
      workerIsolated: true,
      threadedBinary: true,
      threads: await tfjsThreads(page),
    });

    await context.setOffline(true);
    const offline = await trainOnWasm(page, url);
    expect(offline).toMatchObject({ pageIsolated: true, workerIsolated: true, threads: await tfjsThreads(page) });
    await context.setOffline(false);
  });
});
