// TaskLab's service worker (written into the build by scripts/precachePlugin.ts, which fills in
// VERSION and PRECACHE). It caches the whole built site on install — app, tfjs worker chunks, wasm
// binaries, lessons and sample data — and answers from that cache, so the lab works offline after
// the first visit. A new build has a new VERSION, so it installs a fresh cache and drops the old one.
// It also makes the site cross-origin isolated and sends the CSP header (withHeaders).
const VERSION = '__VERSION__';
// The page's Content-Security-Policy (scripts/contentSecurityPolicy.ts), sent as a header on pages.
const CSP = '__CSP__';
const PRECACHE = __PRECACHE__;
const CACHE = `tasklab-${VERSION}`;
const scope = self.registration.scope;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, scope).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key.startsWith('tasklab-') && key !== CACHE).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  // Pages are the one document whatever their query (?spec=, ?backend=) or hash.
  // ignoreVary: servers may send "Vary: Origin", and module scripts are fetched with an Origin
  // header that the install-time requests lacked.
  const options = { cacheName: CACHE, ignoreVary: true };
  const navigate = request.mode === 'navigate';
  const lookup = navigate ? caches.match(new URL('index.html', scope).href, options) : caches.match(request, options);
  event.respondWith(
    lookup.then((cached) => cached ?? fetch(request)).then((response) => withHeaders(response, navigate)),
  );
});

// Headers the page needs that a static host may not send. Cross-origin isolation for hosts that cannot
// (GitHub Pages, `python3 -m http.server`, a USB stick): COOP + COEP on every response served here make
// the page isolated from its first load under this worker on, so SharedArrayBuffer and tfjs-wasm threads
// work (COEP must be on worker scripts too). Pages also get the Content-Security-Policy as a header.
function withHeaders(response, isPage) {
  if (response.type === 'opaque' || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  if (isPage) headers.set('Content-Security-Policy', CSP);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
