// Every job kind on WebGPU (SwiftShader) against wasm: the same notebook, opened with
// ?backend=wasm and ?backend=webgpu in two pages side by side, runs its experiments and then every
// job its views offer, started together: a routed MMoE's lookahead (live), Grad-TAG, the truth,
// the branching search and the set-up comparison; unlearning and knockout of a tiny MoE language
// model. Values are read from the views (heatmap cells' data-value, the tables' numbers) and
// compared between the backends; every job's backend line must name the page's backend.
//
// Tolerances (float32 kernels sum in different orders, and differences grow over training):
// matrices to 1e-3 absolute + 2 % relative; tables as shown (3 decimals) to 0.01 absolute + 2 %
// relative; the branching tree and the attributed expert must be identical. Measured differences
// are logged.
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { encodeNotebookLink } from '../src/notebook/link.ts';
import type { Notebook } from '../src/notebook/schema.ts';
import { ExperimentSpec } from '../src/protocol/index.ts';
import { collectErrors } from './helpers.ts';

const PLANTED = { kind: 'planted', numTasks: 3, numGroups: 2, inputDim: 6, numSamples: 96, noise: 0.05 } as const;
const TRAINING = { steps: 24, batchSize: 32, learningRate: 0.02 };
/** A routed model (MMoE): lookahead, measured live while it trains. */
const ROUTED = ExperimentSpec.parse({
  name: 'Routed planted',
  seed: 5,
  dataset: PLANTED,
  model: { kind: 'mmoe', numExperts: 3, expertHidden: 8, expertOutput: 8, towerHidden: 8 },
  training: TRAINING,
  affinity: { method: 'lookahead', every: 4 },
});
/**
 * Grad-TAG and the brute-force truth (7 trainings of 50 full-batch steps for 3 tasks) on a shared-bottom
 * MLP: on SwiftShader the MMoE's truth alone ran over 3 minutes, and its Grad-TAG over 4 (one forward
 * with an asynchronous routing read per sample).
 */
const PLAIN = ExperimentSpec.parse({
  ...ROUTED,
  name: 'Plain planted',
  model: { kind: 'shared-bottom', hidden: [16] },
});
/** The branching search and the set-up comparison: 4 tasks in 2 planted groups, which the search splits. */
const GROUPED = ExperimentSpec.parse({ ...PLAIN, name: 'Four tasks', dataset: { ...PLANTED, numTasks: 4 } });
const LM = ExperimentSpec.parse({
  name: 'Tiny MoE LM',
  seed: 5,
  dataset: { kind: 'text', domains: ['prose', 'code', 'numbers'], windowLength: 8, numSamples: 48 },
  model: { kind: 'moe-lm', dModel: 8, numHeads: 1, numLayers: 1, numExperts: 3, expertHidden: 8, router: 'topk', k: 1 },
  training: { steps: 8, batchSize: 8, learningRate: 0.01, validationFraction: 0.1 },
});
const view = (id: string, chart: 'affinity' | 'tree' | 'unlearning' | 'knockout', cellId: string) =>
  ({ id, kind: 'view', chart, source: { type: 'cell', cellId } }) as const;
const AFFINITY_AND_GROUPING: Notebook = {
  title: 'Affinity and grouping jobs',
  cells: [
    { id: 'routed', kind: 'experiment', spec: ROUTED },
    view('aff', 'affinity', 'routed'),
    { id: 'plain', kind: 'experiment', spec: PLAIN },
    view('plain-affinity', 'affinity', 'plain'),
    { id: 'grouped', kind: 'experiment', spec: GROUPED },
    view('tree', 'tree', 'grouped'),
  ],
};
const MOE: Notebook = {
  title: 'Expert jobs',
  cells: [{ id: 'lm', kind: 'experiment', spec: LM }, view('unl', 'unlearning', 'lm'), view('ko', 'knockout', 'lm')],
};

/** Every heatmap cell under `scope`, keyed by figure index, row and column. */
const heatmapValues = (scope: Locator) =>
  scope
    .locator('figure.heatmap')
    .evaluateAll((figures) =>
      Object.fromEntries(
        figures.flatMap((figure, f) =>
          [...figure.querySelectorAll('rect.heatmap-cell[data-value]')].map((rect) => [
            `${f}:${rect.getAttribute('data-row')}→${rect.getAttribute('data-col')}`,
            Number(rect.getAttribute('data-value')),
          ]),
        ),
      ),
    );

/** The numbers in each body row of a table, keyed by the row's first cell; `skipLast` drops trailing columns (times). */
const tableNumbers = (table: Locator, skipLast = 0) =>
  table.locator('tbody tr').evaluateAll(
    (rows, skip) =>
      Object.fromEntries(
        rows.map((row) => {
          const cells = [...row.querySelectorAll('th, td')].map((c) => c.textContent ?? '');
          const kept = cells.slice(1, cells.length - skip).join(' ');
          return [
            cells[0].trim(),
            (kept.match(/-?\d[\d,]*\.?\d*(e-?\d+)?/g) ?? []).map((n) => Number(n.replace(/,/g, ''))),
          ];
        }),
      ),
    skipLast,
  );

const cell = (page: Page, id: string) => page.locator(`[data-cell-id="${id}"]`);

/** Opens `notebook` on `backend` and runs all its experiments. */
async function openAndRunAll(browser: Browser, notebook: Notebook, backend: string) {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  const started = Date.now();
  const log = (what: string) => console.log(`${backend}: ${what} at ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await page.goto(`/?backend=${backend}${encodeNotebookLink(notebook).hash}`);
  await page.getByRole('button', { name: 'Run all' }).click();
  for (const experiment of notebook.cells.filter((c) => c.kind === 'experiment'))
    await expect(cell(page, experiment.id).getByTestId('run-status').first()).toHaveAttribute('data-status', 'done', {
      timeout: 120_000,
    });
  log('runs done');
  return { page, errors, log };
}

/** Every job's one-line backend: all on `backend`, nothing skipped; returns how many jobs said so. */
async function jobBackends(page: Page, backend: string) {
  const lines = page.getByTestId('job-backend');
  const texts = await lines.allTextContents();
  expect(await lines.evaluateAll((els) => els.map((e) => e.getAttribute('data-backend'))), texts.join('\n')).toEqual(
    Array(texts.length).fill(backend),
  );
  expect(texts.join('\n')).not.toContain('skipped');
  return texts.length;
}

const done = (locator: Locator) => expect(locator).toHaveAttribute('data-status', 'done', { timeout: 240_000 });

async function affinityAndGrouping(browser: Browser, backend: 'wasm' | 'webgpu') {
  const { page, errors, log } = await openAndRunAll(browser, AFFINITY_AND_GROUPING, backend);
  // Start every job; each runs in its own worker, at the same time.
  const affinity = cell(page, 'aff').getByTestId('affinity-view');
  await expect(affinity.getByTestId('affinity-summary')).toContainText('Lookahead affinity');
  const lookahead = await heatmapValues(affinity);
  const plain = cell(page, 'plain-affinity').getByTestId('affinity-view');
  const job = plain.getByTestId('affinity-job');
  await plain.getByRole('radio', { name: 'Grad-TAG' }).check();
  await plain.getByRole('button', { name: 'Compute Grad-TAG' }).click();
  await expect(job).toHaveAttribute('data-status', 'running');
  await plain.getByRole('radio', { name: 'Truth' }).check();
  await plain.getByRole('button', { name: 'Compute truth' }).click();
  const anyway = plain.getByRole('button', { name: 'Compute anyway' });
  if (await anyway.isVisible()) await anyway.click();
  const tree = cell(page, 'tree').getByTestId('tree-view');
  await tree.getByLabel('Depth').fill('2');
  await tree.getByRole('button', { name: 'Search tree' }).click();
  await done(tree);
  log('tree search done');
  const compare = cell(page, 'tree').getByTestId('compare-setups');
  await compare.getByRole('button', { name: 'Compare set-ups' }).click();
  await done(job);
  log('truth done');
  const truth = await heatmapValues(plain);
  await expect(plain.getByTestId('job-backend')).toHaveAttribute('data-backend', backend);
  await plain.getByRole('radio', { name: 'Grad-TAG' }).check();
  await done(job);
  log('Grad-TAG done');
  await done(compare);
  log('compare set-ups done');
  // The view shows one method's job line at a time: Grad-TAG's now, truth's was checked by its heatmap.
  const jobs = await jobBackends(page, backend);
  await page.screenshot({ path: test.info().outputPath(`affinity-grouping-${backend}.png`), fullPage: true });
  const result = {
    jobs,
    lookahead,
    gradTag: await heatmapValues(plain),
    truth,
    tree: (await tree.getByTestId('branch-tree').getByRole('img').first().getAttribute('aria-label')) ?? '',
    compare: await tableNumbers(compare.getByTestId('compare-table'), 1),
    errors,
  };
  await page.close();
  return result;
}

async function expertJobs(browser: Browser, backend: 'wasm' | 'webgpu') {
  const { page, errors, log } = await openAndRunAll(browser, MOE, backend);
  const unlearning = cell(page, 'unl').getByTestId('unlearning-view');
  await unlearning.getByRole('combobox', { name: 'Domain to forget' }).selectOption('numbers');
  await unlearning.getByRole('spinbutton', { name: 'Unlearning steps' }).fill('2');
  await unlearning.getByRole('button', { name: 'Unlearn' }).click();
  const knockout = cell(page, 'ko').getByTestId('knockout-view');
  await knockout.getByRole('button', { name: /^Knock out/ }).click();
  await done(unlearning);
  log('unlearning done');
  await done(knockout);
  log('knockout done');
  const jobs = await jobBackends(page, backend);
  await page.screenshot({ path: test.info().outputPath(`experts-${backend}.png`), fullPage: true });
  const result = {
    jobs,
    unlearnCaption: (await unlearning.getByTestId('unlearn-summary').locator('caption').textContent()) ?? '',
    unlearnSummary: await tableNumbers(unlearning.getByTestId('unlearn-summary')),
    retain: await tableNumbers(unlearning.getByTestId('retain-table')),
    unlearnMaps: await heatmapValues(unlearning),
    knockout: await heatmapValues(knockout),
    errors,
  };
  await page.close();
  return result;
}

/** The largest difference between two keyed sets of numbers beyond `abs + rel·|wasm|` (≤ 0 when within). */
function worstExcess(
  name: string,
  wasm: Record<string, number | number[]>,
  gpu: Record<string, number | number[]>,
  abs: number,
  rel: number,
) {
  expect(Object.keys(gpu).sort(), name).toEqual(Object.keys(wasm).sort());
  expect(Object.keys(wasm).length, `${name} has values`).toBeGreaterThan(0);
  let maxDiff = 0;
  let excess = -Infinity;
  for (const key of Object.keys(wasm)) {
    const a = [wasm[key]].flat();
    const b = [gpu[key]].flat();
    expect(b.length, `${name} ${key}`).toBe(a.length);
    a.forEach((v, i) => {
      const diff = Math.abs(v - b[i]);
      maxDiff = Math.max(maxDiff, diff);
      excess = Math.max(excess, diff - (abs + rel * Math.abs(v)));
    });
  }
  console.log(`${name}: max |webgpu − wasm| = ${maxDiff.toExponential(2)}`);
  return excess;
}

// Matrices: 1e-3 absolute + 2 % relative; tables (3 decimals shown): 0.01 absolute + 2 % relative.
const MATRIX_TOLERANCE = [1e-3, 0.02] as const;
const TABLE_TOLERANCE = [0.01, 0.02] as const;

test("affinity (an MMoE's lookahead, Grad-TAG, truth), branching and set-ups: WebGPU gives wasm's results", async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const [wasm, webgpu] = await Promise.all([
    affinityAndGrouping(browser, 'wasm'),
    affinityAndGrouping(browser, 'webgpu'),
  ]);
  expect([wasm.jobs, webgpu.jobs]).toEqual([3, 3]); // Grad-TAG, search, comparison
  for (const name of ['lookahead', 'gradTag', 'truth'] as const)
    expect(worstExcess(name, wasm[name], webgpu[name], ...MATRIX_TOLERANCE), name).toBeLessThanOrEqual(0);
  expect(worstExcess('compare', wasm.compare, webgpu.compare, ...TABLE_TOLERANCE), 'compare').toBeLessThanOrEqual(0);
  // The tree's summary names its blocks layer by layer.
  const blocks = (label: string) => label.match(/Layer \d+: [^.]*/g) ?? [];
  console.log(`tree, wasm: ${blocks(wasm.tree).join('; ')}; webgpu: ${blocks(webgpu.tree).join('; ')}`);
  expect(blocks(wasm.tree)).toHaveLength(2);
  expect(blocks(wasm.tree)[1]).toContain('} {'); // the planted groups were split
  expect(blocks(webgpu.tree)).toEqual(blocks(wasm.tree));
  expect(wasm.errors).toEqual([]);
  expect(webgpu.errors).toEqual([]);
});

test("unlearning and knockout of a routed MoE language model: WebGPU gives wasm's results", async ({ browser }) => {
  test.setTimeout(360_000);
  const [wasm, webgpu] = await Promise.all([expertJobs(browser, 'wasm'), expertJobs(browser, 'webgpu')]);
  expect([wasm.jobs, webgpu.jobs]).toEqual([2, 2]);
  for (const name of ['unlearnMaps', 'knockout'] as const)
    expect(worstExcess(name, wasm[name], webgpu[name], ...MATRIX_TOLERANCE), name).toBeLessThanOrEqual(0);
  for (const name of ['unlearnSummary', 'retain'] as const)
    expect(worstExcess(name, wasm[name], webgpu[name], ...TABLE_TOLERANCE), name).toBeLessThanOrEqual(0);
  const expert = (caption: string) => caption.match(/expert e\d+ of layer \d+/)?.[0];
  expect(expert(wasm.unlearnCaption)).toBeDefined();
  expect(expert(webgpu.unlearnCaption)).toBe(expert(wasm.unlearnCaption));
  expect(wasm.errors).toEqual([]);
  expect(webgpu.errors).toEqual([]);
});
