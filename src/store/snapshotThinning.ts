// Live runs send a routing snapshot every ~250 ms; a long run would keep thousands. Past a cap, every
// other older snapshot of that kind is dropped, so the history keeps its whole time span at half the
// resolution (the newest one always stays).
import type { SnapshotEvent } from '../protocol/index.ts';

export const MAX_SNAPSHOTS_PER_KIND = 300;

export function appendSnapshot(
  list: SnapshotEvent[],
  event: SnapshotEvent,
  max = MAX_SNAPSHOTS_PER_KIND,
): SnapshotEvent[] {
  const next = [...list, event];
  const sameKind = next.filter((s) => s.kind === event.kind).length;
  if (sameKind <= max) return next;
  let seen = 0;
  // Keep the 1st, 3rd, 5th … of this kind, and always the newest.
  return next.filter((s) => s.kind !== event.kind || s === event || seen++ % 2 === 0);
}
