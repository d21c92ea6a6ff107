import { BackendBadge } from './BackendBadge.tsx';
import { ExperimentCell } from './experiment/ExperimentCell.tsx';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          TaskLab <span className="muted">multitask &amp; mixture-of-experts lab</span>
        </h1>
        <BackendBadge />
      </header>
      <main>
        <ExperimentCell />
      </main>
    </div>
  );
}
