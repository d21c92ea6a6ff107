import { describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../protocol/index.ts';
import { withRememberedBackend, type BackendPreference } from './backendPreference.ts';
import { readUrlBackend } from './urlSpec.ts';

const base: BackendPreference = { override: 'auto' };
const spec = (backend: ExperimentSpec['backend']) => ExperimentSpec.parse({ backend });

describe('the backend a run or job is sent with', () => {
  it("uses the page's ?backend= over the override, the benchmark and the spec's own backend", () => {
    const page = { ...base, override: 'cpu' as const, pageBackend: 'wasm' as const };
    expect(withRememberedBackend(spec('auto'), page).backend).toBe('wasm');
    expect(withRememberedBackend(spec('webgpu'), page).backend).toBe('wasm');
  });

  it('without ?backend=, turns auto into the override and leaves a forced backend alone', () => {
    expect(withRememberedBackend(spec('auto'), { ...base, override: 'cpu' }).backend).toBe('cpu');
    expect(withRememberedBackend(spec('webgpu'), { ...base, override: 'cpu' }).backend).toBe('webgpu');
    expect(withRememberedBackend(spec('auto'), base).backend).toBe('auto');
  });
});

describe('readUrlBackend', () => {
  it('reads a backend name, ignores auto and names a bad value', () => {
    expect(readUrlBackend('?backend=wasm')).toEqual({ backend: 'wasm' });
    expect(readUrlBackend('?backend=auto&spec={}')).toEqual({});
    expect(readUrlBackend('?backend=tpu').error).toBe(
      'URL parameter "backend": "tpu" is not one of auto, webgpu, webgl, wasm, cpu',
    );
  });
});
