// The sum of many tensors without tf.addN. tfjs-webgpu's AddN binds every input to one shader, and
// past the device's storage buffers per shader stage (8 on SwiftShader and many GPUs: 7 inputs and
// the output) the pipeline is invalid: WebGPU drops the whole command buffer it was queued in, so
// other results of the step silently go wrong (MMoE's 4 tasks × 2 gate losses hit this). Adding
// left to right is addN's own order, so cpu and wasm results are unchanged.
import * as tf from '@tensorflow/tfjs';

export function addAll<T extends tf.Tensor>(terms: T[]): T {
  if (terms.length === 0) throw new Error('addAll needs at least one tensor');
  return tf.tidy(() => terms.slice(1).reduce((sum, term) => tf.add(sum, term), terms[0] as tf.Tensor) as T);
}
