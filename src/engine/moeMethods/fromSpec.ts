// The zod-checked requests of src/protocol/spec.ts turned into engine options (domain names → indices).
import type { UnlearnSpec } from '../../protocol/index.ts';
import type { UnlearnOptions } from './unlearn.ts';

export function unlearnOptionsFromSpec(spec: UnlearnSpec, domains: readonly string[]): UnlearnOptions {
  const forgetDomain = domains.indexOf(spec.forget);
  if (forgetDomain < 0) throw new Error(`forget: no domain named "${spec.forget}" (domains: ${domains.join(', ')})`);
  const { forget: _, ...rest } = spec;
  return { ...rest, forgetDomain };
}
