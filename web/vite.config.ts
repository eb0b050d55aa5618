import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
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
  plugins: [
    react(),
    // ── PWA: the team member's offline app (web/src/offline/, web/src/app/field/) and the learner's lessons ─────────
    // The worker is registered by the member's area and the learning pages (/learn) only, after load
    // (offline/register-sw.ts): other citizen pages (home, feedback) never download the precache. It serves the app
    // shell offline and keeps, network first, the catalog, the published courses and the member's or learner's own
    // data; never an admin API or other people's data (see ARCHITECTURE.md, "Offline in the field").
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Xã Số — Tổ công nghệ số',
        short_name: 'Xã Số',
        description: 'Ghi hoạt động của tổ công nghệ số cộng đồng, cả khi không có mạng.',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        background_color: '#f4f6f9',
        theme_color: '#0b4a8f',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        clientsClaim: true,
        skipWaiting: true,
        // The shell and the pages a member uses in the field; other chunks (admin, maps, charts) are cached when
        // first used (the runtime rule for /assets/ below).
        globPatterns: ['index.html', 'assets/*.css', 'assets/*.js'],
        globIgnores: [
          '**/*.{br,gz}',
          'assets/{StatsCharts,leaflet,MapPage,Workspace,AdminHome,Account,ApiKeys,Audit,Categor,CatalogAdmin}*',
          'assets/{GuideEdit,ServiceEdit,HandlingUnit,Holidays,RoutingRules,UnitsAdmin,RoleScope,ReasonDialog}*',
          // Training's staff pages and the QR reader (check-in needs the network anyway).
          'assets/{jsQR,SessionEditPage,ProjectorPage,AttendancePage,ManagePage}*',
          'assets/{ManageCoursesPage,CourseEditPage,CoursePreviewPage}*',
          // Public cameras need the network (snapshots, live video); their pages and the player are not kept offline.
          'assets/{CamerasPage,CameraPage,ManageCamerasPage,CameraEditPage,LivePlayer,hls.light}*',
          // The dashboard and the charts library (administrators' pages).
          'assets/{DashboardPage,DashboardCharts,echarts}*',
        ],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/open311/, /^\/docs/],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'xaso-assets', expiration: { maxEntries: 200 } },
          },
          {
            // The public catalog and its guides (not /api/catalog/manage/…, the administrators' list).
            urlPattern: ({ url, sameOrigin, request }) =>
              sameOrigin &&
              request.method === 'GET' &&
              /^\/api\/catalog\/(services|guides|steps)(\/|$)/.test(url.pathname),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'xaso-catalog',
              networkTimeoutSeconds: 6,
              expiration: { maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
          {
            // Published courses as learners read them: the list, a course's outline and quiz (no right answers), a
            // lesson. Never /api/courses/manage… (authors' drafts), nor a learner's progress (marked as theirs below).
            urlPattern: ({ url, sameOrigin, request }) =>
              sameOrigin &&
              request.method === 'GET' &&
              /^\/api\/courses(\/[0-9a-f-]{36}(\/lessons\/[0-9a-f-]{36})?)?$/.test(url.pathname),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'xaso-courses',
              networkTimeoutSeconds: 6,
              expiration: { maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
          {
            // A course's images (resized WebP) and attachments: a media id never changes content (a new upload is a
            // new id), so the copy on the phone is used first and the slow connection is spared.
            urlPattern: ({ url, sameOrigin, request }) =>
              sameOrigin && request.method === 'GET' && url.pathname.startsWith('/api/courses/media/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'xaso-course-media',
              expiration: { maxEntries: 400, maxAgeSeconds: 60 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
          {
            // The signed-in member's own data: who they are, their activities, this month's focus, and their team
            // (a request the member's pages mark with x-xaso-offline, never an administrator's list); a learner's
            // progress and courses (marked the same way). Emptied at sign-in and sign-out (offline/forget.ts).
            urlPattern: ({ url, sameOrigin, request }) =>
              sameOrigin &&
              request.method === 'GET' &&
              (url.pathname === '/api/auth/session' ||
                url.pathname === '/api/activities/mine' ||
                /^\/api\/activities\/[0-9a-f-]{36}$/.test(url.pathname) ||
                url.pathname === '/api/campaigns/current' ||
                request.headers.get('x-xaso-offline') === 'member'),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'xaso-member',
              networkTimeoutSeconds: 6,
              expiration: { maxEntries: 100, maxAgeSeconds: 30 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
    precompress(),
    routePreloads(webRoot),
  ],
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
    rolldownOptions: {
      output: {
        codeSplitting: {
          // ECharts in a chunk of its own name (the feedback statistics' and the dashboard's charts share it), so the
          // service worker's precache can leave it out by name.
          groups: [
            commonChunk,
            { name: 'echarts', test: (id: string) => /[\\/]node_modules[\\/](echarts|zrender)[\\/]/.test(id) },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
    fs: { allow: [webRoot, commonDir] },
  },
});
