// Hiding the controls a teacher listed (notebook.presentation.hiddenControls): one stylesheet rule
// per control, switched on by a class on a container. Used by presenter mode and by a student's
// view of a link with `hide=`.
import { isPresenterControl, PRESENTER_CONTROLS } from '../../lessons/presenterControls.ts';

const HIDING_RULES = Object.entries(PRESENTER_CONTROLS)
  .map(([id, { selector }]) => `.hide-${id} ${selector} { display: none !important; }`)
  .join('\n');

export const HidingStyle = () => <style>{HIDING_RULES}</style>;

/** Container classes that hide these controls (unknown ids are ignored). */
export const hideClassesOf = (hidden: readonly string[]) => hidden.filter(isPresenterControl).map((id) => `hide-${id}`);

export const hiddenLabels = (hidden: readonly string[]) =>
  hidden.filter(isPresenterControl).map((id) => PRESENTER_CONTROLS[id].label);
