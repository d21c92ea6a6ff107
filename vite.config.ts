import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicyPlugin } from './scripts/contentSecurityPolicy.ts';
import { precachePlugin } from './scripts/precachePlugin.ts';
import { tfjsWasmThreadsPlugin } from './scripts/tfjsWasmThreadsPlugin.ts';

// Cross-origin isolation (SharedArrayBuffer, so tfjs-wasm runs on every core and trace layers are shared
// between workers without copies). Static hosts that cannot send headers get them from the service worker.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Relative asset paths: the built site works from any folder of any static host.
  base: './',
  // precachePlugin writes sw.js (the offline cache) after each production build; the CSP meta tag
  // is added to the built index.html only.
  plugins: [react(), contentSecurityPolicyPlugin(), precachePlugin()],
  worker: { format: 'es', plugins: () => [tfjsWasmThreadsPlugin()] },
  build: {
    target: 'es2022',
    // tfjs is large by nature; it lives in the worker chunk, not in the page's bundle.
    chunkSizeWarningLimit: 4096,
  },
  server: { headers: isolationHeaders },
  preview: { port: 5173, strictPort: true, headers: isolationHeaders },
});
