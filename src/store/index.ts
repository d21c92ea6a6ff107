// One zustand store for the lab, built from slices (STYLE.md: middleware only at the root).
import { create } from 'zustand';
import { createExperimentSlice, validationErrors, type ExperimentSlice } from './experimentSlice.ts';
import { createRunsSlice, type RunsSlice } from './runsSlice.ts';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice.ts';
import { readUrlExperiment } from './urlSpec.ts';

export type LabState = RunsSlice & SettingsSlice & ExperimentSlice;

const fromUrl = readUrlExperiment(typeof location === 'undefined' ? '' : location.search);

export const useLab = create<LabState>()((...args) => ({
  ...createRunsSlice(...args),
  ...createSettingsSlice(...args),
  ...createExperimentSlice(fromUrl.spec, [...fromUrl.errors, ...validationErrors(fromUrl.spec)])(...args),
}));
