import { describe, expect, it } from 'vitest';
import type { KnockoutJobResult, UnlearnJobResult, UnlearnMethodResult } from '../../protocol/jobs.ts';
import {
  divergenceMessage,
  knockoutSummary,
  knockoutValues,
  retainDrift,
  retainRoutingShift,
  retainRows,
  selectionAt,
  shift,
  shiftSummary,
} from './interventionSeries.ts';

// selection[d][l][e]: 2 domains, 2 layers, 3 experts.
const before = [
  [
    [0.5, 0.5, 0],
    [1, 0, 0],
  ],
  [
    [0, 0.5, 0.5],
    [0, 1, 0],
  ],
];
const method = (
  scope: 'uoe' | 'uoe-retain' | 'full',
  after: number[][][],
  retainAfter: number,
  diverged = false,
): UnlearnMethodResult => ({
  scope,
  diverged,
  stepsRun: diverged ? 3 : 5,
  forgetCurve: diverged ? [2, 4, 9] : [2, 2.5, 3],
  forgetLoss: { before: 2, after: diverged ? 2 : 3 },
  retainLoss: [{ domain: 'b', before: 1, after: retainAfter }],
  touchedParams: 10,
  totalParams: 100,
  touchedFraction: 0.1,
  selectionBefore: before,
  selectionAfter: after,
  targetRate: { before: 0.5, after: 0.5 },
});
const result: UnlearnJobResult = {
  forget: 'a',
  domains: ['a', 'b'],
  numLayers: 2,
  numExperts: 3,
  target: { layer: 0, expert: 1 },
  attribution: [
    [0.2, 0.4, 0],
    [0.9, 0, 0],
  ],
  objective: 'ga',
  steps: 5,
  learningRate: 0.5,
  maxLoss: 8,
  uoe: method('uoe', before, 1.01),
  uoeRetain: method(
    'uoe-retain',
    [
      [
        [0.5, 0.5, 0],
        [1, 0, 0],
      ],
      [
        [0, 0.25, 0.75],
        [0, 1, 0],
      ],
    ],
    1.02,
  ),
  full: method(
    'full',
    [
      [
        [0.5, 0, 0.5],
        [1, 0, 0],
      ],
      [
        [0, 0.5, 0.5],
        [0, 1, 0],
      ],
    ],
    1.2,
    true,
  ),
  seconds: { training: 1, unlearning: 1 },
};

describe('unlearning view helpers', () => {
  it('slices domain × expert selection at a layer and its shift', () => {
    expect(Array.from(selectionAt(before, 1))).toEqual([1, 0, 0, 0, 1, 0]);
    const moved = shift(selectionAt(result.full.selectionAfter, 0), selectionAt(before, 0));
    expect(Array.from(moved)).toEqual([0, -0.5, 0.5, 0, 0, 0]);
    expect(shiftSummary('full-model unlearning', moved, result.domains, 3, 0)).toMatch(
      /Total \|shift\| 1\.000; largest −0\.500 for "a" on expert e1/,
    );
  });

  it('tabulates retain losses and their mean drift', () => {
    expect(retainRows(result)).toEqual([{ domain: 'b', before: 1, uoe: 1.01, uoeRetain: 1.02, full: 1.2 }]);
    expect(retainDrift(result.uoe)).toBeCloseTo(0.01, 9);
    expect(retainDrift(result.full)).toBeCloseTo(0.2, 9);
  });

  it("sums the retained domains' routing shift at a layer, leaving the forget domain out", () => {
    expect(retainRoutingShift(result, result.uoe, 0)).toBe(0);
    // Domain b at layer 0: (0, 0.5, 0.5) → (0, 0.25, 0.75).
    expect(retainRoutingShift(result, result.uoeRetain, 0)).toBeCloseTo(0.5, 9);
    // Full-model unlearning moved only the forget domain a's row.
    expect(retainRoutingShift(result, result.full, 0)).toBe(0);
  });

  it('explains a divergence, and says nothing for a run that did not diverge', () => {
    expect(divergenceMessage(result, result.uoe)).toBeUndefined();
    expect(divergenceMessage(result, result.full)).toMatch(
      /^full-model unlearning diverged at step 3 \(forget loss 9\.000 > limit 8\.000\)\. It was stopped and the model restored/,
    );
  });
});

describe('knockout view helpers', () => {
  it('lays rows × domains out row-major and names the most harmful single knockout per domain', () => {
    const knockout: KnockoutJobResult = {
      domains: ['a', 'b'],
      numLayers: 1,
      numExperts: 2,
      baseline: [2, 2],
      rows: [
        { label: 'layer 0 · e0', experts: [{ layer: 0, expert: 0 }], delta: [0.5, 0] },
        { label: 'layer 0 · e1', experts: [{ layer: 0, expert: 1 }], delta: [0.1, 0.3] },
        {
          label: 'all 2 together',
          experts: [
            { layer: 0, expert: 0 },
            { layer: 0, expert: 1 },
          ],
          delta: [3, 3],
        },
      ],
      seconds: { training: 1, knockout: 1 },
    };
    expect(Array.from(knockoutValues(knockout))).toEqual([0.5, 0, 0.1, 0.3, 3, 3]);
    expect(knockoutSummary(knockout)).toBe(
      'Knockout Δloss, knocked-out experts (rows) × domain (columns), nats per character: a hurt most by layer 0 · e0 (+0.500); b hurt most by layer 0 · e1 (+0.300).',
    );
  });
});
