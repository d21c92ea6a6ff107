import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { collectErrors, labUrl, openLesson, TINY } from './helpers.ts';

/** 'auto' experiments (and jobs) run on the remembered backend choice. */
async function rememberBackend(page: Page, backend: 'cpu' | 'wasm') {
  await page.addInitScript(
    (choice) => localStorage.setItem('tasklab.backendChoice.v1', JSON.stringify({ override: choice })),
    backend,
  );
}
/** cpu: quick and exact here. */
const rememberCpu = (page: Page) => rememberBackend(page, 'cpu');

/** Decodes the QR code's SVG, drawn large on a blank page so every module is many pixels wide. */
async function decodeQr(page: Page, svgMarkup: string): Promise<string | null> {
  const canvas = await page.context().newPage();
  await canvas.setViewportSize({ width: 1600, height: 1600 });
  await canvas.setContent(`<body style="margin:0;background:#fff"><div style="padding:20px">${svgMarkup}</div></body>`);
  await canvas.locator('svg').evaluate((svg) => {
    svg.setAttribute('width', '1560');
    svg.setAttribute('height', '1560');
    svg.setAttribute('shape-rendering', 'crispEdges');
  });
  const png = PNG.sync.read(await canvas.screenshot({ path: test.info().outputPath('qr-decoded.png') }));
  await canvas.close();
  return (
    jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ??
    null
  );
}

test('a lesson opens from the gallery and runs on the remembered backend', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await rememberCpu(page);
  await page.goto('/');
  const gallery = page.getByTestId('lesson-gallery');
  await expect(gallery.locator('.lesson-card')).toHaveCount(5);
  await page.screenshot({ path: testInfo.outputPath('gallery.png'), fullPage: true });
  await gallery.getByRole('button', { name: /Open Lesson 1/ }).click();
  await expect(page.getByLabel('Notebook title')).toHaveValue(/Lesson 1/);
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Opened a lesson as a new notebook; your previous notebook was kept in the library.' }),
  ).toBeVisible();
  await expect(page.getByText('Before you press Start')).toBeVisible();

  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'cpu');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(page.locator('path.loss-line')).toHaveCount(6);
  // The figure the lesson states ("correlate by about 0.6 … and by about 0 across") is shown under the curves.
  const figure = page.getByTestId('loss-comovement');
  await expect(figure).toBeVisible();
  const [within, across] = ((await figure.textContent())!.match(/-?\d+\.\d\d/g) ?? []).map(Number);
  expect(within).toBeGreaterThan(0.5);
  expect(within).toBeLessThan(0.7);
  expect(Math.abs(across)).toBeLessThanOrEqual(0.1);
  await page.screenshot({ path: testInfo.outputPath('lesson-1-done.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('presenter mode shows one cell at a time, moves with the keyboard and hides the chosen controls', async ({
  page,
}, testInfo) => {
  await rememberCpu(page);
  await page.goto('/');
  await page
    .getByTestId('lesson-gallery')
    .getByRole('button', { name: /Open Lesson 1/ })
    .click();
  await expect(page.getByLabel('Notebook title')).toHaveValue(/Lesson 1/);
  await page.getByRole('button', { name: 'Present' }).click();
  const presenter = page.getByTestId('presenter');
  await expect(presenter).toBeVisible();
  await expect(page.getByTestId('presenter-position')).toHaveText('1 / 6');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('presenter-position')).toHaveText('3 / 6');
  await expect(presenter.locator('.spec-form')).toBeVisible();
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('presenter-position')).toHaveText('2 / 6');
  await page.keyboard.press('ArrowDown');

  // The teacher hides the experiment settings; the lesson itself already hides the run history.
  await page.getByRole('button', { name: 'Hide controls…' }).click();
  await expect(page.locator('input[data-control="history"]')).toBeChecked();
  await page.locator('input[data-control="settings"]').check();
  await expect(presenter.locator('.spec-form')).toBeHidden();
  await expect(presenter.getByRole('button', { name: 'Start' })).toBeVisible();

  await page.getByRole('button', { name: 'QR code' }).click();
  await expect(page.getByTestId('share-qr').locator('svg')).toBeVisible();
  // The preview server is 127.0.0.1: the code would not open on a student's phone, and says so.
  await expect(page.getByTestId('qr-local-warning')).toContainText('only this computer can open');
  await page.screenshot({ path: testInfo.outputPath('presenter.png'), fullPage: true });

  // An unchanged lesson's QR code is its short link, with the hidden controls; it scans exactly.
  const link = await page.getByLabel('Link to this notebook').inputValue();
  expect(new URL(link).search).toBe('?lesson=lesson-1-task-affinity&hide=history,chart-settings,settings');
  expect(
    await decodeQr(
      page,
      await page
        .getByTestId('share-qr')
        .locator('svg')
        .evaluate((svg) => svg.outerHTML),
    ),
  ).toBe(link);
  const shown = PNG.sync.read(
    await page.locator('.share-qr-code').screenshot({ path: testInfo.outputPath('qr-as-shown.png') }),
  );
  expect(
    jsQR(new Uint8ClampedArray(shown.data.buffer, shown.data.byteOffset, shown.data.length), shown.width, shown.height)
      ?.data,
  ).toBe(link);

  // The choice travels in the link: open it in a fresh page and present.
  const student = await page.context().newPage();
  await student.goto(link);
  await expect(student.getByLabel('Notebook title')).toHaveValue(/Lesson 1/);
  // Outside presenter mode too, the student sees the lesson without the hidden controls, and can ask for them.
  await expect(student.getByTestId('hidden-controls-notice')).toContainText('experiment settings');
  await expect(student.locator('.spec-form').first()).toBeHidden();
  await student.getByRole('button', { name: 'Present' }).click();
  for (let i = 0; i < 2; i++) await student.keyboard.press('ArrowRight');
  await expect(student.getByTestId('presenter').locator('.spec-form')).toBeHidden();
  await student.keyboard.press('Escape');
  await expect(student.getByTestId('presenter')).toBeHidden();
  await student.getByRole('button', { name: 'Show them' }).click();
  await expect(student.locator('.spec-form').first()).toBeVisible();

  // Once the teacher edits the lesson, the code carries the whole notebook (a dense ~2 KB link), still readable as shown.
  await page.bringToFront();
  await page.keyboard.press('Escape');
  await page.getByLabel('Notebook title').fill('Lesson 1 · our version');
  await page.getByRole('button', { name: 'Present' }).click();
  await page.getByRole('button', { name: 'QR code' }).click();
  const full = await page.getByLabel('Link to this notebook').inputValue();
  expect(full).toContain('#v1.');
  const dense = PNG.sync.read(await page.locator('.share-qr-code').screenshot());
  expect(
    jsQR(new Uint8ClampedArray(dense.data.buffer, dense.data.byteOffset, dense.data.length), dense.width, dense.height)
      ?.data,
  ).toBe(full);
});

test('after the first visit the page reloads offline from the service worker and still trains', async ({
  page,
  context,
}, testInfo) => {
  await page.goto(labUrl(TINY, 'cpu'));
  await expect(page.getByRole('heading', { name: 'Planted clusters' })).toBeVisible();
  // Wait until the service worker has cached the site and controls this page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
  });
  await context.setOffline(true);
  const offline = await page.reload();
  // The service worker answers the page with the Content-Security-Policy as a header too.
  expect(offline?.fromServiceWorker()).toBe(true);
  expect(offline?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.getByRole('heading', { name: 'Planted clusters' })).toBeVisible();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'cpu');
  // Lessons are cached too.
  await page.getByTestId('lesson-gallery').locator('summary').click();
  await expect(page.getByTestId('lesson-gallery').locator('.lesson-card')).toHaveCount(5);
  await page.screenshot({ path: testInfo.outputPath('offline-trained.png'), fullPage: true });
  await context.setOffline(false);
});

test('the automatic backend benchmark shows its figures and its pick becomes "auto"', async ({ page }, testInfo) => {
  await page.goto('/');
  const panel = page.getByTestId('backend-choice');
  await panel.locator('summary').click();
  await panel.getByRole('button', { name: 'Measure backends' }).click();
  const table = page.getByTestId('benchmark-table');
  await expect(table.locator('tbody tr')).toHaveCount(4, { timeout: 100_000 });
  await expect(table.locator('tr[data-backend="cpu"] td').first()).toHaveText(/^\d+\.\d\d$/);
  const chosen = await table.locator('tr.chosen').getAttribute('data-backend');
  expect(chosen).toBeTruthy();
  await expect(page.getByTestId('auto-backend')).toHaveText(chosen!);
  // The pick is the fastest measured backend; a software WebGPU adapter is not measured when others work.
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({ backend: tr.getAttribute('data-backend'), ms: Number(tr.children[1].textContent) })),
    );
  const fastest = Math.min(...rows.filter((r) => Number.isFinite(r.ms)).map((r) => r.ms));
  expect(rows.find((r) => r.backend === chosen)?.ms).toBe(fastest);
  await page.screenshot({ path: testInfo.outputPath('benchmark.png'), fullPage: true });
});

test('lesson 2 opens from the gallery, searches its tree and compares the set-ups on wasm', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await rememberBackend(page, 'wasm');
  await openLesson(page, 2);
  const tree = page.getByTestId('tree-view');
  await tree.getByRole('button', { name: 'Search tree' }).click();
  await expect(tree).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Compare set-ups' }).click();
  await expect(page.getByTestId('compare-setups')).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  await expect(page.getByTestId('compare-table').locator('tbody tr')).toHaveCount(4);
  await page.screenshot({ path: testInfo.outputPath('lesson-2-done.png'), fullPage: true });
  expect(errors).toEqual([]);
});

for (const lesson of [3, 4]) {
  test(`lesson ${lesson} opens from the gallery and runs all its experiments on wasm`, async ({ page }, testInfo) => {
    test.setTimeout(300_000);
    const errors = collectErrors(page);
    await rememberBackend(page, 'wasm');
    await openLesson(page, lesson);
    const experiments = await page.getByTestId('run-status').count();
    await page.getByRole('button', { name: 'Run all' }).click();
    for (let i = 0; i < experiments; i++)
      await expect(page.getByTestId('run-status').nth(i)).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
    await expect(page.getByTestId('backend-badge').first()).toHaveAttribute('data-backend', 'wasm');
    if (lesson === 4) await expect(page.getByTestId('trace-caption')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`lesson-${lesson}-done.png`), fullPage: true });
    expect(errors).toEqual([]);
  });
}
