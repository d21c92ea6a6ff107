// "Compare with CompeteSMoE" / "Compare with recurrent router" on a moe-lm experiment cell, "Compare with
// HoME" on an MMoE/PLE cell: one click adds a sibling experiment (same data and seed, router or model
// switched) and a compare cell, and runs both.
import { useState } from 'react';
import { compareMoeVariant } from '../../bridge/moeComparison.ts';
import {
  comparisonProblem,
  MOE_VARIANT_INFO,
  MOE_VARIANTS,
  type CellOf,
  type MoeVariant,
} from '../../notebook/index.ts';

export function MoeCompareButtons({ cell, disabled }: { cell: CellOf<'experiment'>; disabled: boolean }) {
  const [error, setError] = useState<string>();
  const variants = MOE_VARIANTS.filter((variant) => MOE_VARIANT_INFO[variant].kinds.includes(cell.spec.model.kind));
  if (variants.length === 0) return null;
  const start = (variant: MoeVariant) => {
    setError(undefined);
    compareMoeVariant(cell.id, variant).catch((e: Error) => setError(e.message));
  };
  return (
    <div className="moe-compare-buttons" role="group" aria-label="Compare routers">
      {variants.map((variant) => {
        const problem = comparisonProblem(cell.spec, variant);
        return (
          <button
            key={variant}
            type="button"
            disabled={disabled || problem !== undefined}
            title={
              problem ?? 'Adds an experiment with this router (same data and seed) and a compare cell, then runs both'
            }
            onClick={() => start(variant)}
          >
            {MOE_VARIANT_INFO[variant].button}
          </button>
        );
      })}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
