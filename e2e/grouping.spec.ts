import { expect, test } from '@playwright/test';
import { collectErrors, labUrl } from './helpers.ts';

// Four planted tasks in two groups, a tiny MLP: a tree search and four set-ups train in seconds on cpu.
const PLANTED = {
  seed: 2,
  dataset: { kind: 'planted' as const, numTasks: 4, numGroups: 2, inputDim: 4, numSamples: 384, noise: 0.05 },
  model: { kind: 'shared-bottom' as const, hidden: [8], activation: 'tanh' as const },
  training: { steps: 80, batchSize: 32, learningRate: 0.02 },
};

test('the branching tree grows live, shows a task curve on click, and the set-ups compare in one click', async ({
  page,
}, testInfo) => {
  const errors = collectErrors(page);
  await page.goto(labUrl(PLANTED, 'cpu'));
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'Branching tree view' }).click();
  const view = page.getByTestId('tree-view');
  await expect(view).toHaveAttribute('data-status', 'idle');
  await view.getByLabel('Depth').fill('3');
  await view.getByLabel('Arity').fill('2');

  // Record every (blocks, status) state the tree passes through, from inside the page.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __treeStates: string[] }).__treeStates = seen;
    new MutationObserver(() => {
      const tree = document.querySelector('[data-testid="branch-tree"]');
      const status = document.querySelector('[data-testid="tree-view"]')?.getAttribute('data-status');
      if (!tree) return;
      const state = `${tree.getAttribute('data-blocks')}/${tree.getAttribute('data-leaves')}/${status}`;
      if (seen.at(-1) !== state) seen.push(state);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await view.getByRole('button', { name: 'Search tree' }).click();
  await expect(view).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  const tree = page.getByTestId('branch-tree');
  await expect(tree.getByTestId('tree-leaf')).toHaveCount(4);
  const states = await page.evaluate(() => (window as unknown as { __treeStates: string[] }).__treeStates);
  const parsed = states
    .map((s) => s.split('/'))
    .map(([blocks, leaves, status]) => ({ blocks: Number(blocks), leaves: Number(leaves), status }));
  const final = parsed.at(-1)!;
  expect(final.status).toBe('done');
  expect(final.blocks).toBeGreaterThanOrEqual(3); // at least one block per layer
  // While the search ran the tree was drawn with fewer blocks (splits still pending), always with every task as a leaf.
  expect(parsed.some((s) => s.status === 'running' && s.blocks < final.blocks)).toBe(true);
  expect(parsed.every((s) => s.leaves === 4)).toBe(true);
  const running = parsed.filter((s) => s.status === 'running').map((s) => s.blocks);
  expect(running).toEqual([...running].sort((a, b) => a - b));

  // Hover on the root block: its tasks and the affinity inside.
  await tree.getByTestId('tree-block').first().hover();
  await expect(tree.locator('.tree-readout')).toContainText('Tasks:');
  await expect(tree.locator('.tree-readout')).toContainText(/Mean affinity inside: -?\d/);

  // Click a leaf: that task's own loss curve.
  const leaf = tree.getByTestId('tree-leaf').nth(2);
  const task = await leaf.getAttribute('data-task');
  await leaf.click();
  await expect(page.getByTestId('task-curve')).toHaveAttribute('data-task', task!);
  await expect(page.getByTestId('task-curve').locator('path.loss-line')).toHaveCount(1);

  await view.getByRole('button', { name: 'Compare set-ups' }).click();
  const table = page.getByTestId('compare-table');
  await expect(page.getByTestId('compare-setups')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(table.locator('tbody tr')).toHaveCount(4);
  expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-setup')))).toEqual([
    'single',
    'shared',
    'groups',
    'tree',
  ]);
  await expect(page.getByTestId('setup-bar-chart').locator('rect')).toHaveCount(16);
  await page.screenshot({ path: testInfo.outputPath('grouping.png'), fullPage: true });

  // A new search can be cancelled; the previous tree and its leaves stay.
  await view.getByRole('button', { name: 'Search again' }).click();
  await expect(view).toHaveAttribute('data-status', 'running');
  await view.getByRole('button', { name: 'Cancel search' }).click();
  await expect(view.getByText('Search cancelled; showing the previous tree.')).toBeVisible();
  await expect(view).toHaveAttribute('data-status', 'done');
  await expect(tree.getByTestId('tree-leaf')).toHaveCount(4);
  await expect(table.locator('tbody tr')).toHaveCount(4);
  expect(errors).toEqual([]);
});

// Three CLRS-lite graph tasks and a 2-round GNN: the search branches the processor's rounds.
const CLRS_TINY = {
  seed: 1,
  dataset: {
    kind: 'clrs-lite' as const,
    numGraphs: 96,
    numNodes: [5, 7] as [number, number],
    edgeProbability: [0.2, 0.45] as [number, number],
    connectedFraction: 0.5,
    tasks: ['bfs-reach' as const, 'bfs-hops' as const, 'mst' as const],
  },
  model: { kind: 'gnn' as const, hidden: 8, layers: 2, aggregation: 'mean' as const },
  training: { steps: 20, batchSize: 16, learningRate: 0.01 },
};

test('on CLRS-lite graph tasks the tree grows over the GNN rounds and the set-ups compare', async ({
  page,
}, testInfo) => {
  test.setTimeout(600_000); // four GNN trainings on the page's cpu backend
  const errors = collectErrors(page);
  await page.goto(labUrl(CLRS_TINY, 'cpu'));
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });

  await page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: 'Branching tree view' }).click();
  const view = page.getByTestId('tree-view');
  await view.getByLabel('Depth').fill('2');
  await view.getByLabel('Arity').fill('2');
  await view.getByRole('button', { name: 'Search tree' }).click();
  await expect(view).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  const tree = page.getByTestId('branch-tree');
  await expect(tree.getByTestId('tree-leaf')).toHaveCount(3);
  expect(Number(await tree.getAttribute('data-blocks'))).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: testInfo.outputPath('grouping-clrs-tree.png'), fullPage: true });

  await view.getByRole('button', { name: 'Compare set-ups' }).click();
  await expect(page.getByTestId('compare-setups')).toHaveAttribute('data-status', 'done', { timeout: 400_000 });
  const table = page.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('setup-bar-chart').locator('rect')).toHaveCount(12);
  await page.screenshot({ path: testInfo.outputPath('grouping-clrs.png'), fullPage: true });
  expect(errors).toEqual([]);
});
