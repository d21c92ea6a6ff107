// View settings the user tunes while watching a run.
import type { StateCreator } from 'zustand';

export interface SettingsSlice {
  /** Exponential-moving-average weight for loss curves, 0 = raw. */
  smoothing: number;
  logScale: boolean;
  setSmoothing(value: number): void;
  setLogScale(value: boolean): void;
}

export const createSettingsSlice: StateCreator<SettingsSlice> = (set) => ({
  smoothing: 0.6,
  logScale: true,
  setSmoothing: (smoothing) => set({ smoothing }),
  setLogScale: (logScale) => set({ logScale }),
});
