// Spec edits that do not validate yet. A valid edit goes straight into the notebook cell; an
// invalid one waits here, per cell, so the form can show what is wrong while the document stays valid.
import type { StateCreator } from 'zustand';
import type { ExperimentSpecInput } from '../protocol/index.ts';

export interface DraftsSlice {
  drafts: Record<string, ExperimentSpecInput>;
  setDraft(cellId: string, draft: ExperimentSpecInput | undefined): void;
}

export const createDraftsSlice: StateCreator<DraftsSlice> = (set) => ({
  drafts: {},
  setDraft: (cellId, draft) =>
    set((state) => {
      const { [cellId]: _old, ...rest } = state.drafts;
      return { drafts: draft === undefined ? rest : { ...rest, [cellId]: draft } };
    }),
});
