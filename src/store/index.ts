// One zustand store for the lab, built from slices (STYLE.md: middleware only at the root).
import { create } from 'zustand';
import { createDraftsSlice, type DraftsSlice } from './draftsSlice.ts';
import { createImportSlice, type ImportSlice } from './importSlice.ts';
import { createNotebookSlice, type NotebookSlice } from './notebookSlice.ts';
import { createRunsSlice, type RunsSlice } from './runsSlice.ts';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice.ts';
import { createJobsSlice, type JobsSlice } from './jobsSlice.ts';
import { createLibrarySlice, type LibrarySlice } from './librarySlice.ts';
import {
  createBackendPreferenceSlice,
  rememberBackendPreference,
  type BackendPreferenceSlice,
} from './backendPreference.ts';

export type LabState = NotebookSlice &
  DraftsSlice &
  RunsSlice &
  SettingsSlice &
  ImportSlice &
  JobsSlice &
  LibrarySlice &
  BackendPreferenceSlice;

export const useLab = create<LabState>()((...args) => ({
  ...createNotebookSlice(...args),
  ...createDraftsSlice(...args),
  ...createRunsSlice(...args),
  ...createSettingsSlice(...args),
  ...createImportSlice(...args),
  ...createJobsSlice(...args),
  ...createLibrarySlice(...args),
  ...createBackendPreferenceSlice(...args),
}));

rememberBackendPreference(useLab);
