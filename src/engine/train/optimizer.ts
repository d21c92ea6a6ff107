import * as tf from '@tensorflow/tfjs';
import type { ExperimentSpec } from '../../protocol.ts';

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
