import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { synthesizeTrace } from '../src/engine/routing/synthetic.ts';
import { encodeBinaryTrace } from '../src/engine/routing/traceBinaryWrite.ts';
import { collectErrors, longTasksSince, observeLongTasks } from './helpers.ts';

const addTraceCell = async (page: import('@playwright/test').Page) => {
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'Routing trace' }).click();
  return page.locator('[data-cell-kind="trace"]').last();
};

test('the sample trace loads in a worker and every chart renders with E columns and one row per layer', async ({
  page,
}, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const cell = await addTraceCell(page);
  await cell.getByRole('button', { name: 'Load the sample trace' }).click();
  await expect(cell.getByTestId('trace-caption')).toContainText('4 MoE layers × 8 experts, top-2', { timeout: 30_000 });

  const load = cell.locator('[data-chart="load"] .heatmap');
  await expect(load).toHaveAttribute('data-rows', '4');
  await expect(load).toHaveAttribute('data-cols', '8');
  await expect(load.locator('rect.heatmap-cell')).toHaveCount(32);
  await expect(cell.locator('[data-chart="affinity"] .heatmap')).toHaveAttribute('data-cols', '8');
  await expect(cell.locator('[data-chart="domains"] .heatmap')).toHaveAttribute('data-rows', '3');
  // 4 layers + the whole model; every curve has a drawn path.
  const srp = cell.locator('[data-chart="srp"] .multi-line-chart');
  await expect(srp).toHaveAttribute('data-series', '5');
  await expect(srp.locator('g.curve path')).toHaveCount(5);
  for (const d of await srp.locator('g.curve path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? '')))
    expect(d).toMatch(/^M[\d.]+,[\d.]+L/);
  await expect(cell.locator('[data-chart="sch"] g.curve').first().locator('circle')).toHaveCount(8);
  await expect(srp.locator('svg[role="img"]')).toHaveAttribute('aria-label', /At m = 16: whole model 0\.\d+/);
  await expect(load.locator('svg[role="img"]')).toHaveAttribute('aria-label', /Most used: layer 0: expert \d/);

  // Issue 18: new segment lengths re-analyse the trace (a point per length on every SRP curve), and a
  // bad entry is named instead of ignored.
  const points = async () => ((await srp.locator('g.curve path').first().getAttribute('d')) ?? '').split('L').length;
  expect(await points()).toBe(3); // m = 4, 16, 64
  const segments = cell.getByLabel(/Segment lengths m/);
  await segments.fill('2, 4, 8, 16');
  await segments.press('Enter');
  await expect.poll(points, { timeout: 30_000 }).toBe(4);
  await segments.fill('4, x, 16');
  await segments.press('Enter');
  await expect(cell.getByRole('alert')).toContainText('"x" is not a whole number');
  await expect(segments).toHaveAttribute('aria-invalid', 'true');
  await segments.fill('4, 16, 64');
  await segments.press('Enter');
  await expect.poll(points, { timeout: 30_000 }).toBe(3);

  // The cell names the sample, so a reload analyses it again.
  await expect(cell.locator('.cell-header h2')).toHaveText('sample-4x8-top2.tlrt');
  await page.screenshot({ path: testInfo.outputPath('trace-sample.png'), fullPage: true });

  // A reopened notebook analyses the shipped sample again by itself.
  await page.waitForTimeout(700); // autosave is debounced
  await page.reload();
  await expect(page.locator('[data-cell-kind="trace"]').getByTestId('trace-caption')).toContainText(
    '4 MoE layers × 8 experts',
    { timeout: 30_000 },
  );
  expect(errors).toEqual([]);
});

test('a malformed trace shows where it breaks and the page stays usable', async ({ page }, testInfo) => {
  await page.goto('/');
  const cell = await addTraceCell(page);
  const sample = readFileSync(new URL('../public/traces/sample-4x8-top2.tlrt', import.meta.url));
  await cell
    .getByLabel('Choose a routing trace file')
    .setInputFiles({ name: 'broken.tlrt', mimeType: 'application/octet-stream', buffer: sample.subarray(0, 1000) });
  const alert = cell.getByRole('alert');
  await expect(alert).toContainText('Could not read “broken.tlrt”');
  await expect(alert).toContainText(/byte offset 1000/);

  const json = Buffer.from(
    '{"format":"tasklab-routing-trace","version":1,"numLayers":2,"numExperts":4,"topK":1,"sequences":[{"experts":[[[0],[7]]]}]}',
  );
  await cell
    .getByLabel('Choose a routing trace file')
    .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: json });
  await expect(alert).toContainText(/sequences\[0\].*expert id 7 is out of range 0\.\.3/);
  await page.screenshot({ path: testInfo.outputPath('trace-error.png'), fullPage: true });

  // Dropped on the drop zone rather than picked: the same reader, the same kind of message.
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(
      new File(['{"format":"something-else","version":1}'], 'dropped.json', { type: 'application/json' }),
    );
    return transfer;
  });
  await cell.locator('.trace-drop').dispatchEvent('drop', { dataTransfer });
  await expect(alert).toContainText(/Could not read “dropped\.json”: format/);

  // Still usable: the same cell loads the sample, and other cells can be added.
  await cell.getByRole('button', { name: 'Load the sample trace' }).click();
  await expect(cell.getByTestId('trace-caption')).toContainText('8 experts', { timeout: 30_000 });
  await expect(cell.getByRole('alert')).toHaveCount(0);
  const before = await page.locator('[data-cell-id]').count();
  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'Text' }).click();
  await expect(page.locator('[data-cell-id]')).toHaveCount(before + 1);

  // A user's file is named in the notebook, never stored: reopened, the cell asks for it.
  await cell.getByLabel('Choose a routing trace file').setInputFiles({
    name: 'mine.json',
    mimeType: 'application/json',
    buffer: readFileSync(new URL('../public/traces/sample-4x8-top2.json', import.meta.url)),
  });
  await expect(cell.getByTestId('trace-caption')).toContainText('mine.json');
  await page.waitForTimeout(700);
  await page.reload();
  const reopened = page.locator('[data-cell-kind="trace"]');
  await expect(reopened.getByRole('status')).toContainText('This cell analysed “mine.json” (47.7 kB)');
  await expect(reopened.getByRole('button', { name: 'Load the sample trace' })).toBeEnabled();
});

test('a large binary trace streams in a worker with progress, can be cancelled, and never blocks the page', async ({
  page,
}, testInfo) => {
  // 1024 sequences × 512 tokens × 8 layers, E = 16, top-2: 8.4 MB, several seconds of statistics. Given as a
  // file on disk: a buffer would be decoded by Playwright's own script on the page's main thread.
  const file = testInfo.outputPath('big.tlrt');
  writeFileSync(
    file,
    encodeBinaryTrace(
      synthesizeTrace({ numLayers: 8, numExperts: 16, topK: 2, numSequences: 1024, seqLength: 512, seed: 1 }),
    ),
  );
  await observeLongTasks(page);
  await page.goto('/');
  const cell = await addTraceCell(page);
  const input = cell.getByLabel('Choose a routing trace file');
  const progress = cell.locator('.job-progress');

  // The layers go to a pool of nested workers, one per core; Cancel must end every one of them.
  const layerWorkers: { url: string; closed: boolean }[] = [];
  page.on('worker', (worker) => {
    const entry = { url: worker.url(), closed: false };
    layerWorkers.push(entry);
    worker.on('close', () => (entry.closed = true));
  });
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await input.setInputFiles(file);
  const startedAt = await page.evaluate(() => performance.now());
  await expect(progress).toContainText(
    new RegExp(`Computing the statistics of big\\.tlrt: layer \\d of 8 \\(${cores} workers?\\)`),
  );
  // At once: the statistics take seconds, and a screenshot here once took long enough for them to end.
  await cell.getByRole('button', { name: 'Cancel' }).click();
  const cancelAt = await page.evaluate(() => performance.now());
  await expect(progress).toHaveCount(0);
  await expect(cell.getByTestId('trace-caption')).toHaveCount(0);
  const pool = () => layerWorkers.filter((w) => w.url.includes('traceLayer'));
  expect(pool()).toHaveLength(cores);
  await expect.poll(() => pool().filter((w) => !w.closed).length).toBe(0);
  // Reading and statistics (seconds) run in the worker: no page task comes near that. The bound leaves room
  // for the shared test machine stretching small tasks (seen: up to 128 ms while the worker holds a core).
  const longTasks = (await longTasksSince(page, startedAt)).filter((t) => t.start < cancelAt && t.duration > 250);
  expect(longTasks, JSON.stringify(longTasks)).toEqual([]);

  // Again, to the end this time.
  await input.setInputFiles(file);
  await expect(progress).toContainText('Computing the statistics of big.tlrt');
  await page.screenshot({ path: testInfo.outputPath('trace-progress.png'), fullPage: true });
  await expect(cell.getByTestId('trace-caption')).toContainText(
    '8 MoE layers × 16 experts, top-2; 1024 sequences, 524288 tokens',
    { timeout: 90_000 },
  );
  await expect(cell.locator('[data-chart="load"] .heatmap')).toHaveAttribute('data-cols', '16');
  await expect(cell.locator('[data-chart="load"] .heatmap')).toHaveAttribute('data-rows', '8');
});
