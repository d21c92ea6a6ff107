/** A gate the training loop awaits between steps: open while running, closed while paused. */
export function createPauseGate() {
  let opened: Promise<void> = Promise.resolve();
  let open: (() => void) | undefined;
  return {
    pause() {
      if (open) return;
      opened = new Promise((resolve) => (open = resolve));
    },
    resume() {
      open?.();
      open = undefined;
    },
    untilResumed: () => opened,
  };
}
