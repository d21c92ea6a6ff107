// The automatic backend choice, visible: the benchmark's figures, its pick, and the user's override.
import { measureBackends } from '../../bridge/backendBenchmark.ts';
import { BACKENDS, type BackendChoice } from '../../protocol/index.ts';
import { rememberedBackend } from '../../store/backendPreference.ts';
import { useLab } from '../../store/index.ts';
import { jobKeys } from '../../store/jobKeys.ts';
import { selectJob } from '../../store/jobsSlice.ts';

export function BackendChoicePanel() {
  const preference = useLab((s) => s.backendPreference);
  const job = useLab(selectJob(jobKeys.benchmark));
  const { benchmark, override } = preference;
  const measuring = job?.status === 'running';
  const current = rememberedBackend(preference);
  return (
    <details className="backend-choice" data-testid="backend-choice">
      <summary>
        Backend for “auto”: <strong data-testid="auto-backend">{current ?? 'first that works'}</strong>
        {override !== 'auto' && ' (your choice)'}
        {measuring && ' · measuring…'}
      </summary>
      <div className="backend-choice-body">
        <label>
          Run “auto” experiments on{' '}
          <select
            value={override}
            onChange={(e) => useLab.getState().setBackendPreference({ override: e.target.value as BackendChoice })}
          >
            <option value="auto">the fastest measured backend</option>
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="button" onClick={() => void measureBackends()} disabled={measuring}>
          {benchmark ? 'Measure again' : 'Measure backends'}
        </button>
        {measuring && (
          <p role="status" data-testid="benchmark-progress">
            Measuring…{' '}
            {job.live
              .map((t) => `${t.backend}: ${t.msPerStep ? `${t.msPerStep.toFixed(1)} ms/step` : 'unavailable'}`)
              .join(', ')}
          </p>
        )}
        {job?.status === 'failed' && (
          <p className="error-text" role="alert">
            The benchmark failed: {job.error}
          </p>
        )}
        {benchmark && (
          <table className="benchmark-table" data-testid="benchmark-table">
            <caption>
              Warm benchmark ({benchmark.seconds.toFixed(1)} s in all, {new Date(benchmark.measuredAt).toLocaleString()}
              ): milliseconds per training step of a small 8-task model
            </caption>
            <thead>
              <tr>
                <th scope="col">backend</th>
                <th scope="col">ms / step</th>
                <th scope="col">start-up ms</th>
                <th scope="col">note</th>
              </tr>
            </thead>
            <tbody>
              {benchmark.timings.map((t) => (
                <tr
                  key={t.backend}
                  data-backend={t.backend}
                  className={t.backend === benchmark.chosen ? 'chosen' : undefined}
                >
                  <th scope="row">{t.backend}</th>
                  <td>{t.msPerStep?.toFixed(2) ?? '—'}</td>
                  <td>{t.warmupMs?.toFixed(0) ?? '—'}</td>
                  <td>
                    {t.error ?? ''}
                    {t.isSoftware && !t.error ? 'software adapter' : ''}
                    {t.backend === benchmark.chosen ? ' ✓ fastest' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </details>
  );
}
