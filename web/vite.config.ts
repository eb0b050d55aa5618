import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { commonChunk, routePreloads } from './build/route-preloads.js';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const commonDir = fileURLToPath(new URL('../common', import.meta.url));

/**
 * Writes `.br` and `.gz` next to every text asset of the build, so the server can send them as they are
 * (@fastify/static `preCompressed: true`): on 3G the main script is ~120 kB gzipped instead of ~380 kB.
 */
function precompress(): Plugin {
  let outDir = '';
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: 'xaso-precompress',
    apply: 'build',
    configResolved: (config) => {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|webmanifest)$/.test(file)) continue;
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(data, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
          }),
        );
      }
    },
  };
}

/**
 * The web app is built into web/dist, which the server serves with an SPA fallback.
 * Nothing is loaded from outside at run time: fonts are the system stack, icons inline SVG, Leaflet's CSS bundled.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), precompress(), routePreloads(webRoot)],
  resolve: {
    // common/constants/*.ts hold no zod, so pages import them directly (common/*.ts schemas: type imports only).
    alias: { '@common': commonDir },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Citizen pages over 3G: keep an eye on any chunk that grows.
    chunkSizeWarningLimit: 400,
    assetsInlineLimit: 2048,
    rolldownOptions: { output: { codeSplitting: { groups: [commonChunk] } } },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
    fs: { allow: [webRoot, commonDir] },
  },
});
