/**
 * Makes the installable app's icons (web/public/icons/*.png) from the logo mark in web/public/favicon.svg, so the
 * PNGs in the repository can be made again: `npx tsx scripts/make-pwa-icons.ts`. The maskable one keeps the mark in
 * the middle 60% (the safe zone of any mask shape) on a full-bleed background.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

const out = join(import.meta.dirname, '../web/public/icons');
const BLUE = '#0b4a8f';
const MARK = 'M16 5 6 11v2h20v-2zM8 14h3v9H8zm6.5 0h3v9h-3zM21 14h3v9h-3zM6 24h20v3H6z';

const rounded = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="${BLUE}"/><path d="${MARK}" fill="#fff"/></svg>`;
// The mark (drawn in 32 units) scaled to 60% of the square and centred: 0.6 × 32 = 19.2, offset (32 − 19.2) / 2.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${BLUE}"/><g transform="translate(6.4 6.4) scale(0.6)"><path d="${MARK}" fill="#fff"/></g></svg>`;

mkdirSync(out, { recursive: true });
for (const size of [192, 512]) {
  await sharp(Buffer.from(rounded), { density: (72 * size) / 32 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(join(out, `icon-${size}.png`));
}
await sharp(Buffer.from(maskable), { density: (72 * 512) / 32 })
  .resize(512, 512)
  .png({ compressionLevel: 9 })
  .toFile(join(out, 'maskable-512.png'));
console.log('icons written to', out);
