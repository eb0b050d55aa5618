import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { OTP_RESEND_SECONDS, PASSWORD_MIN_LENGTH } from '../common/accounts.js';
import { AUDIT_ACTION_LABELS, AUDIT_REASON_LABELS } from '../common/audit.js';
import {
  CANCEL_REASON_LABELS,
  CANCEL_REASONS,
  DESCRIPTION_MAX,
  OFFICER_CANCEL_REASONS,
  REOPEN_DAYS,
  REPORT_STATUS_LABELS,
  REPORT_STATUSES,
  STATS_STATUS_LABELS,
} from '../common/feedback.js';
import {
  HANDLING_UNIT_KIND_LABELS,
  HANDLING_UNIT_KINDS,
  MANAGED_HANDLING_UNIT_KINDS,
} from '../common/handling-units.js';
import { ROLE_LABELS, ROLES, STAFF_ROLES } from '../common/roles.js';
import {
  foldVn,
  HAMLET_IMPORT_COLUMNS,
  HAMLET_IMPORT_MAX_BYTES,
  HAMLET_IMPORT_MAX_ROWS,
  HAMLET_KINDS,
  UNIT_KIND_LABELS,
} from '../common/units.js';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const commonDir = fileURLToPath(new URL('../common', import.meta.url));

/**
 * `virtual:xaso/common`: the constants and labels of common/*.ts as plain data. Importing them from the
 * modules themselves would pull zod (~25 kB gzipped, with import-time side effects, so it cannot be
 * tree-shaken) into citizen pages that never validate anything. Types: web/src/common.d.ts.
 */
function sharedConstants(): Plugin {
  const data = {
    ROLES,
    ROLE_LABELS,
    STAFF_ROLES,
    UNIT_KIND_LABELS,
    HAMLET_KINDS,
    HAMLET_IMPORT_COLUMNS,
    HAMLET_IMPORT_MAX_ROWS,
    HAMLET_IMPORT_MAX_BYTES,
    HANDLING_UNIT_KINDS,
    MANAGED_HANDLING_UNIT_KINDS,
    HANDLING_UNIT_KIND_LABELS,
    AUDIT_ACTION_LABELS,
    AUDIT_REASON_LABELS,
    OTP_RESEND_SECONDS,
    PASSWORD_MIN_LENGTH,
    REPORT_STATUSES,
    REPORT_STATUS_LABELS,
    STATS_STATUS_LABELS,
    CANCEL_REASONS,
    OFFICER_CANCEL_REASONS,
    CANCEL_REASON_LABELS,
    DESCRIPTION_MAX,
    REOPEN_DAYS,
  };
  // foldVn is self-contained; prove the copy works here so a change that breaks it fails the build, not the page.
  const foldSource = foldVn.toString();
  const copied = new Function(`return (${foldSource})`)() as typeof foldVn;
  if (copied('Định Hoá  ĐÔNG') !== foldVn('Định Hoá  ĐÔNG')) throw new Error('foldVn cannot be copied to the web');
  const id = 'virtual:xaso/common';
  const code = [
    ...Object.entries(data).map(
      ([k, v]) => `export const ${k} = /* @__PURE__ */ JSON.parse(${JSON.stringify(JSON.stringify(v))});`,
    ),
    `export const foldVn = ${foldSource};`,
  ].join('\n');
  return {
    name: 'xaso-shared-constants',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load: (resolved) => (resolved === `\0${id}` ? code : null),
  };
}

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
  plugins: [react(), sharedConstants(), precompress()],
  resolve: {
    alias: { '@common': commonDir },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Citizen pages over 3G: keep an eye on any chunk that grows.
    chunkSizeWarningLimit: 400,
    assetsInlineLimit: 2048,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
    fs: { allow: [webRoot, commonDir] },
  },
});
