import { describe, expect, it } from 'vitest';
import type { LibraryEntry } from './notebookLibrary.ts';
import { isQuotaError, nearlyFullWarning, requestPersistentStorage, storageProblem } from './storageSpace.ts';

const entry = (title: string, sizeBytes: number, deletedAt?: number): LibraryEntry => ({
  id: title,
  title,
  origin: 'new',
  createdAt: 0,
  updatedAt: 0,
  sizeBytes,
  deletedAt,
});
const entries = [entry('Small', 2_000), entry('Huge', 3_200_000), entry('Old', 1_500_000, 5)];
const fakeStorage = (usage: number, quota: number, persisted = false) => {
  const calls: string[] = [];
  return {
    calls,
    storage: {
      estimate: async () => ({ usage, quota }),
      persisted: async () => (calls.push('persisted'), persisted),
      persist: async () => (calls.push('persist'), true),
    } as unknown as StorageManager,
  };
};

describe('storage space', () => {
  it('asks the browser to persist storage unless it already does', async () => {
    const fresh = fakeStorage(0, 1);
    expect(await requestPersistentStorage(fresh.storage)).toBe(true);
    expect(fresh.calls).toEqual(['persisted', 'persist']);
    const kept = fakeStorage(0, 1, true);
    expect(await requestPersistentStorage(kept.storage)).toBe(true);
    expect(kept.calls).toEqual(['persisted']);
    expect(await requestPersistentStorage(undefined)).toBe(false);
  });

  it('warns past 80 % of the quota, naming the largest notebooks', async () => {
    expect(await nearlyFullWarning(entries, fakeStorage(79e6, 100e6).storage)).toBeUndefined();
    const warning = await nearlyFullWarning(entries, fakeStorage(92e6, 100e6).storage);
    expect(warning).toContain('Storage is 92 % full (92.0 MB of 100.0 MB)');
    expect(warning).toContain('largest: "Huge" 3.2 MB, "Old" 1.5 MB (in the trash), "Small" 2 KB');
  });

  it('words a quota error with what to delete, and other errors as they are', () => {
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    expect(isQuotaError(quota)).toBe(true);
    const full = storageProblem('Autosave of "Mine"', quota, entries);
    expect(full.message).toContain('storage for TaskLab is full');
    expect(full.largest.map((e) => e.title)).toEqual(['Huge', 'Old', 'Small']);
    expect(storageProblem('Autosave', new Error('disk on fire'), entries)).toEqual({
      message: 'Autosave failed: disk on fire',
      largest: [],
    });
  });
});
