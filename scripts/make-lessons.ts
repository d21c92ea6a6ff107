// Writes the lesson notebooks shipped in public/lessons/ (and their index) from the definitions
// below, with every experiment spec stored complete. Run: `npx tsx scripts/make-lessons.ts`.
// src/lessons/lessons.test.ts validates the files and checks the figures the lessons state.
import { writeFileSync } from 'node:fs';
import { parseNotebook, writeNotebookFile, type NotebookInput } from '../src/notebook/index.ts';
import { ExperimentSpec, type ExperimentSpecInput } from '../src/protocol.ts';

const spec = (input: ExperimentSpecInput) => ExperimentSpec.parse(input);
const md = (id: string, text: string, title?: string) => ({ id, kind: 'markdown' as const, ...(title ? { title } : {}), text });
const view = (id: string, chart: 'curves' | 'affinity' | 'tree' | 'routing' | 'metrics', cellId: string, title?: string) => ({
  id,
  kind: 'view' as const,
  ...(title ? { title } : {}),
  chart,
  source: { type: 'cell' as const, cellId },
});
const experiment = (id: string, input: ExperimentSpecInput) => ({ id, kind: 'experiment' as const, spec: spec(input) });

/** Six planted tasks in two groups (tasks 0, 2, 4 and 1, 3, 5) on a narrow trunk, so they compete. */
const PLANTED_SMALL = { kind: 'planted', numTasks: 6, numGroups: 2, inputDim: 8, numSamples: 512, noise: 0.1 } as const;
const SHORT_TRAINING = { steps: 150, batchSize: 32, learningRate: 0.01 } as const;

const lesson1: NotebookInput = {
  title: 'Lesson 1 · When do tasks help each other?',
  presentation: { hiddenControls: ['history', 'chart-settings'] },
  cells: [
    md('l1-intro', `Six regression tasks share one small network (a trunk of only **6 units**, then one head per task). The data has a hidden structure: tasks 0, 2 and 4 read one random feature map of the input, tasks 1, 3 and 5 another. Tasks that need the same features can help each other; tasks that need different features compete for the narrow trunk.`, 'The idea'),
    md('l1-question', `**Before you press Run:** which tasks do you expect to rise and fall together while the network trains? Will training on task 0 make task 2 better, worse, or leave it alone? And task 1?`, 'Think first'),
    experiment('l1-run', {
      name: 'Planted clusters, narrow trunk',
      seed: 2,
      dataset: PLANTED_SMALL,
      model: { kind: 'shared-bottom', hidden: [6], activation: 'tanh' },
      training: SHORT_TRAINING,
      affinity: { method: 'lookahead', every: 5 },
    }),
    view('l1-curves', 'curves', 'l1-run', 'Loss curves'),
    view('l1-affinity', 'affinity', 'l1-run', 'Task affinity'),
    md('l1-see', `**What you should see.** All six curves fall, but look at their small wiggles: when a batch happens to be good for task 0, it is good for tasks 2 and 4 as well. The step-to-step changes of the losses correlate by about **0.6** between tasks of the same group and by about **0** (between −0.1 and 0.1) across groups.

The affinity heatmap (lookahead affinity, TAG: how much one task's update lowers another task's loss) shows the same two blocks: it is **positive within a group** and **slightly negative across groups**, where an update for one task slightly hurts the other.

*Try:* widen the trunk to 64 units and run again. Does the competition across groups fade?`, 'What you should see'),
  ],
};

const lesson2: NotebookInput = {
  title: 'Lesson 2 · Grouping and branching (draft)',
  cells: [
    md('l2-intro', `*Draft.* If tasks form groups, should every task share everything? Here the same planted tasks train on one all-shared trunk and on a **branched** network: one shared layer, then one branch per planted group.`, 'The idea'),
    md('l2-question', `**Before you press Run:** which network reaches the lower validation loss for the same number of parameters per branch? Why might sharing *less* help?`, 'Think first'),
    experiment('l2-shared', { name: 'All shared', seed: 2, dataset: PLANTED_SMALL, model: { kind: 'shared-bottom', hidden: [12, 12], activation: 'tanh' }, training: SHORT_TRAINING }),
    view('l2-shared-metrics', 'metrics', 'l2-shared', 'All shared: results'),
    experiment('l2-branched', {
      name: 'Branched by planted group',
      seed: 2,
      dataset: PLANTED_SMALL,
      model: { kind: 'branched', layers: [[[0, 1, 2, 3, 4, 5]], [[0, 2, 4], [1, 3, 5]]], width: 12, activation: 'tanh' },
      training: SHORT_TRAINING,
    }),
    view('l2-tree', 'tree', 'l2-branched', 'Branching tree'),
    view('l2-branched-metrics', 'metrics', 'l2-branched', 'Branched: results'),
    md('l2-see', `**What you should see (draft).** Compare the two results tables task by task. The lesson's numbers and the grouping step (SDP groups from lesson 1's affinity) come once the tree view is finished.`, 'What you should see'),
  ],
};

const MMOE = { kind: 'mmoe', numExperts: 6, expertHidden: 16, expertOutput: 8, towerHidden: 8, gate: 'topk', k: 2, zLossWeight: 0 } as const;
const MMOE_TRAINING = { steps: 150, batchSize: 32, learningRate: 0.02 } as const;

const lesson3: NotebookInput = {
  title: 'Lesson 3 · How a router learns',
  presentation: { hiddenControls: ['history'] },
  cells: [
    md('l3-intro', `A **Multi-gate Mixture-of-Experts** (MMoE) has 6 small expert networks shared by all tasks. Each task has a *gate* (a router) that picks its top **k = 2** experts for every input and mixes their outputs. Left alone, a router can fall into a rut: experts that are picked get trained, get better, and get picked more. A **load-balancing loss** (Switch Transformer: α · E · Σₑ fₑ·Pₑ) adds a small penalty when the load is uneven.`, 'The idea'),
    md('l3-question', `**Before you press Run:** the two experiments differ only in the balance weight α (0 and 1). Which one spreads the work more evenly over the experts? Which one do you expect to reach the lower loss?`, 'Think first'),
    experiment('l3-free', { name: 'Router without balance loss (α = 0)', seed: 2, dataset: PLANTED_SMALL, model: { ...MMOE, balanceWeight: 0 }, training: MMOE_TRAINING }),
    view('l3-free-routing', 'routing', 'l3-free', 'Expert use without balance loss'),
    experiment('l3-balanced', { name: 'Router with balance loss (α = 1)', seed: 2, dataset: PLANTED_SMALL, model: { ...MMOE, balanceWeight: 1 }, training: MMOE_TRAINING }),
    view('l3-balanced-routing', 'routing', 'l3-balanced', 'Expert use with balance loss'),
    md('l3-see', `**What you should see.** Measure the load as each expert's share of all gate weight on the validation data, and its unevenness as the coefficient of variation (CV: standard deviation / mean; 0 = perfectly even). Without the balance loss the load CV is about **0.17**; with it about **0.13**: the balance loss evens out the experts' work. Both routers reach a similar validation loss (about 0.21 and 0.22).

*Try:* set k to 1 in both experiments. With one expert per input and its weight renormalised to 1, what is left for the gate to learn from? Then try k = 4.`, 'What you should see'),
  ],
};

const lesson4: NotebookInput = {
  title: 'Lesson 4 · Local routing consistency (draft)',
  cells: [
    md('l4-intro', `*Draft.* A Mixture-of-Experts language model routes every token to a few experts. If neighbouring tokens use the **same** experts, a device with little memory can keep just those experts loaded and fetch the rest rarely (expert caching / offloading). Two measures say how local the routing is:

- **SRP** (segment routing best performance): over windows of m tokens, the share of routing covered by the window's best fixed set of experts;
- **SCH** (segment cache hit rate): the hit rate of a cache of C experts per layer that looks L tokens ahead.`, 'The idea'),
    md('l4-question', `**Before you look:** if a cache holds 2 of the 8 experts of a layer, what share of requests do you think it serves for text whose routing is local? How fast should SRP fall as the window m grows from 4 to 64 tokens?`, 'Think first'),
    md('l4-trace', `The lab ships a sample routing trace: \`traces/sample-4x8-top2.json\` (6 sequences × 64 tokens, 4 layers, 8 experts, top-2; synthetic, with planted local consistency). Analyse it in the routing view, or in a terminal: \`npx tasklab routing public/traces/sample-4x8-top2.json\`.`, 'The trace'),
    experiment('l4-model', { name: "The lab's own MMoE", seed: 2, dataset: PLANTED_SMALL, model: { ...MMOE, balanceWeight: 0.01 }, training: MMOE_TRAINING }),
    view('l4-routing', 'routing', 'l4-model', 'Routing of the lab model'),
    md('l4-see', `**What you should see.** On the sample trace, SRP over the whole model is about **0.88** for windows of 4 tokens, **0.71** for 16 and **0.60** for 64: routing is very local over a few tokens and less so over longer stretches. A cache of **2 of 8** experts per layer looking 4 tokens ahead serves about **85 %** of requests (0.85–0.88 depending on the layer). For offloading, that means keeping a quarter of the experts in fast memory serves most tokens.`, 'What you should see'),
  ],
};

export const LESSONS: { file: string; notebook: NotebookInput; summary: string; draft?: boolean }[] = [
  { file: 'lesson-1-task-affinity.tasklab.json', notebook: lesson1, summary: 'Planted task clusters: loss curves that move together, and the affinity heatmap.' },
  { file: 'lesson-2-grouping-branching.tasklab.json', notebook: lesson2, summary: 'All-shared vs a branching tree by planted group.', draft: true },
  { file: 'lesson-3-router.tasklab.json', notebook: lesson3, summary: 'An MMoE router with and without the load-balancing loss; top-k.' },
  { file: 'lesson-4-routing-consistency.tasklab.json', notebook: lesson4, summary: 'SRP and SCH on a sample trace: what local routing means for expert caching.', draft: true },
];

const index = LESSONS.map(({ file, notebook, summary, draft }) => {
  const parsed = parseNotebook(notebook);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  writeFileSync(`public/lessons/${file}`, writeNotebookFile(parsed.notebook));
  return { file, title: parsed.notebook.title, summary, ...(draft ? { draft } : {}) };
});
writeFileSync('public/lessons/index.json', `${JSON.stringify({ lessons: index }, null, 2)}\n`);
console.log(`wrote ${index.length} lessons`);
