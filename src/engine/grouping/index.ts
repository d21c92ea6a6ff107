// Task grouping and branching search: the public surface for the worker, the CLI and the UI bridge.
export { averageDensity, isValidPartition, toPartition, type Partition } from './density.ts';
export {
  groupTasks,
  GROUPING_METHODS,
  type GroupingMethod,
  type GroupingOptions,
  type GroupingResult,
  type SdpReport,
} from './group.ts';
export { chooseGroupCount, DEFAULT_GROUP_COST, type KChoice } from './chooseK.ts';
export {
  searchBranching,
  type AffinityProvider,
  type BranchNode,
  type BranchOptions,
  type BranchResult,
} from './branching.ts';
export { createCosineProvider, type CosineProvider } from './cosineProvider.ts';
export { squareFromRows, toRows, type SquareMatrix } from './matrix.ts';
export { GroupingError, parseAffinityMatrix } from './validate.ts';
