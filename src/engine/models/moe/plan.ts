// Index maps that carry tokens into per-expert slots and back, built on the CPU from the kept
// choices. Slots are grouped by expert: expert e owns rows e·slots … e·slots + slots − 1.
import type { Choices } from './selection.ts';

export interface DispatchPlan {
  numTokens: number;
  numExperts: number;
  maxK: number;
  /** Slots per expert: the largest number of kept choices any expert got (≤ capacity). */
  slots: number;
  /** [E·slots] token feeding each slot; numTokens (a zero pad row) for an empty slot. */
  slotToken: Int32Array;
  /** [E·slots] choice (t·maxK + c) that reads each slot back; N·maxK (pad) for an empty slot. */
  slotChoice: Int32Array;
  /** [N·maxK] slot of each choice; E·slots (pad) for padding, dropped and null choices. */
  choiceSlot: Int32Array;
  /** [N·maxK·E] one-hot expert of each kept choice, to pick its gate out of G [N, E] by multiplication. */
  choiceOneHot: Float32Array;
}

export function buildPlan(choices: Choices, kept: Uint8Array, numExperts: number): DispatchPlan {
  const { numTokens, maxK, experts } = choices;
  const counts = new Int32Array(numExperts);
  for (let i = 0; i < experts.length; i++) if (kept[i]) counts[experts[i]]++;
  const slots = Math.max(1, ...counts);
  const numSlots = numExperts * slots;
  const slotToken = new Int32Array(numSlots).fill(numTokens);
  const slotChoice = new Int32Array(numSlots).fill(numTokens * maxK);
  const choiceSlot = new Int32Array(numTokens * maxK).fill(numSlots);
  const choiceOneHot = new Float32Array(numTokens * maxK * numExperts);
  const filled = new Int32Array(numExperts);
  // Token order inside an expert's block keeps the plan deterministic and cache friendly.
  for (let i = 0; i < experts.length; i++) {
    if (!kept[i]) continue;
    const e = experts[i];
    const slot = e * slots + filled[e]++;
    slotToken[slot] = Math.floor(i / maxK);
    slotChoice[slot] = i;
    choiceSlot[i] = slot;
    choiceOneHot[i * numExperts + e] = 1;
  }
  return { numTokens, numExperts, maxK, slots, slotToken, slotChoice, choiceSlot, choiceOneHot };
}
