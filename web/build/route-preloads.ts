import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

/**
 * The citizen pages whose code the server names in the HTML it sends for them (server/platform/spa-html.ts), so a
 * phone fetches the page's chunk with the main script instead of after it has run: one round trip less on 3G
 * before the page shows. Patterns as in web/src/routes.tsx (`:name` is one path segment); sources relative to web/.
 */
export const PRELOADED_ROUTES: Record<string, string> = {
  '/': 'src/app/public/Home.tsx',
  '/feedback/new': 'src/app/feedback/submit/SubmitPage.tsx',
  '/public/reports': 'src/app/feedback/public/PublicReports.tsx',
  '/public/reports/:code': 'src/app/feedback/public/PublicReportPage.tsx',
  '/map': 'src/app/map/MapPage.tsx',
  '/learn': 'src/app/learn/CoursesPage.tsx',
  '/learn/:id/lessons/:lessonId': 'src/app/learn/LessonPage.tsx',
  '/cameras': 'src/app/cameras/CamerasPage.tsx',
  '/cameras/:id': 'src/app/cameras/CameraPage.tsx',
  // Opened from an alert's SMS or Zalo message, on a phone.
  '/news': 'src/app/news/NewsPage.tsx',
  '/news/:id': 'src/app/news/PostPage.tsx',
  // Opened from a certificate's QR code, on a phone.
  '/verify': 'src/app/certificates/VerifyPage.tsx',
  '/verify/:serial': 'src/app/certificates/VerifyPage.tsx',
  // A commune's public figures, linked from the home page and the public reports.
  '/transparency': 'src/app/transparency/CommunePicker.tsx',
  '/transparency/:code': 'src/app/transparency/TransparencyPage.tsx',
};

/**
 * Small modules that the citizen pages share (labels, formatters, hooks, API helpers) in one `common` chunk rather than
 * a dozen files of 1–2 kB: on 3G each file is a request, and a page waits for the last one. Admin-only helpers keep
 * their own chunks, and modules the main script loads stay in it.
 */
const COMMON = [
  /[\\/]web[\\/]src[\\/]components[\\/](useDebounced|useLeaflet|addInSlices)\.ts$/,
  /[\\/]web[\\/]src[\\/]app[\\/]feedback[\\/](shared|labels|CategoryIcon|pin|Photos|MiniMapSpace)\.tsx?$/,
  /[\\/]web[\\/]src[\\/]app[\\/]units[\\/]format\.ts$/,
  /[\\/]web[\\/]src[\\/]app[\\/]shell[\\/]guards\.tsx$/,
  /[\\/]web[\\/]src[\\/]api[\\/]units\.ts$/,
  /[\\/]common[\\/]constants[\\/](feedback|units|roles|photos)\.ts$/,
];

/** The code-splitting group of COMMON (build.rolldownOptions.output.codeSplitting.groups). */
export const commonChunk = {
  name: 'common',
  test: (id: string) => COMMON.some((re) => re.test(id)),
  includeDependenciesRecursively: false,
};

/** What the server reads: per route pattern, the scripts and stylesheets its chunk needs beyond the main script. */
export interface RoutePreloads {
  [pattern: string]: { scripts: string[]; styles: string[] };
}

/** Writes `route-preloads.json` into the build (see PRELOADED_ROUTES). */
export function routePreloads(webRoot: string): Plugin {
  return {
    name: 'xaso-route-preloads',
    apply: 'build',
    // After every generateBundle (Vite drops the chunks that only held CSS there), so the names are the final ones.
    writeBundle(options, bundle) {
      const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (file: string, into = new Set<string>()) => {
        if (into.has(file)) return into;
        into.add(file);
        for (const dep of byFile.get(file)?.imports ?? []) closure(dep, into);
        return into;
      };
      const initial = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => [...closure(c.fileName)]));
      const out: RoutePreloads = {};
      for (const [pattern, source] of Object.entries(PRELOADED_ROUTES)) {
        const chunk = chunks.find((c) => c.facadeModuleId && relative(webRoot, c.facadeModuleId) === source);
        if (!chunk) throw new Error(`route-preloads: no chunk for ${source}`);
        const files = [...closure(chunk.fileName)].filter((f) => !initial.has(f));
        const css = files.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]);
        out[pattern] = { scripts: files.map((f) => `/${f}`), styles: [...new Set(css)].map((f) => `/${f}`) };
      }
      writeFileSync(join(options.dir ?? '', 'route-preloads.json'), `${JSON.stringify(out, null, 1)}\n`);
    },
  };
}
