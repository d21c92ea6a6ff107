// A share link that could not be opened: say why, and offer the last autosave or a fresh notebook.
import { defaultNotebook } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';

export function LinkErrorPage() {
  const problem = useLab((s) => s.linkProblem)!;
  const openNotebook = useLab((s) => s.openNotebook);
  const leave = () => history.replaceState(null, '', location.pathname + location.search);
  return (
    <section className="cell link-error" role="alert" aria-labelledby="link-error-title">
      <h2 id="link-error-title">This link could not be opened</h2>
      <p>The notebook in the link is damaged or incomplete (perhaps it was cut off when copied):</p>
      <pre className="error-text">{problem.message}</pre>
      <div className="run-controls">
        {problem.autosaved && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              leave();
              openNotebook(problem.autosaved!, 'autosave');
            }}
          >
            Open my last autosaved notebook
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            leave();
            openNotebook(defaultNotebook(), 'default');
          }}
        >
          Start a new notebook
        </button>
      </div>
    </section>
  );
}
