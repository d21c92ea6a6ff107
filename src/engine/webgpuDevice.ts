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

export const DEVICE_LOST_HELP =
  "Your notebook and this run's curves are kept: press Start to run it again, or choose wasm in the header to run without the GPU.";

/** Watches the active webgpu device (if any); `explain` turns any error after a loss into the plain message. */
export function watchDeviceLoss(): { lost(): string | null; explain(error: unknown): unknown } {
  let message: string | null = null;
  const device =
    tf.getBackend() === 'webgpu'
      ? (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string }> } }).device
      : undefined;
  void device?.lost?.then((info) => {
    message = `GPU device lost${info?.message ? ` (${info.message})` : ''}. ${DEVICE_LOST_HELP}`;
  });
  return { lost: () => message, explain: (error) => (message ? new Error(message) : error) };
}
