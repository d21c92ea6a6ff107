import { describe, expect, it } from 'vitest';
import { UnlearnSpec } from '../../protocol/index.ts';
import { unlearnOptionsFromSpec } from './fromSpec.ts';

describe('MoE-method requests', () => {
  it('fill defaults and map the forget domain by name', () => {
    const options = unlearnOptionsFromSpec(UnlearnSpec.parse({ forget: 'code' }), ['prose', 'code', 'numbers']);
    expect(options).toEqual({
      forgetDomain: 1,
      scope: 'uoe',
      objective: 'npo',
      steps: 20,
      learningRate: 3e-3,
      npoBeta: 0.1,
      anchorWeight: 1,
      retainAnchorWeight: 100,
    });
  });

  it('name bad input', () => {
    expect(() => unlearnOptionsFromSpec(UnlearnSpec.parse({ forget: 'poetry' }), ['prose', 'code'])).toThrow(
      /no domain named "poetry"/,
    );
  });
});
