// What a branching search and a set-up comparison produce, as zod schemas: the jobs return these,
// and a tree view cell keeps them (so they travel with the notebook file and share link, checked at
// the door like everything else). Plain data: both threads read it.
import { z } from 'zod';

const taskList = z.array(z.number().int().min(0).max(1023)).max(1024);
const finite = z.number().finite();

/** One split of the search: the tasks of a block at depth layer-1, their affinity, the children at depth layer. */
export const BranchTreeNode = z.object({
  layer: z.number().int().min(0).max(8),
  tasks: taskList,
  /** affinity[a][b] between tasks[a] and tasks[b], measured on the block they share at depth `layer`. */
  affinity: z.array(z.array(finite).max(1024)).max(1024),
  children: z.array(taskList).max(64),
  explanation: z.string().max(10_000),
});
export type BranchTreeNode = z.infer<typeof BranchTreeNode>;

export const BranchTree = z.object({
  taskNames: z.array(z.string().max(200)).max(1024),
  depth: z.number().int().min(1).max(8),
  arity: z.number().int().min(1).max(64),
  /** layers[ℓ] = task groups sharing a block at depth ℓ (the `branched` model's `layers`). */
  layers: z.array(z.array(taskList).max(1024)).max(8),
  nodes: z.array(BranchTreeNode).max(4096),
  affinityCalls: z.number().int().min(0),
  seconds: z.number().min(0),
});
export type BranchTree = z.infer<typeof BranchTree>;

export const SETUP_IDS = ['single', 'shared', 'groups', 'tree'] as const;
export type SetupId = (typeof SETUP_IDS)[number];

export const SETUP_LABELS: Record<SetupId, string> = {
  single: 'Single-task models',
  shared: 'All shared',
  groups: 'SDP groups',
  tree: 'Branched tree',
};

/** One trained set-up: its tree (as `branched` layers), size, time and per-task validation results. */
export const SetupResult = z.object({
  id: z.enum(SETUP_IDS),
  layers: z.array(z.array(taskList).max(1024)).max(8),
  params: z.number().int().min(0),
  seconds: z.number().min(0),
  /** Per task, in task order. */
  validationLoss: z.array(z.number()).max(1024),
  validationScore: z.array(z.number()).max(1024),
});
export type SetupResult = z.infer<typeof SetupResult>;

export const SetupComparison = z.object({
  taskNames: z.array(z.string().max(200)).max(1024),
  scoreName: z.string().max(50),
  steps: z.number().int().min(0),
  /** Why the SDP groups are what they are (chosen k). */
  groupsExplanation: z.string().max(10_000),
  setups: z.array(SetupResult).max(SETUP_IDS.length),
});
export type SetupComparison = z.infer<typeof SetupComparison>;
