// Presenter mode's own small state: on or off, and which cell is on screen.
import { create } from 'zustand';

interface PresenterState {
  presenting: boolean;
  index: number;
  start(index?: number): void;
  stop(): void;
  goTo(index: number, count: number): void;
}

export const usePresenter = create<PresenterState>()((set) => ({
  presenting: false,
  index: 0,
  start: (index = 0) => set({ presenting: true, index }),
  stop: () => set({ presenting: false }),
  goTo: (index, count) => set({ index: Math.max(0, Math.min(count - 1, index)) }),
}));
