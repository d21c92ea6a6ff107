// The strip a running job shows: a progress bar (indeterminate until a fraction is known), what the
// job is doing, and Cancel. Every job view uses it, so they look and behave alike.
import type { ReactNode } from 'react';

interface JobProgressProps {
  /** What the job is doing now. */
  text: ReactNode;
  /** Done so far, as `value` of `max`; no max (or 0) = indeterminate. */
  value?: number;
  max?: number;
  /** The bar's accessible name (the text, when it is a string). */
  label?: string;
  onCancel(): void;
  cancelLabel?: string;
  /** Without a bar (a job whose size is unknown until it ends). */
  noBar?: boolean;
}

export function JobProgress({ text, value, max, label, onCancel, cancelLabel = 'Cancel', noBar }: JobProgressProps) {
  const known = max !== undefined && max > 0;
  return (
    <div className="job-progress" data-testid="job-progress" role="status">
      {!noBar && (
        <progress
          aria-label={label ?? (typeof text === 'string' ? text : 'progress')}
          max={known ? max : undefined}
          value={known ? value : undefined}
        />
      )}
      <span>{text}</span>
      <button type="button" onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
