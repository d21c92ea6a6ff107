// The teacher's choice of controls to hide in presenter mode; saved in the notebook (and its link).
import { PRESENTER_CONTROLS, type PresenterControl } from '../../lessons/presenterControls.ts';
import { useLab } from '../../store/index.ts';

/** One shared empty list: a fresh [] per render would make the store selector loop. */
const NONE_HIDDEN: string[] = [];

function setHidden(id: PresenterControl, hide: boolean) {
  useLab.setState((state) => {
    const current = state.notebook.presentation?.hiddenControls ?? [];
    const hiddenControls = hide ? [...new Set([...current, id])] : current.filter((c) => c !== id);
    return { notebook: { ...state.notebook, presentation: { ...state.notebook.presentation, hiddenControls } } };
  });
}

export function HiddenControlsPicker() {
  const hidden = useLab((s) => s.notebook.presentation?.hiddenControls ?? NONE_HIDDEN);
  return (
    <fieldset className="hidden-controls">
      <legend>Hide while presenting</legend>
      {(Object.keys(PRESENTER_CONTROLS) as PresenterControl[]).map((id) => (
        <label key={id}>
          <input
            type="checkbox"
            checked={hidden.includes(id)}
            onChange={(e) => setHidden(id, e.target.checked)}
            data-control={id}
          />{' '}
          {PRESENTER_CONTROLS[id].label}
        </label>
      ))}
    </fieldset>
  );
}
