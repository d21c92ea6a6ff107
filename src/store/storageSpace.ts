// The browser's storage for the lab: asking to keep it (so autosave and kept tables are not
// evicted), warning when it is nearly full with what takes the space, and wording a failed write.
import type { LibraryEntry } from './notebookLibrary.ts';
import type { StorageProblem } from './librarySlice.ts';

/** Share of the quota above which the lab warns. */
export const NEARLY_FULL = 0.8;

export const isQuotaError = (error: unknown) =>
  error instanceof Error && (error.name === 'QuotaExceededError' || /quota/i.test(error.message));

export const formatBytes = (n: number) =>
  n >= 1e9
    ? `${(n / 1e9).toFixed(1)} GB`
    : n >= 1e6
      ? `${(n / 1e6).toFixed(1)} MB`
      : `${Math.max(1, Math.round(n / 1e3))} KB`;

/** The largest notebooks (trash included: emptying it frees space too), biggest first. */
export const largestEntries = (entries: LibraryEntry[], count = 3) =>
  [...entries].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, count);

/** What to tell the user when a write failed; quota errors say what to delete, others what failed. */
export function storageProblem(what: string, error: unknown, entries: LibraryEntry[]): StorageProblem {
  if (!isQuotaError(error))
    return { message: `${what} failed: ${(error as Error)?.message ?? String(error)}`, largest: [] };
  const largest = largestEntries(entries);
  return {
    message: `${what} failed: the browser's storage for TaskLab is full. Nothing was lost: the notebook is still open here. Use Save file to keep it, then delete notebooks you no longer need from the library (or empty the trash) to make room.`,
    largest,
  };
}

/** Asks the browser to keep the lab's storage; returns the answer (false where not supported). */
export async function requestPersistentStorage(storage = globalThis.navigator?.storage): Promise<boolean> {
  try {
    if (!storage?.persist) return false;
    return (await storage.persisted?.()) || (await storage.persist());
  } catch {
    return false;
  }
}

/** "Storage is 85 % full …" when usage passes NEARLY_FULL of the quota, naming what uses the space. */
export async function nearlyFullWarning(
  entries: LibraryEntry[],
  storage = globalThis.navigator?.storage,
): Promise<string | undefined> {
  const estimate = await storage?.estimate?.().catch(() => undefined);
  if (!estimate?.quota || estimate.usage === undefined) return undefined;
  const share = estimate.usage / estimate.quota;
  if (share < NEARLY_FULL) return undefined;
  const notebooks = entries.reduce((sum, e) => sum + e.sizeBytes, 0);
  const biggest = largestEntries(entries)
    .map((e) => `"${e.title}" ${formatBytes(e.sizeBytes)}${e.deletedAt ? ' (in the trash)' : ''}`)
    .join(', ');
  return (
    `Storage is ${Math.round(share * 100)} % full (${formatBytes(estimate.usage)} of ${formatBytes(estimate.quota)}). ` +
    `Notebooks take ${formatBytes(notebooks)}${biggest ? ` (largest: ${biggest})` : ''}; the rest is run history and kept tables. ` +
    'Delete notebooks or runs you no longer need, or Save file to keep a copy outside the browser.'
  );
}
