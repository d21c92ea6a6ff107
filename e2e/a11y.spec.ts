import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { labUrl, TINY } from './helpers.ts';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

test('the main views have no serious or critical axe violations', async ({ page }) => {
  await page.goto(labUrl(TINY, 'cpu'));
  await expect(page.getByRole('heading', { name: 'Planted clusters' })).toBeVisible();
  expect(await seriousViolations(page), 'start page').toEqual([]);

  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  expect(await seriousViolations(page), 'trained notebook with charts').toEqual([]);

  await page.getByTestId('backend-choice').locator('summary').click();
  expect(await seriousViolations(page), 'backend choice panel').toEqual([]);
});

test('presenter mode has no serious or critical axe violations', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Present' }).click();
  await page.getByRole('button', { name: 'QR code' }).click();
  await page.getByRole('button', { name: 'Hide controls…' }).click();
  expect(await seriousViolations(page), 'presenter mode').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('a11y-presenter.png'), fullPage: true });
});

test('usable at 1024×768 without horizontal scrolling, and every control is reachable by keyboard', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(labUrl(TINY, 'cpu'));
  await expect(page.getByRole('heading', { name: 'Planted clusters' })).toBeVisible();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('tablet-1024.png'), fullPage: true });

  // Tab through the page: every focus stop shows a visible outline, and Start is among them.
  const stops: { name: string; outlined: boolean }[] = [];
  await page.locator('h1').first().click(); // move the keyboard's starting point to the top of the page
  for (let i = 0; i < 200 && stops.at(-1)?.name !== 'body'; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        if (el === document.body) return { name: 'body', outlined: true }; // wrapped past the last control
        const style = getComputedStyle(el);
        return {
          name: el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 30) || el.tagName,
          outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        };
      }),
    );
  }
  expect(stops.filter((s) => !s.outlined).map((s) => s.name)).toEqual([]);
  expect(stops.map((s) => s.name)).toContain('Restart');
});

test('reduced motion turns transitions off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  const duration = await page.evaluate(() => getComputedStyle(document.body).transitionDuration);
  expect(parseFloat(duration)).toBeLessThan(0.001);
});
