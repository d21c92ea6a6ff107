// One line under a job saying which backend its computation ran on and, when a preferred backend
// was skipped (a buffer limit, no WebGPU), why: a job runs in its own worker and may land on a
// different backend from the run it studies, so the header's badge does not answer this.
import type { BackendReport } from '../protocol/index.ts';

export function JobBackend({ backend }: { backend?: BackendReport }) {
  if (!backend) return null;
  const { adapter, fallbacks } = backend;
  return (
    <p className="muted job-backend" data-testid="job-backend" data-backend={backend.backend}>
      Backend: <strong>{backend.backend}</strong>
      {adapter ? ` (${adapter.vendor} / ${adapter.architecture}${adapter.isSoftware ? ', software' : ''})` : ''}
      {fallbacks.map((f) => (
        <span key={f.backend} className="job-fallback" data-fallback={f.backend}>
          {' '}
          · {f.backend} skipped: {f.reason}
        </span>
      ))}
    </p>
  );
}
