// Offline use: in production builds served over http(s), register the service worker that
// scripts/precachePlugin.ts writes. Never in development (Vite serves unbundled modules), and
// never from file:// (browsers allow no service worker there).
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
  const register = () =>
    navigator.serviceWorker
      .register('./sw.js')
      .catch((error: Error) => console.warn(`Offline cache unavailable: ${error.message}`));
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
