// The experiment the user is editing: a spec input, validated on every change.
import type { StateCreator } from 'zustand';
import { parseSpec, type ExperimentSpecInput } from '../protocol.ts';

export interface ExperimentSlice {
  specInput: ExperimentSpecInput;
  /** Validation errors of specInput, each naming its field; empty when it can run. */
  specErrors: string[];
  setSpecInput(input: ExperimentSpecInput): void;
}

export const validationErrors = (input: unknown): string[] => {
  const result = parseSpec(input);
  return result.ok ? [] : result.errors;
};

export const createExperimentSlice =
  (initial: ExperimentSpecInput, initialErrors: string[] = []): StateCreator<ExperimentSlice> =>
  (set) => ({
    specInput: initial,
    specErrors: initialErrors.length ? initialErrors : validationErrors(initial),
    setSpecInput: (specInput) => set({ specInput, specErrors: validationErrors(specInput) }),
  });
