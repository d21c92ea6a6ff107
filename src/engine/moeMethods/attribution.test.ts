import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/setup.ts';
import { attributeExperts } from './attribution.ts';
import { evaluateDomains, makeDomainBatches } from './domainEval.ts';
import { assignValue, tinyLm, toyCorpus } from './testing/fixtures.ts';

beforeAll(useCpuBackend);

const corpus = toyCorpus();
const D = 16;

/**
 * Expert 2 of layer 0 is wired to the 'letters' domain: letters embed along +e0, symbols along −e0,
 * and layer 0's router gives expert 2 the logit 5·x₀. Layer 1's router is zero (every token → expert 0).
 */
function wiredModel() {
  const model = tinyLm(corpus.vocab.length);
  const [tokenEmbedding, positionEmbedding] = model.variables;
  const embedding = new Float32Array(corpus.vocab.length * D);
  corpus.vocab.forEach((ch, id) => {
    if ('abc'.includes(ch)) embedding[id * D] = 8;
    if ('xyz;'.includes(ch)) embedding[id * D] = -8;
  });
  assignValue(tokenEmbedding, embedding);
  assignValue(positionEmbedding, new Float32Array(positionEmbedding.size));
  const kernel = new Float32Array(D * 4);
  kernel[0 * 4 + 2] = 5; // row 0 (feature x₀), column 2 (expert 2)
  assignValue(model.moeLayers[0].routerVariables[0], kernel);
  assignValue(model.moeLayers[1].routerVariables[0], new Float32Array(D * 4));
  return model;
}

describe('expert attribution', () => {
  it('finds the expert wired to the forget domain', async () => {
    const model = wiredModel();
    const data = makeDomainBatches(corpus, 6, 12, 2);
    const { routing } = await evaluateDomains(model, data);
    const letters = attributeExperts([routing[0]], [routing[1]]);
    expect({ layer: letters.layer, expert: letters.expert }).toEqual({ layer: 0, expert: 2 });
    // Letters go to expert 2 with a gate close to 1; of the symbols windows only some spaces do
    // (a space embeds to 0, so attention to its neighbours decides where it goes).
    expect(letters.scores[0][2]).toBeGreaterThan(0.7);
    expect(letters.retainScores![0][2]).toBeLessThan(0.2);
    expect(letters.scores[1][0]).toBeCloseTo(0.25, 6); // uniform router: gate 1/E on expert 0
    const symbols = attributeExperts([routing[1]], [routing[0]], true);
    expect({ layer: symbols.layer, expert: symbols.expert }).toEqual({ layer: 0, expert: 0 });
    model.dispose();
  });

  it('refuses a forget target without tokens', async () => {
    const model = wiredModel();
    const data = makeDomainBatches(corpus, 0, 12, 2);
    const { routing } = await evaluateDomains(model, data);
    expect(() => attributeExperts([routing[0]])).toThrow(/no tokens/);
    expect(() => attributeExperts([])).toThrow(/at least one MoE layer/);
    model.dispose();
  });
});
