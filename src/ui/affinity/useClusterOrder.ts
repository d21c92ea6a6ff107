// Orders tasks by a clustering of the symmetrised matrix (diagonal zeroed) (the 'group' job, k chosen
// automatically). While a run streams snapshots the job runs at most every LIVE_INTERVAL_MS, always
// on the newest matrix (each job starts a worker, which competes with training for the CPU, and a
// slowly changing order is easier to read); until it answers, the previous order stays.
import { useEffect, useRef, useState } from 'react';
import { runJob } from '../../bridge/jobBridge.ts';
import { orderFromGroups, similarityRows } from './affinityMatrix.ts';

const LIVE_INTERVAL_MS = 5000;

export interface ClusterOrder {
  order: number[];
  groups: number[][];
  explanation?: string;
}

export function useClusterOrder(
  matrix: ArrayLike<number> | undefined,
  n: number,
  enabled: boolean,
  live: boolean,
): { ordering?: ClusterOrder; error?: string } {
  const [ordering, setOrdering] = useState<ClusterOrder>();
  const [error, setError] = useState<string>();
  const latest = useRef<{ matrix: ArrayLike<number>; n: number }>(undefined);
  const state = useRef({
    running: false,
    timer: 0 as ReturnType<typeof setTimeout> | 0,
    lastStart: -Infinity,
    sent: undefined as ArrayLike<number> | undefined,
  });
  const controller = useRef<AbortController>(undefined);

  useEffect(() => {
    const usable = enabled && matrix && n > 1 && Array.from(matrix).every(Number.isFinite);
    latest.current = usable ? { matrix: matrix!, n } : undefined;
    if (!usable) return;
    const s = state.current;
    const start = () => {
      s.timer = 0;
      const next = latest.current;
      if (!next || s.running || next.matrix === s.sent) return;
      s.running = true;
      s.lastStart = performance.now();
      s.sent = next.matrix;
      controller.current = new AbortController();
      runJob(
        'group',
        { matrix: similarityRows(next.matrix, next.n), k: 'auto', method: 'spectral', seed: 1 },
        { signal: controller.current.signal },
      )
        .then((result) => {
          setOrdering({
            order: orderFromGroups(result.groups, next.n),
            groups: result.groups,
            explanation: result.explanation,
          });
          setError(undefined);
        })
        .catch((e: unknown) => {
          if (!(e instanceof DOMException && e.name === 'AbortError'))
            setError(e instanceof Error ? e.message : String(e));
        })
        .finally(() => {
          s.running = false;
          if (latest.current && latest.current.matrix !== s.sent) schedule();
        });
    };
    const schedule = () => {
      if (s.timer || s.running) return;
      s.timer = setTimeout(start, live ? Math.max(0, s.lastStart + LIVE_INTERVAL_MS - performance.now()) : 0);
    };
    schedule();
  }, [matrix, n, enabled, live]);

  useEffect(
    () => () => {
      // Also undone when React re-runs effects (StrictMode): the next mount starts afresh.
      const s = state.current;
      if (s.timer) clearTimeout(s.timer);
      s.timer = 0;
      s.sent = undefined;
      latest.current = undefined;
      controller.current?.abort();
    },
    [],
  );

  const valid = ordering && ordering.order.length === n;
  return { ordering: enabled && valid ? ordering : undefined, error: enabled ? error : undefined };
}
