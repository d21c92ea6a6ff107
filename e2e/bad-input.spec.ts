import { expect, test } from '@playwright/test';
import { labUrl, TINY } from './helpers.ts';

test('an invalid spec in the URL is explained and nothing runs', async ({ page }) => {
  await page.goto(labUrl({ training: { steps: -5 } }));
  await expect(page.locator('.spec-form .field.invalid')).toContainText('Steps');
  await expect(page.locator('.spec-form .field.invalid')).toContainText('>=1');
  await expect(page.getByRole('button', { name: 'Start' })).toBeDisabled();
  // Fixing the field in the form makes the experiment runnable again.
  await page.getByLabel('Steps').fill('50');
  await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
});

test('URL spec that is not JSON gets a message', async ({ page }) => {
  await page.goto('/?spec=%7Bnot-json');
  await expect(page.getByRole('status').filter({ hasText: 'URL parameter "spec" is not valid JSON' })).toBeVisible();
});

test('a diverging run stops with a readable error naming the task', async ({ page }) => {
  await page.goto(labUrl({ training: { steps: 300, learningRate: 10, optimizer: 'sgd' } }, 'cpu'));
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-error')).toContainText(/Training diverged: the loss of task "task\d+"/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByRole('button', { name: 'Restart' })).toBeEnabled();
});

test.describe('a crashing worker', () => {
  // page.route cannot see requests a service worker answers: once the lab's service worker claims
  // the page, the worker script would come from its cache and never crash.
  test.use({ serviceWorkers: 'block' });

  test('a worker that dies is reported and the page stays usable', async ({ page }) => {
    await page.route(/train\.worker.*\.js$/, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("simulated crash while loading");' }),
    );
    await page.goto(labUrl(TINY, 'cpu'));
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('run-error')).toContainText('The training worker crashed');
    await expect(page.getByRole('button', { name: 'Restart' })).toBeEnabled();
    await page.unroute(/train\.worker.*\.js$/);
    await page.getByRole('button', { name: 'Restart' }).click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  });
});

test('a lesson link to a missing lesson says so and opens the lab as before', async ({ page }) => {
  await page.goto('/?lesson=no-such-lesson&hide=settings');
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'The lesson "no-such-lesson.tasklab.json" in the link could not be opened' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Planted clusters' })).toBeVisible();
});
