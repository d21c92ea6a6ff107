// A small graph for the graph-algorithm and CLRS-lite tests.
import type { Graph } from './graphAlgorithms.ts';

// Seven nodes, two components: {0,1,2,3,4} and {5,6}. Drawn out:
//   0 -0.4- 1 -0.7- 3 -0.3- 4        5 -0.5- 6
//   0 -0.1- 2,  1 -0.2- 2,  2 -0.8- 3
export const HAND_GRAPH: Graph = {
  numNodes: 7,
  edges: [
    { u: 0, v: 1, weight: 0.4 },
    { u: 0, v: 2, weight: 0.1 },
    { u: 1, v: 2, weight: 0.2 },
    { u: 1, v: 3, weight: 0.7 },
    { u: 2, v: 3, weight: 0.8 },
    { u: 3, v: 4, weight: 0.3 },
    { u: 5, v: 6, weight: 0.5 },
  ],
};
