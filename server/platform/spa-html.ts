import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/** A page's HTML as it is and compressed (@fastify/compress hooks routes only; the SPA fallback is not one). */
export interface SpaPage {
  html: string;
  br: Buffer;
  gzip: Buffer;
}

function page(html: string): SpaPage {
  return { html, br: brotliCompressSync(html), gzip: gzipSync(html) };
}

/**
 * The web app's index.html for a page address. For the citizen pages the build lists in `route-preloads.json`
 * (web/build/route-preloads.ts), the page's own chunk and stylesheet are named in the head (`modulepreload`,
 * `preload`), so a phone fetches them alongside the main script rather than after it has run; any other address gets
 * index.html as built. Both are read once, at start-up (a new build comes with a restart, as the static files do).
 */
export function spaHtml(webDist: string): (path: string) => SpaPage {
  const html = readFileSync(join(webDist, 'index.html'), 'utf8');
  const plain = page(html);
  const listFile = join(webDist, 'route-preloads.json');
  if (!existsSync(listFile)) return () => plain;
  const list = JSON.parse(readFileSync(listFile, 'utf8')) as Record<string, { scripts: string[]; styles: string[] }>;
  const pages = Object.entries(list).map(([pattern, { scripts, styles }]) => {
    const re = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}/?$`);
    const links = [
      ...scripts.map((href) => `<link rel="modulepreload" crossorigin href="${href}">`),
      ...styles.map((href) => `<link rel="preload" as="style" crossorigin href="${href}">`),
    ].join('\n    ');
    return { re, page: page(html.replace('</head>', `  ${links}\n  </head>`)) };
  });
  return (path) => pages.find((p) => p.re.test(path))?.page ?? plain;
}
