// The compute backends tfjs can run on, and what the backend benchmark reports about each.
import { z } from 'zod';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export const BackendChoice = z.enum(['auto', ...BACKENDS]);
export type BackendChoice = z.infer<typeof BackendChoice>;

/** One backend's benchmark figure: mean milliseconds per training step after warm-up, or why none. */
export interface BackendTiming {
  backend: BackendName;
  msPerStep?: number;
  /** Milliseconds spent on initialisation and warm-up (shader compilation, wasm instantiation). */
  warmupMs?: number;
  /** A software WebGPU adapter (SwiftShader, llvmpipe…): correct but usually slow. */
  isSoftware?: boolean;
  /** Why the backend could not be measured (unavailable, failed to start). */
  error?: string;
}

export interface BenchmarkResult {
  timings: BackendTiming[];
  /** The chooser's pick; undefined when no backend could be measured. */
  chosen?: BackendName;
  /** Wall-clock seconds the whole benchmark took. */
  seconds: number;
}
