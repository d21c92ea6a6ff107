import * as tf from '@tensorflow/tfjs';
import type { ExperimentSpec } from '../../protocol/index.ts';

export function createOptimizer(training: ExperimentSpec['training']): tf.Optimizer {
  const { optimizer, learningRate } = training;
  switch (optimizer) {
    case 'adam':
      return tf.train.adam(learningRate);
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, 0.9);
  }
}

/** Changes the step size of an optimiser made by `createOptimizer` (SGD keeps it as a tensor, Adam as a number read every step). */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  // Not `instanceof`: tfjs optimisers answer it by duck typing, so Adam passes as an SGDOptimizer.
  if ('setLearningRate' in optimizer) (optimizer as tf.SGDOptimizer).setLearningRate(learningRate);
  else (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}
