// A share link that could not be opened: say why, and offer the user's last notebook or a new one.
import { useLab } from '../../store/index.ts';
import { newNotebook } from '../../store/libraryActions.ts';

export function LinkErrorPage() {
  const problem = useLab((s) => s.linkProblem)!;
  const setLinkProblem = useLab((s) => s.setLinkProblem);
  const leave = () => history.replaceState(null, '', location.pathname + location.search);
  return (
    <section className="cell link-error" role="alert" aria-labelledby="link-error-title">
      <h2 id="link-error-title">This link could not be opened</h2>
      <p>
        The notebook in the link is damaged, incomplete (perhaps it was cut off when copied) or from another TaskLab
        version:
      </p>
      <pre className="error-text">{problem.message}</pre>
      <div className="run-controls">
        {problem.lastOpen && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              leave();
              // The last notebook is already open behind this page.
              setLinkProblem(undefined);
            }}
          >
            Open my last notebook ({problem.lastOpen.title})
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            leave();
            void newNotebook();
          }}
        >
          Start a new notebook
        </button>
      </div>
    </section>
  );
}
