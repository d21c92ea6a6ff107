// tfjs-backend-wasm starts its threads from a Blob holding `factory.toString()` of the threaded-SIMD module.
// That text must not name anything outside the function, but the module's `_scriptDir` lives in a closure
// around it, and a minifier renames it (tfjs issues #4107, #4539): every thread then fails with "e is not
// defined". Keeping the value on globalThis, under a name no minifier touches, makes the Blob self-contained
// (in a thread the guarded read simply finds it undefined, as emscripten expects).
import type { Plugin } from 'vite';

const THREADED_MODULE = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;

export function tfjsWasmThreadsPlugin(): Plugin {
  return {
    name: 'tasklab-tfjs-wasm-threads',
    transform(code, id) {
      if (!THREADED_MODULE.test(id)) return null;
      const patched = code
        .replace(/\bvar _scriptDir\b/, 'globalThis.__tfjsWasmScriptDir')
        .replace(/(?<![.\w])_scriptDir\b/g, 'globalThis.__tfjsWasmScriptDir');
      if (patched === code) this.error('tfjs-backend-wasm changed: _scriptDir not found in the threaded module');
      return { code: patched, map: null };
    },
  };
}
