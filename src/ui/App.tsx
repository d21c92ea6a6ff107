import { useLab } from '../store/index.ts';
import { BackendBadge } from './BackendBadge.tsx';
import { BackendChoicePanel } from './classroom/BackendChoicePanel.tsx';
import { LessonGallery } from './classroom/LessonGallery.tsx';
import { PresenterView } from './classroom/PresenterView.tsx';
import { usePresenter } from './classroom/presenterStore.ts';
import { LinkErrorPage } from './notebook/LinkErrorPage.tsx';
import { NotebookView } from './notebook/NotebookView.tsx';
import { StorageNotices } from './StorageNotices.tsx';

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
  const ready = useLab((s) => s.ready);
  const linkProblem = useLab((s) => s.linkProblem);
  const presenting = usePresenter((s) => s.presenting);
  if (ready && presenting && !linkProblem) return <PresenterView />;
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          TaskLab <span className="muted">multitask &amp; mixture-of-experts lab</span>
        </h1>
        <BackendBadge />
        <BackendChoicePanel />
        <button type="button" className="present-button" onClick={() => usePresenter.getState().start()}>
          Present
        </button>
      </header>
      <StorageNotices />
      <Notice />
      <main>
        {!ready ? (
          <p className="placeholder">Opening your notebook…</p>
        ) : linkProblem ? (
          <LinkErrorPage />
        ) : (
          <>
            <LessonGallery />
            <NotebookView />
          </>
        )}
      </main>
    </div>
  );
}
