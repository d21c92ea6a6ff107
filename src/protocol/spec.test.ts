import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../shared/examples.ts';
import { parseSpec, transferablesOf } from './index.ts';

describe('parseSpec', () => {
  it('fills every default from a minimal spec', () => {
    const result = parseSpec({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.spec.dataset).toMatchObject({ kind: 'planted', numTasks: 8, numGroups: 2 });
    expect(result.spec.model).toMatchObject({ kind: 'shared-bottom', hidden: [64, 64] });
    expect(result.spec.training).toMatchObject({ optimizer: 'adam', steps: 300 });
    expect(result.spec.backend).toBe('auto');
  });

  it('accepts every built-in example', () => {
    for (const example of Object.values(EXAMPLES)) expect(parseSpec(example.spec(7)).ok).toBe(true);
  });

  it.each([
    [{ training: { steps: 0 } }, 'training.steps'],
    [{ training: { learningRate: -1 } }, 'training.learningRate'],
    [{ training: { optimizer: 'rmsprop' } }, 'training.optimizer'],
    [{ dataset: { kind: 'planted', numTasks: 2.5 } }, 'dataset.numTasks'],
    [{ dataset: { kind: 'mystery' } }, 'dataset.kind'],
    [{ model: { kind: 'shared-bottom', hidden: [] } }, 'model.hidden'],
    [{ backend: 'quantum' }, 'backend'],
    [{ seed: 'one' }, 'seed'],
  ])('rejects %j with a message naming %s', (input, field) => {
    const result = parseSpec(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.some((e) => e.startsWith(`${field}:`))).toBe(true);
  });

  it('rejects things that are not objects', () => {
    for (const input of [null, 42, 'spec', []]) {
      const result = parseSpec(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatch(/\(spec\)/);
    }
  });
});

describe('transferablesOf', () => {
  it('hands over the loss buffer of progress events only', () => {
    const losses = new Float32Array(6);
    expect(
      transferablesOf({ type: 'progress', firstStep: 0, numSteps: 3, numTasks: 2, losses, stepsPerSecond: 1 }),
    ).toEqual([losses.buffer]);
    expect(transferablesOf({ type: 'status', state: 'paused' })).toEqual([]);
  });
});
