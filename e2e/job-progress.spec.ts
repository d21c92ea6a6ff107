// A big table import shows its progress and can be cancelled (issues 18 and 19): a JSON file of tens of
// MB, generated in the page (not committed), is dropped on the notebook; the dialog's progress bar must
// take several values on its way (the chunked JSON parser reports about every MB), and the preview must
// open. A second big file is cancelled mid-parse: the dialog closes for good and the notebook is as it was.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './helpers.ts';

/** Drops a generated file of about `megabytes` MB on the notebook; the text is built inside the page. */
async function dropGenerated(page: Page, kind: 'json' | 'csv', megabytes: number) {
  const dataTransfer = await page.evaluateHandle(
    ({ kind, megabytes }) => {
      const parts: string[] = [];
      let size = 0;
      for (let i = 0; size < megabytes * 2 ** 20; i++) {
        const x = ((i * 37) % 1009) / 1009;
        const part =
          kind === 'json'
            ? `{"id":${i},"x1":${x.toFixed(6)},"x2":${(1 - x).toFixed(6)},"city":"c ${i % 7}, [\\"q\\"]","y":${(2 * x).toFixed(6)}}`
            : `${i},${x.toFixed(6)},${(1 - x).toFixed(6)},c${i % 7},${(2 * x).toFixed(6)}`;
        parts.push(part);
        size += part.length + 1;
      }
      const text = kind === 'json' ? `[${parts.join(',\n')}]` : `id,x1,x2,city,y\n${parts.join('\n')}`;
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], `big.${kind}`, { type: kind === 'json' ? 'application/json' : 'text/csv' }));
      return { transfer, rows: parts.length, bytes: text.length };
    },
    { kind, megabytes },
  );
  const { rows, bytes } = await dataTransfer.evaluate((d) => ({ rows: d.rows, bytes: d.bytes }));
  const transfer = await dataTransfer.evaluateHandle((d) => d.transfer);
  const notebook = page.getByTestId('notebook');
  const started = Date.now();
  for (const type of ['dragenter', 'dragover', 'drop']) await notebook.dispatchEvent(type, { dataTransfer: transfer });
  return { rows, bytes, started };
}

/** Records every value the parse progress bar shows, each animation frame, from page start. */
async function recordProgressValues(page: Page) {
  await page.addInitScript(() => {
    const seen: { value: number; max: number }[] = [];
    (window as unknown as { __progress: typeof seen }).__progress = seen;
    const look = () => {
      const bar = document.querySelector<HTMLProgressElement>('[data-testid="table-parse-progress"] progress');
      const last = seen.at(-1);
      if (bar?.hasAttribute('value') && (bar.value !== last?.value || bar.max !== last?.max))
        seen.push({ value: bar.value, max: bar.max });
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}

const progressSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __progress: { value: number; max: number }[] }).__progress.splice(0));

const cellKinds = (page: Page) =>
  page.locator('[data-cell-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-cell-kind')));

test('a big JSON import shows a moving progress bar and opens; a cancelled import leaves the notebook intact', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  await recordProgressValues(page);
  await page.goto('/');
  await expect(page.locator('[data-cell-id]')).toHaveCount(4);
  const before = await cellKinds(page);

  const json = await dropGenerated(page, 'json', 30);
  const dialog = page.getByRole('dialog', { name: 'Data: big.json' });
  await expect(dialog.getByRole('progressbar', { name: 'Parsing progress' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(dialog).toContainText(`${json.rows.toLocaleString('en')} rows × 5 columns`, { timeout: 60_000 });
  const seconds = (Date.now() - json.started) / 1000;
  const values = await progressSeen(page);
  testInfo.annotations.push({
    type: 'measured',
    description: `${(json.bytes / 2 ** 20).toFixed(1)} MB JSON, ${json.rows} rows: drop → preview ${seconds.toFixed(1)} s; progress values seen: ${values.length}`,
  });
  console.log(testInfo.annotations.at(-1)!.description);
  // The bar moved: several different fractions of the text, strictly between none and all of it.
  const partial = new Set(values.filter((v) => v.value > 0 && v.value < v.max).map((v) => v.value));
  expect(partial.size).toBeGreaterThanOrEqual(2);
  expect(values.every((v, i) => i === 0 || v.value >= values[i - 1].value)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('1-preview.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await cellKinds(page)).toEqual(before);

  // Cancel mid-parse: once the bar shows progress, Cancel; the dialog stays closed (the worker is gone,
  // so no late preview can reopen it) and the notebook has not changed.
  await dropGenerated(page, 'csv', 30);
  const csvDialog = page.getByRole('dialog', { name: 'Data: big.csv' });
  await expect
    .poll(async () => (await progressSeen(page)).some((v) => v.value > 0 && v.value < v.max), { timeout: 30_000 })
    .toBe(true);
  await page.screenshot({ path: testInfo.outputPath('2-parsing.png') });
  await csvDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(csvDialog).toBeHidden();
  await page.waitForTimeout(3000);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await cellKinds(page)).toEqual(before);
  expect(errors).toEqual([]);
});
