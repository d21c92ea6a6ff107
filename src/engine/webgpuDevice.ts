// The WebGPU device's limits and its loss. A job whose data does not fit one buffer of the adapter
// runs on another backend with the reason; a device lost mid-run ends the run with "GPU device
// lost" and what the user can do, never a raw WebGPU error.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from './data/dataset.ts';

export interface GpuBufferLimits {
  maxBufferSize?: number;
  maxStorageBufferBindingSize?: number;
}

const size = (bytes: number) =>
  bytes < 2 ** 20 ? `${bytes.toLocaleString('en')} bytes` : `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** The largest tensor the data puts on the device (every field is kept there whole). */
export const largestDataBytes = (data: Dataset) =>
  Math.max(0, ...Object.values(data.fields).map((f) => f.values.byteLength));

/** Why data needing `bytes` in one buffer cannot use a device with these limits, or null. */
export function bufferLimitObstacle(bytes: number, limits: GpuBufferLimits): string | null {
  const limit = Math.min(limits.maxBufferSize ?? Infinity, limits.maxStorageBufferBindingSize ?? Infinity);
  return bytes > limit
    ? `the training data needs a buffer of ${size(bytes)} and this GPU allows ${size(limit)} per buffer`
    : null;
}

/** What a user can do after a loss, for a run and for a job. */
const HELP = {
  run: "Your notebook and this run's curves are kept: press Restart to run it again, or set its Backend to wasm to run without the GPU.",
  job: "Your notebook is kept: start this again, or set the experiment's Backend to wasm to run it without the GPU.",
};

type LostInfo = { message?: string };

/** The active backend's WebGPU device, if it is webgpu. */
function activeDevice(): { lost?: Promise<LostInfo> } | undefined {
  return tf.getBackend() === 'webgpu'
    ? (tf.backend() as unknown as { device?: { lost?: Promise<LostInfo> } }).device
    : undefined;
}

const lostMessage = (info: LostInfo, of: keyof typeof HELP) =>
  `GPU device lost${info.message ? ` (${info.message})` : ''}. ${HELP[of]}`;

/** Watches the active webgpu device (if any): `lost()` is its plain message once it is lost. */
export function watchDeviceLoss(): () => string | null {
  let message: string | null = null;
  void activeDevice()?.lost?.then((info) => (message = lostMessage(info, 'run')));
  return () => message;
}

/**
 * The plain message for an error that a lost device caused, else the error itself. The failed
 * buffer read ("mapAsync … unmapped") rejects before the device's `lost` promise settles, so wait
 * a moment for it rather than show the raw WebGPU error.
 */
export async function explainDeviceLoss(error: unknown, of: keyof typeof HELP): Promise<unknown> {
  const lost = activeDevice()?.lost;
  if (!lost) return error;
  const info = await Promise.race([lost, new Promise<null>((resolve) => setTimeout(() => resolve(null), 500))]);
  return info ? new Error(lostMessage(info, of)) : error;
}
