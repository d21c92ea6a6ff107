// What a first visit opens: a short introduction and the planted-clusters experiment, ready to run.
// The spec comes from the shared example list (plain data beside the protocol), so the
// CLI's `tasklab example planted` and this cell can never drift apart.
import { ExperimentSpec } from '../protocol/index.ts';
import { EXAMPLES } from '../shared/examples.ts';
import type { Notebook } from './schema.ts';

const INTRO = `# Welcome to TaskLab

Multitask learning trains one network on several tasks at once. Tasks that share structure help each
other; unrelated tasks can interfere. The experiment below trains a **shared-bottom** network on
8 synthetic regression tasks built in 2 hidden clusters — the lab knows the true grouping, so you can
check whether task affinity and grouping methods recover it.

Press **Start** on the experiment cell, then add a view to watch the per-task losses
$L_i(\\theta_s, \\theta_i)$ fall. The affinity view below fills in while it trains: which tasks'
updates help which others (lookahead affinity). Drag in a CSV, JSON or Parquet file to try your own data.`;

export function defaultNotebook(seed = 1): Notebook {
  return {
    title: 'Planted clusters: a first multitask experiment',
    cells: [
      { id: 'intro', kind: 'markdown', text: INTRO },
      // Measures lookahead affinity while training (about a third more work) so a first run fills the affinity view.
      {
        id: 'planted',
        kind: 'experiment',
        spec: ExperimentSpec.parse({ ...EXAMPLES.planted.spec(seed), affinity: { method: 'lookahead', every: 10 } }),
      },
      { id: 'planted-curves', kind: 'view', chart: 'curves', source: { type: 'cell', cellId: 'planted' } },
      { id: 'planted-affinity', kind: 'view', chart: 'affinity', source: { type: 'cell', cellId: 'planted' } },
    ],
  };
}
