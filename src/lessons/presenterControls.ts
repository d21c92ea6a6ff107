// Controls a teacher can hide in presenter mode, by id (stored in notebook.presentation.hiddenControls).
// Each names the CSS selector of what it hides, so hiding is one stylesheet rule, never a special case.
export const PRESENTER_CONTROLS = {
  settings: { label: 'Experiment settings', selector: '.spec-form' },
  'run-controls': { label: 'Run buttons', selector: '.run-controls' },
  results: { label: 'Results tables', selector: '.results' },
  history: { label: 'Run history', selector: '.run-history' },
  'chart-settings': { label: 'Chart settings (smoothing, log scale)', selector: '.chart-settings' },
  export: { label: 'Chart export menus', selector: '.export-menu' },
} as const;

export type PresenterControl = keyof typeof PRESENTER_CONTROLS;

export const isPresenterControl = (id: string): id is PresenterControl => Object.hasOwn(PRESENTER_CONTROLS, id);
