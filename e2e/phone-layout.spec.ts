// Issue 18: on a 390-px phone every cell control is reachable. Adds one cell of every kind the Add
// menu offers (views of a trained run and of an untrained MoE experiment included), opens every
// disclosure, then walks every control of every cell: each must lie inside the screen's width, or
// inside a horizontally scrolling box that does (a wide table the user can scroll).
import { expect, test } from '@playwright/test';
import { labUrl, TINY } from './helpers.ts';

/** Controls of the cells that neither lie inside the screen width nor inside a scroller that does. */
const unreachableControls = () =>
  [
    ...document.querySelectorAll<HTMLElement>(
      '.cell :is(button, input, select, textarea, a[href], summary, [role="button"], [tabindex="0"])',
    ),
  ]
    .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    .filter((el) => {
      const width = document.documentElement.clientWidth;
      const inside = (r: DOMRect) => r.left >= -1 && r.right <= width + 1;
      if (inside(el.getBoundingClientRect())) return false;
      for (let box = el.parentElement; box; box = box.parentElement) {
        const overflow = getComputedStyle(box).overflowX;
        if ((overflow === 'auto' || overflow === 'scroll') && box.scrollWidth > box.clientWidth)
          return !inside(box.getBoundingClientRect());
      }
      return true;
    })
    .map(
      (el) =>
        `${el.closest('.cell')?.getAttribute('aria-label') ?? 'cell'}: ${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}" at ${Math.round(el.getBoundingClientRect().left)}–${Math.round(el.getBoundingClientRect().right)} px`,
    );

test('on a 390-px phone every control of every kind of cell is reachable', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(labUrl(TINY, 'cpu'));
  await page.getByRole('heading', { name: 'Planted clusters' }).waitFor();
  // A finished run, so its views show their controls, not only "start the run first".
  await page.getByRole('button', { name: 'Start' }).first().click();
  await page.waitForSelector('[data-testid="run-status"][data-status="done"]', { timeout: 120_000, state: 'attached' });

  const menu = page.getByRole('group', { name: 'Add a cell' });
  const added: string[] = [];
  // The MoE experiment first: the unlearning and knockout views need it as the last experiment.
  for (const name of [
    'Text',
    'Experiment',
    'Loss curves view',
    'Results view',
    'Affinity view',
    'Branching tree view',
    'Sweep',
    'Compare runs',
    'Routing trace',
    'MoE experiment',
    'Routing view',
    'Expert health view',
    'Unlearning view',
    'Knockout view',
  ]) {
    const button = menu.getByRole('button', { name, exact: true });
    await expect(button, name).toBeEnabled();
    await button.click();
    added.push(name);
  }
  // A short MoE run, so the unlearning and knockout views show their controls.
  const moe = page.getByRole('region', { name: 'Experiment cell: MoE language model' });
  await moe.getByLabel('Steps', { exact: true }).fill('8');
  await moe.getByRole('button', { name: 'Start' }).click();
  await moe.locator('[data-testid="run-status"][data-status="done"]').waitFor({ timeout: 120_000, state: 'attached' });
  await expect(
    page
      .getByRole('region', { name: /^View cell: Unlearning/ })
      .getByRole('button')
      .first(),
  ).toBeVisible();
  const dataButtons = menu.getByRole('button', { name: / data$/ });
  for (let i = 0; i < (await dataButtons.count()); i++) await dataButtons.nth(i).click();
  expect(added).toHaveLength(14);
  await page.evaluate(() =>
    document.querySelectorAll('.cell details').forEach((d) => ((d as HTMLDetailsElement).open = true)),
  );
  await page.waitForTimeout(500);

  const kinds = await page
    .locator('.cell')
    .evaluateAll((cells) => new Set(cells.map((c) => c.getAttribute('data-cell-kind'))).size);
  expect(kinds).toBeGreaterThanOrEqual(6);
  const unreachable = await page.evaluate(unreachableControls);
  await page.screenshot({ path: test.info().outputPath('phone.png'), fullPage: true });
  expect(unreachable).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
