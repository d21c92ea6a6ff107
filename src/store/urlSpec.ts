// Link parameters for quick experiments: `?spec=<JSON>` (a partial spec merged over the first
// experiment cell's spec) and `?backend=<name>` (forces a backend). Bad values give messages.
import type { ExperimentSpec, ExperimentSpecInput } from '../protocol.ts';

export interface UrlOverride {
  /** The merged spec input; valid or not (the form shows what is wrong). */
  spec?: ExperimentSpecInput;
  /** Problems with the parameters themselves (not JSON, not an object). */
  errors: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep merge of plain objects; arrays and scalars in `patch` replace those in `base`. */
export function mergeJson(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isObject(value) && isObject(base[key]) ? mergeJson(base[key] as Json, value) : value;
  }
  return out;
}

export function readUrlOverride(search: string, base: ExperimentSpec): UrlOverride {
  const params = new URLSearchParams(search);
  const specParam = params.get('spec');
  const backend = params.get('backend');
  if (!specParam && !backend) return { errors: [] };
  let spec: Json = base;
  const errors: string[] = [];
  if (specParam) {
    try {
      const patch: unknown = JSON.parse(specParam);
      if (isObject(patch)) spec = mergeJson(spec, patch);
      else errors.push('URL parameter "spec": expected a JSON object');
    } catch (error) {
      errors.push(`URL parameter "spec" is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (backend) spec = { ...spec, backend };
  return { spec: spec as ExperimentSpecInput, errors };
}

