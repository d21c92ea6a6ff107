// How many training workers run at once: cores − 1 (the page keeps one), at least 1. Later runs
// wait in order and are told their place, so starting eight runs never starves the page.
export const RUN_LIMIT = Math.max(1, (globalThis.navigator?.hardwareConcurrency || 2) - 1);

export interface RunQueue {
  /** Resolves when `id` may start; `onPlace` hears its place in line (1 = next) while it waits. */
  take(id: string, onPlace: (place: number) => void): Promise<void>;
  /** Frees `id`'s slot, or takes it out of the line; the next waiting run starts. */
  leave(id: string): void;
}

export function createRunQueue(limit: number): RunQueue {
  const active = new Set<string>();
  const waiting: { id: string; start: () => void; onPlace: (place: number) => void }[] = [];
  const advance = () => {
    while (active.size < limit && waiting.length > 0) {
      const next = waiting.shift()!;
      active.add(next.id);
      next.start();
    }
    waiting.forEach((w, i) => w.onPlace(i + 1));
  };
  return {
    take: (id, onPlace) =>
      new Promise<void>((start) => {
        waiting.push({ id, start, onPlace });
        advance();
      }),
    leave(id) {
      active.delete(id);
      const at = waiting.findIndex((w) => w.id === id);
      if (at >= 0) waiting.splice(at, 1);
      advance();
    },
  };
}
