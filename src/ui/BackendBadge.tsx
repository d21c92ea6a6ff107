// Which tfjs backend the worker runs on, on which adapter, and why any faster one was skipped.
import { useLab } from '../store/index.ts';

export function BackendBadge() {
  const backend = useLab((s) => {
    const runs = Object.values(s.runs).filter((run) => run.backend);
    return runs.length ? runs.reduce((a, b) => (b.createdAt > a.createdAt ? b : a)).backend : undefined;
  });
  if (!backend) return <span className="badge badge-idle">backend: chosen when a run starts</span>;
  const { adapter, fallbacks, wasmThreads } = backend;
  return (
    <span className={`badge badge-${backend.backend}`} data-testid="backend-badge" data-backend={backend.backend}>
      <strong>{backend.backend}</strong>
      {adapter && (
        <span className="adapter">
          {' '}
          · {adapter.vendor} / {adapter.architecture}
          {adapter.description ? ` (${adapter.description})` : ''}
        </span>
      )}
      {adapter?.isSoftware && <span className="warning"> · software adapter: much slower than a real GPU</span>}
      {wasmThreads && (
        <span className="threads" data-threads={wasmThreads.count} data-isolated={wasmThreads.isolated}>
          {' '}
          · {wasmThreads.count} thread{wasmThreads.count === 1 ? '' : 's'}
          {!wasmThreads.isolated && ' (page not cross-origin isolated: single-threaded)'}
        </span>
      )}
      {fallbacks.length > 0 && (
        <span className="fallbacks">
          {fallbacks.map((f) => (
            <span key={f.backend}>
              {' '}
              · {f.backend} skipped: {f.reason}
            </span>
          ))}
        </span>
      )}
    </span>
  );
}
