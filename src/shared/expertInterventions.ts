// Which experiments the expert interventions (UOE unlearning, expert knockout; issue 9) apply to.
// Shared by the page (to say so before anything runs) and the job handlers (which refuse the rest).
import type { ExperimentSpec } from '../protocol/index.ts';

/** Why unlearning one expert or knocking experts out makes no sense for this spec; undefined when it does. */
export function expertInterventionProblem(spec: ExperimentSpec): string | undefined {
  const model = spec.model;
  if (model.kind !== 'moe-lm') {
    return `Unlearning and knockout work on routed experts of the MoE language model (moe-lm); this experiment's model is ${model.kind}. Add an "MoE experiment" and view that instead.`;
  }
  if (model.router === 'soft')
    return 'This model has no routed experts: a soft MoE mixes every expert into every slot, so no single expert serves a domain. Pick the topk, topp or expert-choice router.';
  if (model.numExperts < 2)
    return 'This model has a single expert per layer, so there is no routing to single an expert out. Give it at least 2 experts.';
  return undefined;
}
