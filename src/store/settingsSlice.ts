// View settings the user tunes while watching a run, and app-wide notices.
import type { StateCreator } from 'zustand';

export interface SettingsSlice {
  /** Exponential-moving-average weight for loss curves, 0 = raw. */
  smoothing: number;
  logScale: boolean;
  /** A message for the user that is about the app, not one experiment (e.g. storage trouble). */
  notice: string | null;
  setSmoothing(value: number): void;
  setLogScale(value: boolean): void;
  setNotice(message: string | null): void;
}

export const createSettingsSlice: StateCreator<SettingsSlice> = (set) => ({
  smoothing: 0.6,
  logScale: true,
  notice: null,
  setSmoothing: (smoothing) => set({ smoothing }),
  setLogScale: (logScale) => set({ logScale }),
  setNotice: (notice) => set({ notice }),
});
