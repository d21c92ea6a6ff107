// Expert health of the MoE language model (issue 20): for every MoE layer, each expert run on every
// probe token's layer input (not only the tokens routed to it, so an expert the router starves still
// shows its zero activations and output spread), each domain's mean combine weight per expert (from
// the routing the forward pass already made), and the layer's load. Read back asynchronously.
import * as tf from '@tensorflow/tfjs';
import { runAnswered } from '../hostReads.ts';
import type { TextBatch } from '../data/textCorpus.ts';
import type { RoutingInfo } from '../models/moe/types.ts';
import { runExpertsWithHidden } from '../models/moe/experts.ts';
import type { MoeTransformer } from '../models/moeTransformer.ts';
import { allTasks } from './healthModel.ts';
import type { ExpertActivity } from './stats.ts';

/** [G × 1 × E] each domain's mean combine weight per expert over its tokens (capacity-dropped choices count 0). */
export function domainGateWeights(routing: RoutingInfo, domainOfToken: Int32Array, numDomains: number): Float32Array {
  const { numExperts: E, maxK } = routing;
  const sums = new Float32Array(numDomains * E);
  const tokens = new Float32Array(numDomains);
  for (let t = 0; t < routing.numTokens; t++) {
    const g = domainOfToken[t];
    tokens[g]++;
    for (let j = 0; j < maxK; j++) {
      const i = t * maxK + j;
      if (routing.topIds[i] >= 0 && routing.kept[i]) sums[g * E + routing.topIds[i]] += routing.topWeights[i];
    }
  }
  return sums.map((s, i) => (tokens[Math.floor(i / E)] > 0 ? s / tokens[Math.floor(i / E)] : 0));
}

export async function lmExpertActivity(
  lm: MoeTransformer,
  text: TextBatch,
  numDomains: number,
  expertNames: string[],
): Promise<ExpertActivity[]> {
  const out = await runAnswered(() => lm.forward(text, numDomains, { training: false, layerInputs: true }));
  tf.dispose([out.loss, out.aux, out.domainLosses]);
  const inputs = out.layerInputs!;
  const domainOfToken = new Int32Array(text.batchSize * text.length);
  text.domain.forEach((d, s) => domainOfToken.fill(d, s * text.length, (s + 1) * text.length));
  const owners = expertNames.map(() => allTasks(numDomains));
  try {
    return await Promise.all(
      lm.moeLayers.map(async (layer, l) => {
        const x = inputs[l];
        const { hidden, out: outputs } = tf.tidy(() =>
          runExpertsWithHidden(
            layer.experts,
            tf.broadcastTo(tf.expandDims(x, 0), [layer.experts.numExperts, ...x.shape]) as tf.Tensor3D,
          ),
        );
        try {
          const [h, o] = (await Promise.all([hidden.data(), outputs.data()])) as Float32Array[];
          const routing = out.routing[l];
          return {
            name: `layer ${l + 1}`,
            expertNames,
            owners,
            hidden: h,
            outputs: o,
            outputDim: outputs.shape[2],
            gateWeights: domainGateWeights(routing, domainOfToken, numDomains),
            load: routing.load,
          };
        } finally {
          tf.dispose([hidden, outputs]);
        }
      }),
    );
  } finally {
    tf.dispose(inputs);
  }
}
