/**
 * Lighthouse (mobile, simulated throttling) on the citizen pages: median scores of N runs and, from one run, the
 * figures that do not depend on how busy the machine is (bytes and requests per page, CLS, unused JS, render-blocking
 * resources, the LCP element, what shifts).
 *
 * Lighthouse is NOT a dependency of the project; install it outside the repository once (12.x runs on Node 20):
 *   mkdir -p /tmp/lh && cd /tmp/lh && npm init -y && npm i lighthouse@12.2.3
 * Then build the web app (this script builds nothing) and run:
 *   npm run build:web
 *   npx tsx bench/lighthouse.ts                          # starts a server on a fresh demo database, 5 runs per page
 *   npx tsx bench/lighthouse.ts --url http://127.0.0.1:3000 --runs 3 --pages list,map
 * Options: --url (a running server with the demo data; otherwise one is started), --runs (default 5),
 * --pages (home,new,list,report,map), --lighthouse (folder where it is installed; default $LIGHTHOUSE_DIR or /tmp/lh).
 * Chromium: $CHROME_PATH, default /usr/bin/chromium. /feedback/new is measured signed in as the demo citizen.
 * Scores move with the machine's load (the load average is printed with them); bytes, requests, CLS and the main
 * thread's CPU time (from the trace, see cpuFigures) hardly do.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../server/seed/demo.js';

const root = join(import.meta.dirname, '..');
const { values: opts } = parseArgs({
  options: {
    url: { type: 'string' },
    runs: { type: 'string', default: '5' },
    pages: { type: 'string', default: 'home,new,list,report,map' },
    lighthouse: { type: 'string', default: process.env.LIGHTHOUSE_DIR ?? '/tmp/lh' },
  },
});
const lighthouseCli = join(opts.lighthouse, 'node_modules/lighthouse/cli/index.js');
if (!existsSync(lighthouseCli)) {
  console.error(`Lighthouse is not installed in ${opts.lighthouse}; see the header of bench/lighthouse.ts.`);
  process.exit(2);
}
const runs = Math.max(1, Number(opts.runs));
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = '--headless --no-sandbox --disable-gpu --disable-background-networking';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A server on a fresh data folder with the demo, once its year of demo reports is written. */
async function startServer() {
  if (!existsSync(join(root, 'web/dist/index.html'))) throw new Error('web/dist is missing: run `npm run build:web`');
  const dataDir = mkdtempSync(join(tmpdir(), 'xaso-lh-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      XASO_DEMO: '1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      XASO_SECRET: 'lighthouse-bench-secret-lighthouse-bench-secret',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seeded = new Promise<void>((resolve, reject) => {
    let log = '';
    child.stdout.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-4000);
      if (log.includes('demo history')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    setTimeout(resolve, 240_000); // measure anyway
  });
  await seeded;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function citizenCookie(base: string): Promise<string> {
  const citizen = DEMO_PEOPLE.find((p) => p.role === 'citizen');
  if (!citizen) throw new Error('no demo citizen');
  // While the demo's year of reports is being written the server may shed load (503): ask again.
  let res: Response;
  for (let attempt = 0; ; attempt++) {
    res = await fetch(`${base}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: citizen.phone, password: DEMO_PASSWORD }),
    });
    if (res.status !== 503 || attempt >= 60) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`citizen sign-in: ${res.status}`);
  return cookie;
}

/** Lighthouse's JSON report, read loosely. */
type Lhr = any;

/** A Chrome trace event, read loosely. */
type TraceEvent = any;

/**
 * Main-thread figures from the run's trace that a busy machine hardly changes: CPU time (thread time, not wall time)
 * of the page's main thread, and the blocking time Lighthouse would count (tasks after the first paint, ×4 for its
 * slow phone, less 50 ms each) computed from CPU time. Lighthouse's own TBT uses wall time, which other processes on
 * a shared machine stretch two- or threefold.
 */
function cpuFigures(lhr: Lhr, events: TraceEvent[]) {
  const m = lhr.audits.metrics.details.items[0];
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`),
  );
  const tasks = events.filter(
    (e) => e.name === 'RunTask' && e.ph === 'X' && e.ts >= m.observedTimeOriginTs && mains.has(`${e.pid}/${e.tid}`),
  );
  // The page's renderer: the main thread that worked the most.
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of tasks) byThread.set(`${e.pid}/${e.tid}`, [...(byThread.get(`${e.pid}/${e.tid}`) ?? []), e]);
  const wall = (list: TraceEvent[]) => list.reduce((n, e) => n + e.dur, 0);
  const main = [...byThread.values()].sort((a, b) => wall(b) - wall(a))[0] ?? [];
  const cpu = (e: TraceEvent) => (e.tdur ?? e.dur) / 1000;
  const afterFcp = main.filter((e) => e.ts >= m.observedFirstContentfulPaintTs);
  return {
    cpuMs: main.reduce((n, e) => n + cpu(e), 0),
    wallMs: wall(main) / 1000,
    blockingMs: afterFcp.reduce((n, e) => n + Math.max(0, cpu(e) * 4 - 50), 0),
  };
}

function runLighthouse(
  url: string,
  headers?: Record<string, string>,
): Promise<{ lhr: Lhr; cpu: ReturnType<typeof cpuFigures> }> {
  const dir = mkdtempSync(join(tmpdir(), 'xaso-lhr-'));
  const out = join(dir, 'report.json');
  const args = [
    lighthouseCli,
    url,
    '--output=json',
    `--output-path=${out}`,
    '--only-categories=performance',
    '--save-assets',
    `--chrome-flags=${CHROME_FLAGS}`,
    '--quiet',
  ];
  if (headers) args.push(`--extra-headers=${JSON.stringify(headers)}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: chromePath }, stdio: 'inherit' });
    child.on('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`lighthouse exited with ${code}`);
        const lhr = JSON.parse(readFileSync(out, 'utf8'));
        const trace = JSON.parse(readFileSync(join(dir, 'report-0.trace.json'), 'utf8'));
        resolve({ lhr, cpu: cpuFigures(lhr, trace.traceEvents ?? trace) });
      } catch (e) {
        reject(e);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

/** The first DOM node described anywhere in an audit's details. */
function firstNode(details: unknown): string | undefined {
  if (!details || typeof details !== 'object') return undefined;
  const d = details as Record<string, unknown>;
  if (d.type === 'node') return `${d.selector ?? ''} ${String(d.snippet ?? '').slice(0, 90)}`.trim();
  for (const v of Object.values(d)) {
    const found = Array.isArray(v) ? v.map(firstNode).find(Boolean) : firstNode(v);
    if (found) return found;
  }
  return undefined;
}

/** Some Chromium builds break Lighthouse 12's trace-element gatherer: say so rather than print nothing. */
const failed = (audit?: { errorMessage?: string }) =>
  audit?.errorMessage ? `(Lighthouse could not tell: ${audit.errorMessage.slice(0, 80)})` : '—';

function figures(lhr: Lhr) {
  const a = lhr.audits;
  const requests: { url: string; resourceType: string; transferSize: number }[] = a['network-requests'].details.items;
  const by = (type: string) => requests.filter((r) => r.resourceType === type);
  const sum = (rs: typeof requests) => rs.reduce((n, r) => n + (r.transferSize ?? 0), 0);
  const shifts = (a['layout-shifts']?.details?.items ?? []) as { score: number; node?: unknown }[];
  const lcpAt = a.metrics.details.items[0].observedLargestContentfulPaint;
  const beforeLcp = requests.filter((r) => (r as unknown as { networkRequestTime: number }).networkRequestTime < lcpAt);
  return {
    requests: requests.length,
    beforeLcp: `${beforeLcp.length} requests ${kB(sum(beforeLcp))} (LCP observed at ${Math.round(lcpAt)} ms)`,
    js: `${by('Script').length} files ${kB(sum(by('Script')))}`,
    css: `${by('Stylesheet').length} files ${kB(sum(by('Stylesheet')))}`,
    api: `${by('Fetch').length + by('XHR').length} calls ${kB(sum([...by('Fetch'), ...by('XHR')]))}`,
    images: `${by('Image').length} ${kB(sum(by('Image')))}`,
    total: kB(sum(requests)),
    unusedJs: kB(a['unused-javascript']?.details?.overallSavingsBytes ?? 0),
    renderBlocking: (a['render-blocking-resources']?.details?.items ?? [])
      .map((i: { url: string; wastedMs: number }) => `${new URL(i.url).pathname} (${Math.round(i.wastedMs)} ms)`)
      .join(', '),
    lcpElement:
      firstNode(a['largest-contentful-paint-element']?.details) ?? failed(a['largest-contentful-paint-element']),
    shifts: a['layout-shifts']?.errorMessage
      ? failed(a['layout-shifts'])
      : shifts.map((s) => `${s.score.toFixed(3)} ${firstNode(s.node) ?? ''}`.trim()).join(' | '),
  };
}

const server = opts.url ? undefined : await startServer();
const base = (opts.url ?? server?.url ?? '').replace(/\/$/, '');
try {
  const cookie = await citizenCookie(base);
  const list = (await (await fetch(`${base}/api/public/reports?limit=1`)).json()) as {
    items: { publicCode: string }[];
  };
  const code = list.items[0]?.publicCode;
  const pages: Record<string, { path: string; headers?: Record<string, string> }> = {
    home: { path: '/' },
    new: { path: '/feedback/new', headers: { Cookie: cookie } },
    list: { path: '/public/reports' },
    report: { path: `/public/reports/${code}` },
    map: { path: '/map' },
  };
  for (const name of opts.pages.split(',')) {
    const page = pages[name];
    if (!page) throw new Error(`unknown page ${name}; known: ${Object.keys(pages).join(',')}`);
    const results: { score: number; load: number; lhr: Lhr; cpu: ReturnType<typeof cpuFigures> }[] = [];
    for (let i = 0; i < runs; i++) {
      const load = loadavg()[0];
      // A busy machine sometimes loses a trace (NO_NAVSTART, NO_FCP): one more try.
      const { lhr, cpu } = await runLighthouse(base + page.path, page.headers).catch(() =>
        runLighthouse(base + page.path, page.headers),
      );
      results.push({ score: Math.round(lhr.categories.performance.score * 100), load, lhr, cpu });
    }
    const metric = (id: string) => median(results.map((r) => r.lhr.audits[id].numericValue));
    const scores = results.map((r) => r.score);
    // Figures from the run with the median score (they hardly differ between runs).
    const mid = [...results].sort((x, y) => x.score - y.score)[Math.floor(results.length / 2)];
    console.log(`\n${page.path}`);
    console.log(
      `  performance median ${median(scores)} of ${runs} [${scores.join(' ')}], load average ${(
        results.reduce((n, r) => n + r.load, 0) / runs
      ).toFixed(2)}`,
    );
    console.log(
      `  FCP ${Math.round(metric('first-contentful-paint'))} ms, LCP ${Math.round(metric('largest-contentful-paint'))} ms, ` +
        `TBT ${Math.round(metric('total-blocking-time'))} ms, SI ${Math.round(metric('speed-index'))} ms, ` +
        `CLS ${metric('cumulative-layout-shift').toFixed(3)}`,
    );
    const cpu = (k: keyof ReturnType<typeof cpuFigures>) => Math.round(median(results.map((r) => r.cpu[k])));
    console.log(
      `  main thread: CPU ${cpu('cpuMs')} ms (wall ${cpu('wallMs')} ms), blocking from CPU time ${cpu('blockingMs')} ms`,
    );
    for (const [k, v] of Object.entries(figures(mid.lhr))) console.log(`  ${k}: ${v || '—'}`);
  }
} finally {
  await server?.stop();
}
