// Reads an experiment from the page URL: `?spec=<JSON>` (a partial spec merged over the default
// example) and `?backend=<name>` (forces a backend). Bad values give messages, never a crash.
import { EXAMPLES } from '../examples.ts';
import type { ExperimentSpecInput } from '../protocol.ts';

export interface UrlExperiment {
  spec: ExperimentSpecInput;
  errors: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep merge of plain objects; arrays and scalars in `patch` replace those in `base`. */
function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isObject(value) && isObject(base[key]) ? merge(base[key] as Json, value) : value;
  }
  return out;
}

export function readUrlExperiment(search: string): UrlExperiment {
  const params = new URLSearchParams(search);
  let spec = EXAMPLES.planted.spec(1) as Json;
  const errors: string[] = [];
  const specParam = params.get('spec');
  if (specParam) {
    try {
      const patch: unknown = JSON.parse(specParam);
      if (isObject(patch)) spec = merge(spec, patch);
      else errors.push('URL parameter "spec": expected a JSON object');
    } catch (error) {
      errors.push(`URL parameter "spec" is not valid JSON: ${(error as Error).message}`);
    }
  }
  const backend = params.get('backend');
  if (backend) spec = { ...spec, backend };
  return { spec: spec as ExperimentSpecInput, errors };
}
