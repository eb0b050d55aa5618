/**
 * Dashboards: the streamed exports and the monthly PDF.
 *
 * 1. CSV and XLSX of N rows (default 1,000,000) through the exact writers `GET /api/dashboards/export.csv|xlsx` uses
 *    (server/modules/dashboards/export-streams.ts: csv-stringify's stream, exceljs' WorkbookWriter), into a sink that
 *    counts bytes. The dashboard's own tables are small (≤ 92 communes or a few hundred hamlets a row each, ≤ 36
 *    months), so the rows are a generated "series × units" table of the same columns — indicator × hamlet × month
 *    (25 indicators × 1,112 hamlets × 36 months ≈ 1,000,800, cut at N) — made one at a time by a generator, as the
 *    route's rows would come. Prints rows/s, bytes and the peak RSS of the process during each export.
 * 2. The monthly report PDF of the province (A4, table + a page per charted indicator with 92 communes), rendered M
 *    times (default 5) from figures of the real shape (92 communes, 12 months), median and worst seconds.
 *
 * 3. The same report made by the real services from the demo's figures (PGlite in memory), M times.
 *
 * Usage: npx tsx bench/dashboards-export.ts [N] [M]
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Cell, csvStream, xlsxStream } from '../server/modules/dashboards/export-streams.js';
import { renderMonthlyPdf } from '../server/modules/dashboards/pdf.js';
import { monthlyFixture } from '../server/modules/dashboards/test-support.js';

const n = Number(process.argv[2] ?? 1_000_000);
const m = Number(process.argv[3] ?? 5);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function* rows(): Generator<Cell[]> {
  let i = 0;
  for (let month = 0; month < 36; month++)
    for (let hamlet = 0; hamlet < 1112; hamlet++)
      for (let ind = 0; ind < 25; ind++) {
        if (i++ >= n) return;
        const value = (hamlet * 7 + ind * 13 + month) % 500;
        yield [
          `chi_tieu_${ind}`,
          `Chỉ tiêu số ${ind + 1}`,
          `19${String(hamlet).padStart(6, '0')}`,
          `Thôn Nà ${hamlet + 1}, xã Định Hoá`,
          `${String((month % 12) + 1).padStart(2, '0')}/${2024 + Math.floor(month / 12)}`,
          value,
          ind % 5 === 0 ? value : null,
          ind % 5 === 0 ? 500 : null,
          ind % 3 === 0 ? 250 : null,
          ind % 3 === 0 ? (value >= 250 ? 'Đạt' : 'Chưa đạt') : null,
        ];
      }
}
const headers = [
  'Mã chỉ tiêu',
  'Chỉ tiêu',
  'Mã đơn vị',
  'Đơn vị',
  'Tháng',
  'Giá trị',
  'Tử số',
  'Mẫu số',
  'Chỉ tiêu giao',
  'Đạt chỉ tiêu',
];

async function measure(label: string, make: () => NodeJS.ReadableStream) {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  let bytes = 0;
  const sink = new Writable({
    write(chunk, _enc, cb) {
      bytes += chunk.length;
      cb();
    },
  });
  const t0 = performance.now();
  await pipeline(make(), sink);
  const s = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${label}: ${n.toLocaleString('en')} rows in ${s.toFixed(1)} s = ${Math.round(n / s).toLocaleString('en')} rows/s, ${mb(bytes)} written, peak RSS ${mb(peak)} (at start ${mb(base)})`,
  );
}

await measure('CSV ', () => csvStream({ sheet: 'Theo tháng', headers, rows: rows() }));
await measure('XLSX', () => xlsxStream({ sheet: 'Theo tháng', headers, rows: rows() }));

const data = monthlyFixture({ communes: 92, indicators: 24 });
const times: number[] = [];
let size = 0;
let pages = 0;
for (let i = 0; i < m; i++) {
  const t0 = performance.now();
  const r = await renderMonthlyPdf(data);
  times.push((performance.now() - t0) / 1000);
  size = r.pdf.length;
  pages = r.pages;
}
times.sort((a, b) => a - b);
console.log(
  `Monthly PDF (province, 24 indicators, ${data.charts.length} charts of 92 communes): ${pages} pages, ${(size / 1024).toFixed(0)} kB; median ${times[Math.floor(m / 2)].toFixed(2)} s, worst ${times[m - 1].toFixed(2)} s over ${m} renders (the first loads the font)`,
);

// 3. The same report made by the real services, from the demo's figures (PGlite in memory; reports, teams,
//    activities of the demo): the indicators' queries and the render, as `GET /api/dashboards/monthly.pdf` does.
// Loaded only now, so the exports above ran in a process holding just their writers.
const { buildApp } = await import('../server/app.js');
const { loadConfig } = await import('../server/config.js');
const { openDatabase } = await import('../server/db/client.js');
const { migrateDatabase } = await import('../server/db/migrate.js');
const { loadReferenceUnits } = await import('../server/modules/units/reference-data.js');
const { seedDemoData } = await import('../server/seed/demo.js');
const { seedReferenceData } = await import('../server/seed/reference.js');
const database = await openDatabase({ kind: 'pglite' });
await migrateDatabase(database);
await seedReferenceData(database.db);
const config = loadConfig({
  NODE_ENV: 'production',
  XASO_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  XASO_DEMO: '0',
  LOG_LEVEL: 'silent',
});
const app = await buildApp({ config, database, logger: false });
const t0 = performance.now();
await seedDemoData(database.db, loadReferenceUnits(), { certificateSecret: config.secret, learners: false });
console.log(`(demo data seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
const month = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 7);
const real: number[] = [];
let realPages = 0;
for (let i = 0; i < m; i++) {
  const t1 = performance.now();
  const data = await app.services.dashboards.monthlyData('19', month);
  const r = await renderMonthlyPdf(data);
  real.push((performance.now() - t1) / 1000);
  realPages = r.pages;
}
real.sort((a, b) => a - b);
console.log(
  `Monthly PDF of Tỉnh Thái Nguyên for ${month} from the demo (services + render): ${realPages} pages; median ${real[Math.floor(m / 2)].toFixed(2)} s, worst ${real[m - 1].toFixed(2)} s over ${m}`,
);
await app.close();
await database.close();
