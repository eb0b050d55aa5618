/**
 * A commune clerk's teams-and-members spreadsheet at its largest (TEAM_IMPORT_MAX_ROWS = 10,000 rows): 250 hamlets
 * of one commune with 40 members each, as an XLSX file made with ExcelJS. Through the HTTP route the web app uses
 * (`POST /api/teams/import`, multipart, as a commune administrator): the check (dry run), the import (one
 * transaction), the same file again (nothing added), and a file with 100 bad rows answered with the clerk's error
 * report (`?report=xlsx`). Prints seconds per step and the process's peak memory (max RSS) and heap.
 *
 * Usage: npx tsx bench/teams-import.ts [rows=10000]          (PGlite in memory)
 *        DATABASE_URL=postgres://… npx tsx bench/teams-import.ts (a scratch database, dropped afterwards)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { TEAM_IMPORT_COLUMNS } from '../common/constants/teams.js';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { createSessionService } from '../server/modules/accounts/sessions.js';
import { createLogSmsProvider } from '../server/platform/sms.js';
import { readTable } from '../server/platform/spreadsheet.js';
import { createUser } from '../server/test/factories.js';
import { multipart } from '../server/test/http.js';
import { prepareDatabase } from './generate-reports.js';
import { scratchPostgres } from './scratch-postgres.js';

const ROWS = Number(process.argv[2] ?? 10_000);
const HAMLETS = 250;
const COMMUNE = '05569'; // Xã Định Hoá
const url = process.env.DATABASE_URL;
const database = url ? await scratchPostgres(url, 'bench_teams_import') : await openDatabase({ kind: 'pglite' });
await prepareDatabase(database);

// 250 hamlets in one commune (hamlets exist in no public dataset: a commune creates them).
await database.query(
  `insert into units (code, parent_code, level, kind, name, full_name, path, province_code)
   select '${COMMUNE}-b' || g, c.code, 'hamlet', 'thon', 'Bản thử ' || g, 'Thôn Bản thử ' || g,
     c.path || '/${COMMUNE}-b' || g, c.province_code
   from units c cross join generate_series(1, $1::int) g where c.code = '${COMMUNE}'`,
  [HAMLETS],
);

const ORGS = ['Đoàn Thanh niên', 'Hội Liên hiệp Phụ nữ', 'Hội Nông dân', 'Công an', 'Tình nguyện viên / sinh viên'];
async function workbook(rows: number, bad = 0): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tổ công nghệ số');
  ws.addRow(TEAM_IMPORT_COLUMNS.map((c) => c.header));
  for (let i = 0; i < rows; i++) {
    const hamlet = 1 + (i % HAMLETS);
    const first = i < HAMLETS;
    ws.addRow([
      i < bad ? `Thôn Không Có ${i}` : `Thôn Bản thử ${hamlet}`,
      first ? `Tổ công nghệ số cộng đồng Bản thử ${hamlet}` : '',
      first ? `${100 + hamlet}/QĐ-UBND` : '',
      first ? '15/06/2025' : '',
      `Thành viên Số ${i + 1}`,
      `09${String(10_000_000 + i).padStart(8, '0')}`,
      ORGS[i % ORGS.length],
      first ? 'Tổ trưởng' : 'Thành viên',
      '01/07/2025',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const admin = await createUser(database.db, { role: 'commune_admin', unitCode: COMMUNE });
const session = await createSessionService(database.db, 30).start(admin.id, 'bench');
const filesDir = mkdtempSync(join(tmpdir(), 'xaso-bench-import-'));
const app = await buildApp({
  config: loadConfig({
    NODE_ENV: 'production',
    XASO_DEMO: '0',
    LOG_LEVEL: 'silent',
    XASO_SECRET: randomUUID() + randomUUID(),
    DATA_DIR: filesDir,
    RATE_LIMIT_PER_MINUTE: '100000000',
  }),
  database,
  logger: false,
  runJobs: false,
  sms: createLogSmsProvider(pino({ level: 'silent' })),
});

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
let heapPeak = 0;
const heapSampler = setInterval(() => {
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
}, 10);
async function upload(label: string, file: Buffer, query: string, expect: number) {
  const body = multipart(
    file,
    'to-cong-nghe-so.xlsx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  heapPeak = 0;
  const t0 = performance.now();
  // The server's load guard may shed a request (503) on this shared machine: the clerk's browser sends it again.
  let res: Awaited<ReturnType<typeof app.inject>>;
  let shed = 0;
  for (;;) {
    res = await app.inject({
      method: 'POST',
      url: `/api/teams/import?unit=${COMMUNE}${query}`,
      headers: {
        cookie: `xs_session=${session.token}`,
        'x-csrf-token': session.csrfToken,
        ...body.headers,
      },
      payload: body.payload,
    });
    if (res.statusCode !== 503) break;
    shed++;
    await new Promise((r) => setTimeout(r, 500));
  }
  const seconds = (performance.now() - t0) / 1000;
  if (res.statusCode !== expect) throw new Error(`${label}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
  const answer = res.headers['content-type']?.toString().includes('json')
    ? res.body.slice(0, 120)
    : `${res.rawPayload.length} bytes of XLSX`;
  console.log(
    `${label.padEnd(34)} ${seconds.toFixed(2).padStart(6)} s  heap peak ${mb(heapPeak).padStart(7)}  max RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}  → ${answer}${shed ? ` (shed ${shed}× and sent again)` : ''}`,
  );
}

const good = await workbook(ROWS);
const broken = await workbook(ROWS, 100);
console.log(
  `${url ? 'PostgreSQL' : 'PGlite'}: ${ROWS.toLocaleString('en')} rows, ${HAMLETS} hamlets, file ${Math.round(good.length / 1024)} KB; ` +
    `${cpus().length} cores, load ${loadavg()[0].toFixed(1)}; RSS before ${mb(process.memoryUsage().rss)}`,
);
{
  const t0 = performance.now();
  const table = await readTable(good);
  console.log(
    `${'reading the XLSX alone (readTable)'.padEnd(34)} ${((performance.now() - t0) / 1000).toFixed(2).padStart(6)} s  (${table.rows.length} rows)`,
  );
}
await upload('check (dry run)', good, '&dryRun=1', 200);
await upload('import (one transaction)', good, '', 201);
await upload('the same file again (adds nothing)', good, '', 201);
await upload('100 bad rows: JSON rows', broken, '', 422);
await upload('100 bad rows: error report XLSX', broken, '&report=xlsx', 422);
const [{ teams, members }] = await database.query<{ teams: number; members: number }>(
  `select count(distinct t.id)::int as teams, count(m.id)::int as members
   from teams t left join team_members m on m.team_id = t.id where t.commune_code = '${COMMUNE}'`,
);
console.log(`in the database: ${teams} teams, ${members} members`);
clearInterval(heapSampler);
await app.close();
await database.close();
rmSync(filesDir, { recursive: true, force: true });
