// Commands that train import this: it is apart from io.ts because loading tfjs costs half a second.
import * as tf from '@tensorflow/tfjs';

/** Quiets tfjs's "install tfjs-node" banner, which would pollute stdout/stderr of every command. */
export function quietTfjs(): void {
  tf.env().set('PROD', true);
}
