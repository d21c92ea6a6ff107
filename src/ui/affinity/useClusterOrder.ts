// Orders tasks by a clustering of the symmetrised matrix (diagonal zeroed) (the bridge's clusterTasks:
// the 'group' job, k chosen automatically). While a run streams snapshots the job runs at most every
// LIVE_INTERVAL_MS, always on the newest matrix (each job starts a worker, which competes with training
// for the CPU, and a slowly changing order is easier to read); until it answers, the previous order stays.
import { useEffect, useId, useRef, useState } from 'react';
import { clusterTasks, forgetClusterOrder } from '../../bridge/clusterOrder.ts';
import { useLab } from '../../store/index.ts';
import { jobKeys } from '../../store/jobKeys.ts';
import { selectJob } from '../../store/jobsSlice.ts';
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
  const viewId = useId();
  const [ordering, setOrdering] = useState<ClusterOrder>();
  const job = useLab(selectJob(jobKeys.clusterOrder(viewId)));
  const error = job?.status === 'failed' ? job.error : undefined;
  const latest = useRef<{ matrix: ArrayLike<number>; n: number }>(undefined);
  const state = useRef({
    running: false,
    timer: 0 as ReturnType<typeof setTimeout> | 0,
    lastStart: -Infinity,
    sent: undefined as ArrayLike<number> | undefined,
  });

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
      clusterTasks(viewId, similarityRows(next.matrix, next.n))
        .then((result) => {
          if (result)
            setOrdering({
              order: orderFromGroups(result.groups, next.n),
              groups: result.groups,
              explanation: result.explanation,
            });
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
  }, [matrix, n, enabled, live, viewId]);

  useEffect(
    () => () => {
      // Also undone when React re-runs effects (StrictMode): the next mount starts afresh.
      const s = state.current;
      if (s.timer) clearTimeout(s.timer);
      s.timer = 0;
      s.sent = undefined;
      latest.current = undefined;
      forgetClusterOrder(viewId);
    },
    [viewId],
  );

  const valid = ordering && ordering.order.length === n;
  return { ordering: enabled && valid ? ordering : undefined, error: enabled ? error : undefined };
}
