import { describe, expect, it } from 'vitest';
import { buildPlan } from './plan.ts';
import {
  applyCapacity,
  expertChoiceCapacity,
  selectExpertChoice,
  selectTopK,
  selectTopP,
  tokenChoiceCapacity,
} from './selection.ts';

describe('top-k and top-p selection', () => {
  it('picks the k most probable experts in descending order, ties to the lower id', () => {
    const probs = [0.1, 0.4, 0.4, 0.1, /* token 1 */ 0.7, 0.1, 0.1, 0.1];
    const choices = selectTopK(probs, 2, 4, 2);
    expect(Array.from(choices.experts)).toEqual([1, 2, 0, 1]);
    expect(Array.from(choices.scores)).toEqual([0.4, 0.4, 0.7, 0.1].map(Math.fround));
  });

  it('top-p takes the smallest prefix reaching the threshold (ALGORITHMS.md Part 2 §3.3)', () => {
    const probs = [0.5, 0.3, 0.2];
    expect(Array.from(selectTopP(probs, 1, 3, 0.4).experts)).toEqual([0]);
    expect(Array.from(selectTopP(probs, 1, 3, 0.6).experts)).toEqual([0, 1]);
    expect(Array.from(selectTopP(probs, 1, 3, 0.8).experts)).toEqual([0, 1]);
    expect(Array.from(selectTopP(probs, 1, 3, 0.95).experts)).toEqual([0, 1, 2]);
    // Two tokens: the ragged lists are padded with −1 to the widest.
    const two = selectTopP([0.9, 0.05, 0.05, 0.4, 0.35, 0.25], 2, 3, 0.7);
    expect(two.maxK).toBe(2);
    expect(Array.from(two.experts)).toEqual([0, -1, 0, 1]);
  });

  it('expert choice: each expert takes its C best tokens', () => {
    // 4 tokens, 2 experts, c = 1 → C = 2 tokens per expert.
    const probs = [0.9, 0.1, 0.6, 0.4, 0.2, 0.8, 0.45, 0.55];
    const perExpert = expertChoiceCapacity(4, 2, 1);
    expect(perExpert).toBe(2);
    const choices = selectExpertChoice(probs, 4, 2, perExpert);
    // Expert 0's column is [0.9, 0.6, 0.2, 0.45] → tokens 0, 1; expert 1's is [0.1, 0.4, 0.8, 0.55] → tokens 2, 3.
    expect(choices.maxK).toBe(1);
    expect(Array.from(choices.experts)).toEqual([0, 0, 1, 1]);
    // c = E makes every expert take every token (sanity test (d) of §3).
    const all = selectExpertChoice(probs, 4, 2, expertChoiceCapacity(4, 2, 2));
    expect(Array.from(all.experts)).toEqual([0, 1, 0, 1, 1, 0, 1, 0]);
  });
});

describe('capacity and dropped-token accounting', () => {
  it('N=8, k=1, E=2, all to expert 0, CF=1 → cap 4, 4 of 8 dropped (ALGORITHMS.md Part 2 §2)', () => {
    const probs = Array.from({ length: 8 }, (_, t) => [0.9 - t * 0.01, 0.1 + t * 0.01]).flat();
    const choices = selectTopK(probs, 8, 2, 1);
    const cap = tokenChoiceCapacity(8, 2, 1);
    expect(cap).toBe(4);
    const kept = applyCapacity(choices, 2, cap);
    // Highest gates win: tokens 0..3 have the largest p for expert 0.
    expect(Array.from(kept)).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
  });

  it('first choices before second choices, then by gate; null experts are never kept', () => {
    // 3 tokens, k = 2, E = 2 real experts + 1 null (id 2), cap 2.
    // token 0 → [0 (0.6), 1 (0.3)], token 1 → [0 (0.5), 2 (0.4)], token 2 → [1 (0.7), 0 (0.2)]
    const choices = {
      numTokens: 3,
      maxK: 2,
      experts: Int32Array.from([0, 1, 0, 2, 1, 0]),
      scores: Float32Array.from([0.6, 0.3, 0.5, 0.4, 0.7, 0.2]),
    };
    const kept = applyCapacity(choices, 2, 2);
    // Expert 0: first choices of tokens 0 and 1 fill it; token 2's second choice is dropped.
    // Expert 1: token 2's first choice, then token 0's second choice.
    expect(Array.from(kept)).toEqual([1, 1, 1, 0, 1, 0]);
    const plan = buildPlan(choices, kept, 2);
    expect(plan.slots).toBe(2);
    expect(Array.from(plan.slotToken)).toEqual([0, 1, 0, 2]);
    expect(Array.from(plan.choiceSlot)).toEqual([0, 2, 1, 4, 3, 4]);
    expect(Array.from(plan.slotChoice)).toEqual([0, 2, 1, 4]);
  });

  it('CF = E/k never drops (sanity test (c) of §3)', () => {
    const probs = Array.from({ length: 16 }, () => [0.7, 0.2, 0.05, 0.05]).flat();
    const choices = selectTopK(probs, 16, 4, 2);
    const kept = applyCapacity(choices, 4, tokenChoiceCapacity(32, 4, 4 / 2));
    expect(kept.every((k) => k === 1)).toBe(true);
  });
});
