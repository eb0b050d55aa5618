/**
 * Registers the service worker (built by vite-plugin-pwa) once the page has loaded, so it never competes with the
 * page's own requests. Only the team member's area calls this: citizen pages never download the precache.
 */
let started = false;

export function registerServiceWorker() {
  if (started || !('serviceWorker' in navigator) || import.meta.env.DEV) return;
  started = true;
  const go = async () => {
    const { Workbox } = await import('workbox-window');
    // autoUpdate: a new worker takes over at once (skipWaiting + clientsClaim in the generated worker).
    await new Workbox('/sw.js', { scope: '/' }).register().catch(() => undefined);
  };
  if (document.readyState === 'complete') void go();
  else window.addEventListener('load', () => void go(), { once: true });
}
