import type L from 'leaflet';
import { useEffect, useState } from 'react';

/**
 * Resolves once the page has been painted, a moment has passed and the browser is idle (at most `timeout` ms later):
 * work a page can show without (a map's code and outlines) waits for it, so it neither delays the page's text on a
 * slow phone nor competes with it for the connection.
 */
export function afterPaint(timeout = 1500, settle = 200): Promise<void> {
  return new Promise((resolve) => {
    // Two frames: the first runs before the page's first paint, the second after it. A hidden tab draws no frames:
    // the timer resolves it then.
    const timer = setTimeout(resolve, settle + timeout + 500);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        setTimeout(() => {
          if ('requestIdleCallback' in window) requestIdleCallback(done, { timeout });
          else done();
        }, settle);
      }),
    );
  });
}

/** True once the page has been painted (see afterPaint). */
export function useAfterPaint(): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => {
    let live = true;
    void afterPaint().then(() => live && setDone(true));
    return () => {
      live = false;
    };
  }, []);
  return done;
}

let leaflet: Promise<typeof L> | null = null;

/** Leaflet (~40 kB gzipped, with its CSS), asked for once, after the page's first paint. */
export function loadLeaflet(): Promise<typeof L> {
  leaflet ??= afterPaint()
    .then(() => import('./leaflet'))
    .then(
      (m) => m.default,
      (e) => {
        leaflet = null; // a dropped connection: the next map asks again
        throw e;
      },
    );
  return leaflet;
}

/** Leaflet once loaded (null until then): pages with a map import it this way, never statically. */
export function useLeaflet(): typeof L | null {
  const [lib, setLib] = useState<typeof L | null>(null);
  useEffect(() => {
    let live = true;
    void loadLeaflet().then((l) => live && setLib(() => l));
    return () => {
      live = false;
    };
  }, []);
  return lib;
}
