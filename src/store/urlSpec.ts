// Link parameters for quick experiments: `?spec=<JSON>` (a partial spec merged over the first
// experiment cell's spec) and `?backend=<name>` (the backend of every run and job while the page is
// open; see backendPreference.ts). Bad values give messages.
import { BACKENDS, type BackendName, type ExperimentSpec, type ExperimentSpecInput } from '../protocol/index.ts';

export interface UrlOverride {
  /** The merged spec input; valid or not (the form shows what is wrong). */
  spec?: ExperimentSpecInput;
  /** Problems with the parameters themselves (not JSON, not an object). */
  errors: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep merge of plain objects; arrays and scalars in `patch` replace those in `base`. */
export function mergeJson(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isObject(value) && isObject(base[key]) ? mergeJson(base[key] as Json, value) : value;
  }
  return out;
}

/** `?backend=`: a backend name, 'auto' or absent (undefined), else a message. */
export function readUrlBackend(search: string): { backend?: BackendName; error?: string } {
  const value = new URLSearchParams(search).get('backend');
  if (!value || value === 'auto') return {};
  if ((BACKENDS as readonly string[]).includes(value)) return { backend: value as BackendName };
  return { error: `URL parameter "backend": "${value}" is not one of auto, ${BACKENDS.join(', ')}` };
}

export function readUrlOverride(search: string, base: ExperimentSpec): UrlOverride {
  const specParam = new URLSearchParams(search).get('spec');
  if (!specParam) return { errors: [] };
  let spec: Json = base;
  const errors: string[] = [];
  try {
    const patch: unknown = JSON.parse(specParam);
    if (isObject(patch)) spec = mergeJson(spec, patch);
    else errors.push('URL parameter "spec": expected a JSON object');
  } catch (error) {
    errors.push(`URL parameter "spec" is not valid JSON: ${(error as Error).message}`);
  }
  return { spec: spec as ExperimentSpecInput, errors };
}
