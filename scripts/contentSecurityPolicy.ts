// The built site's Content-Security-Policy: a <meta> tag in index.html (added at build time only:
// the dev server injects inline scripts) and, where the service worker answers, the same policy as
// a header. It forbids inline and foreign script, foreign images, foreign form targets, plugins and
// frames, while the lab still runs: workers and wasm (`'wasm-unsafe-eval'`), blob: URLs (downloads,
// worker chunks, files), data: images and fonts.
//
// style-src keeps 'unsafe-inline': KaTeX writes per-expression inline styles (heights, offsets) that
// no fixed hash list can cover, and the presenter view and chart export set style attributes. CSS
// cannot run script, and markdown from a link or file never reaches the page with a style element
// or attribute (src/ui/markdown.ts strips them before KaTeX's own output is put in).
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "form-action 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'self'",
].join('; ');

export function contentSecurityPolicyPlugin(): Plugin {
  return {
    name: 'tasklab-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}
