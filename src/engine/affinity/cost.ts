// Cost accounting shared by every affinity method, so their costs compare on one scale.
// A "pass" is one example through forward + backward; a forward-only pass counts 1/3,
// because a backward pass costs about twice a forward one (ALGORITHMS.md Part 1 §3.4).

export const FORWARD_SHARE = 1 / 3;

export interface Cost {
  passes: number;
  seconds: number;
}

export interface CostMeter {
  /** `examples` examples through forward and backward. */
  train(examples: number): void;
  /** `examples` examples through forward only. */
  forward(examples: number): void;
  passes(): number;
}

export function createCostMeter(): CostMeter {
  let passes = 0;
  return {
    train: (examples) => void (passes += examples),
    forward: (examples) => void (passes += examples * FORWARD_SHARE),
    passes: () => passes,
  };
}
