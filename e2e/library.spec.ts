// The notebook library (issue 18) and "nothing is lost" (issue 21): whatever the user opens is added,
// never put over their own notebook; delete goes to a trash that restores; a full storage (mocked)
// keeps the notebook on screen, keeps its notice and warns before leaving.
import { expect, test, type Page } from '@playwright/test';
import { defaultNotebook, encodeNotebookLink, writeNotebookFile } from '../src/notebook/index.ts';

const titled = (title: string) => ({ ...defaultNotebook(), title });
const openFile = (page: Page, title: string) =>
  page.locator('input[type="file"]').setInputFiles({
    name: `${title}.tasklab.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(writeNotebookFile(titled(title))),
  });
const library = (page: Page) => page.getByRole('region', { name: 'Notebook library' });
const entryNames = (page: Page) =>
  library(page).getByTestId('library-entry').locator('td:first-child').allTextContents();

async function makeMine(page: Page) {
  await page.goto('/');
  await page.getByLabel('Notebook title').fill('Mine');
  await page.getByLabel('Seed').fill('42');
  await page.waitForTimeout(600); // autosave is debounced
}

test('files A and B, link C and lessons 1 → 2 → 3 each become a notebook; the first one is still there, intact', async ({
  page,
}, testInfo) => {
  await makeMine(page);
  await openFile(page, 'File A');
  await expect(page.getByLabel('Notebook title')).toHaveValue('File A');
  await openFile(page, 'File B');
  await expect(page.getByLabel('Notebook title')).toHaveValue('File B');
  await page.goto('about:blank');
  await page.goto(`/${encodeNotebookLink(titled('Link C')).hash}`);
  await expect(page.getByLabel('Notebook title')).toHaveValue('Link C');
  await expect(
    page.getByRole('status').filter({ hasText: 'your previous notebook was kept in the library' }),
  ).toBeVisible();
  expect(new URL(page.url()).hash).toBe(''); // a reload reopens this entry, not the link again

  for (const n of [1, 2, 3]) {
    const gallery = page.getByTestId('lesson-gallery');
    if (!(await gallery.getAttribute('open'))) await gallery.locator('summary').click();
    await page.getByRole('button', { name: new RegExp(`Open Lesson ${n} `) }).click();
    await expect(page.getByLabel('Notebook title')).toHaveValue(new RegExp(`^Lesson ${n}`));
  }

  await page.getByRole('button', { name: 'Notebook library' }).click();
  const names = await entryNames(page);
  expect(names).toHaveLength(7);
  for (const name of ['Mine', 'File A', 'File B', 'Link C']) expect(names.some((n) => n.startsWith(name))).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('library.png'), fullPage: true });

  await library(page).getByRole('button', { name: 'Mine', exact: true }).click();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Mine');
  await expect(page.getByLabel('Seed')).toHaveValue('42');
  await expect(page.locator('[data-cell-id]')).toHaveCount(4);
  await page.reload();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Mine');
});

test('search, rename, duplicate, delete to the trash and restore', async ({ page }) => {
  await makeMine(page);
  await openFile(page, 'Other');
  await page.getByRole('button', { name: 'Notebook library' }).click();
  await library(page).getByLabel('Search notebooks').fill('oth');
  expect(await entryNames(page)).toEqual(['Other (open)']);
  await library(page).getByLabel('Search notebooks').fill('');

  await library(page).getByRole('button', { name: 'Rename Mine' }).click();
  await library(page).getByLabel('New name for Mine').fill('Mine, renamed');
  await library(page).getByRole('button', { name: 'Save name' }).click();
  await library(page).getByRole('button', { name: 'Duplicate Mine, renamed' }).click();
  await expect(library(page).getByTestId('library-entry')).toHaveCount(3);
  expect((await entryNames(page)).sort()).toEqual(['Mine, renamed', 'Mine, renamed (copy)', 'Other (open)']);

  await library(page).getByRole('button', { name: 'Delete Mine, renamed', exact: true }).click();
  await expect(library(page).getByTestId('library-entry')).toHaveCount(2);
  await library(page)
    .getByText(/Trash \(1\)/)
    .click();
  await expect(library(page).getByTestId('trash-entry')).toContainText('Mine, renamed');
  await library(page).getByRole('button', { name: 'Restore Mine, renamed' }).click();
  await expect(library(page).getByTestId('library-entry')).toHaveCount(3);
  await library(page).getByRole('button', { name: 'Mine, renamed', exact: true }).click();
  await expect(page.getByLabel('Seed')).toHaveValue('42');

  // New (the panel stays open): a fresh notebook as one more entry; every entry is listed with its date and size.
  await library(page).getByRole('button', { name: 'New notebook' }).click();
  await expect(page.getByLabel('Seed')).not.toHaveValue('42');
  await expect(library(page).getByTestId('library-entry')).toHaveCount(4);
  for (const row of await library(page).getByTestId('library-entry').all()) {
    await expect(row).toContainText(/\b20\d\d\b/);
    await expect(row).toContainText(/\d+(\.\d)? (KB|MB|GB)/);
  }
});

test('storage full (mocked): the edit stays, the notice stays with Save file and what to delete, leaving warns', async ({
  page,
}, testInfo) => {
  // Every IndexedDB write fails with the browser's quota error while window.__storageFull is set.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      if ((window as unknown as { __storageFull?: boolean }).__storageFull)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await makeMine(page);
  await page.evaluate(() => ((window as unknown as { __storageFull: boolean }).__storageFull = true));
  await page.getByLabel('Notebook title').fill('Edited while full');
  const problem = page.getByTestId('storage-problem');
  await expect(problem).toContainText('storage for TaskLab is full');
  await expect(problem).toContainText('Largest notebooks: "Mine"');
  await expect(problem.getByRole('button', { name: 'Save file' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('storage-full.png') });

  // Another notice (a failed file import) does not replace it.
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'bad.tasklab.json', mimeType: 'application/json', buffer: Buffer.from('{}') });
  await expect(problem).toBeVisible();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Edited while full');

  const dialog = page.waitForEvent('dialog');
  void page.close({ runBeforeUnload: true });
  const shown = await dialog;
  expect(shown.type()).toBe('beforeunload');
  await shown.dismiss(); // stay on the page
  await expect(page.getByLabel('Notebook title')).toHaveValue('Edited while full');

  // Room made: the next edit is stored, and the notice goes only when dismissed.
  await page.evaluate(() => ((window as unknown as { __storageFull: boolean }).__storageFull = false));
  await page.getByLabel('Notebook title').fill('Stored again');
  await page.waitForTimeout(600);
  await expect(problem).toBeVisible();
  await problem.getByRole('button', { name: 'Dismiss' }).click();
  await expect(problem).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Stored again');
});

test('an autosave from before the library moves into it on first open', async ({ page }) => {
  // What older TaskLab versions left: the one autosave slot. Written from a static page of the same
  // origin, before the lab first starts: written after, it raced the lab's own start-up migration.
  await page.goto('/favicon.svg');
  const file = writeNotebookFile(titled('Old autosave'));
  await page.evaluate(async (text) => {
    const open = (name: string, store: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onupgradeneeded = () => request.result.createObjectStore(store);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const db = await open('tasklab-notebook', 'notebook');
    await new Promise((resolve) => {
      const tx = db.transaction('notebook', 'readwrite');
      tx.objectStore('notebook').put(text, 'current');
      tx.oncomplete = resolve;
    });
    db.close();
  }, file);
  await page.goto('/');
  // The autosave was the notebook open last, so it opens, now as a library entry.
  await expect(page.getByLabel('Notebook title')).toHaveValue('Old autosave');
  await page.getByRole('button', { name: 'Notebook library' }).click();
  await expect(library(page).getByTestId('library-entry').locator('td:first-child')).toHaveText([
    'Old autosave (open)',
  ]);
  await page.reload(); // moved once, not again
  await expect(page.getByLabel('Notebook title')).toHaveValue('Old autosave');
  await page.getByRole('button', { name: 'Notebook library' }).click();
  await expect(library(page).getByTestId('library-entry').locator('td:first-child')).toHaveText([
    'Old autosave (open)',
  ]);
});
