// One zustand store for the lab, built from slices (STYLE.md: middleware only at the root).
import { create } from 'zustand';
import { createAffinityJobsSlice, type AffinityJobsSlice } from './affinityJobsSlice.ts';
import { createDraftsSlice, type DraftsSlice } from './draftsSlice.ts';
import { createNotebookSlice, type NotebookSlice } from './notebookSlice.ts';
import { createRunsSlice, type RunsSlice } from './runsSlice.ts';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice.ts';

export type LabState = NotebookSlice & DraftsSlice & RunsSlice & SettingsSlice & AffinityJobsSlice;

export const useLab = create<LabState>()((...args) => ({
  ...createNotebookSlice(...args),
  ...createDraftsSlice(...args),
  ...createRunsSlice(...args),
  ...createSettingsSlice(...args),
  ...createAffinityJobsSlice(...args),
}));
