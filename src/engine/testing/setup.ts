// Shared set-up for engine tests in Node: the exact cpu backend, without tfjs's Node banner.
import * as tf from '@tensorflow/tfjs';

export async function useCpuBackend(): Promise<void> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  await tf.ready();
}
