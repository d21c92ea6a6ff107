import { describe, expect, it } from 'vitest';
import { blockWidthOf, setupLayers } from './setups.ts';

describe('setupLayers', () => {
  const tree = [
    [[0, 1, 2, 3]],
    [
      [0, 1],
      [2, 3],
    ],
    [[0, 1], [2], [3]],
  ];
  it('writes single-task models as singleton groups at every depth', () => {
    expect(setupLayers('single', 3, 2, [], tree)).toEqual([
      [[0], [1], [2]],
      [[0], [1], [2]],
    ]);
  });
  it('writes the all-shared model as one group at every depth', () => {
    expect(setupLayers('shared', 3, 3, [], tree)).toEqual([[[0, 1, 2]], [[0, 1, 2]], [[0, 1, 2]]]);
  });
  it('repeats the SDP groups at every depth and copies the searched tree', () => {
    const groups = [
      [0, 2],
      [1, 3],
    ];
    const layers = setupLayers('groups', 4, 2, groups, tree);
    expect(layers).toEqual([
      [
        [0, 2],
        [1, 3],
      ],
      [
        [0, 2],
        [1, 3],
      ],
    ]);
    layers[0][0].push(9);
    expect(groups[0]).toEqual([0, 2]);
    expect(setupLayers('tree', 4, 3, groups, tree)).toEqual(tree);
    expect(setupLayers('tree', 4, 3, groups, tree)[0]).not.toBe(tree[0]);
  });
});

describe('blockWidthOf', () => {
  it('takes the width of the spec model, else 32', () => {
    expect(blockWidthOf({ kind: 'branched', width: 12 })).toBe(12);
    expect(blockWidthOf({ kind: 'shared-bottom', hidden: [48, 16] })).toBe(48);
    expect(blockWidthOf({ kind: 'mmoe' })).toBe(32);
  });
});
