// Lets at most one progress message through per interval, so a fast stream of small chunks does not
// flood the page with messages (each one is a React render there). The final state is always sent.

export interface ProgressThrottle<T> {
  /** Sends `value` now if the interval has passed since the last send; otherwise keeps it as pending. */
  offer(value: T): void;
  /** Sends the pending value, if any, regardless of time. */
  flush(): void;
}

export function throttleProgress<T>(
  send: (value: T) => void,
  intervalMs: number,
  now: () => number = () => performance.now(),
): ProgressThrottle<T> {
  let last = -Infinity;
  let pending: { value: T } | null = null;
  return {
    offer(value) {
      const t = now();
      if (t - last >= intervalMs) {
        last = t;
        pending = null;
        send(value);
      } else {
        pending = { value };
      }
    },
    flush() {
      if (!pending) return;
      last = now();
      send(pending.value);
      pending = null;
    },
  };
}
