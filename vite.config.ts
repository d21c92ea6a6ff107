import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicyPlugin } from './scripts/contentSecurityPolicy.ts';
import { precachePlugin } from './scripts/precachePlugin.ts';

export default defineConfig({
  // Relative asset paths: the built site works from any folder of any static host.
  base: './',
  // precachePlugin writes sw.js (the offline cache) after each production build; the CSP meta tag
  // is added to the built index.html only.
  plugins: [react(), contentSecurityPolicyPlugin(), precachePlugin()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // tfjs is large by nature; it lives in the worker chunk, not in the page's bundle.
    chunkSizeWarningLimit: 4096,
  },
  preview: { port: 5173, strictPort: true },
});
