import { useLab } from '../store/index.ts';
import { BackendBadge } from './BackendBadge.tsx';
import { ExperimentCell } from './experiment/ExperimentCell.tsx';

function Notice() {
  const notice = useLab((s) => s.notice);
  const setNotice = useLab((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div className="notice" role="status">
      {notice}{' '}
      <button type="button" className="link" onClick={() => setNotice(null)}>
        dismiss
      </button>
    </div>
  );
}

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          TaskLab <span className="muted">multitask &amp; mixture-of-experts lab</span>
        </h1>
        <BackendBadge />
      </header>
      <Notice />
      <main>
        <ExperimentCell cellId="main" />
      </main>
    </div>
  );
}
