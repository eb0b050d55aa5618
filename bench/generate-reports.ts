/**
 * Makes N citizen reports over Thái Nguyên's communes, with their statistics rollup, for benchmarks.
 * Usage: npx tsx bench/generate-reports.ts [N=1000000] [pglite-data-dir]   (or DATABASE_URL=… for PostgreSQL)
 *
 * Points lie inside the real commune boundaries (random points kept when the point-in-polygon index puts them in
 * that commune, a pool of 64 per commune, jittered by ±50 m). Status mix follows the province's published table
 * (53 % resolved, 6 % distributed, 25 % pending, 16 % cancelled), spread over 2025-01-01 … 2026-11-25.
 * Reports are written with INSERT … SELECT generate_series in batches with the delta triggers off (millions of
 * deltas would only be folded again); then report_counts_rebuild() (migration 0009) counts every rollup from the
 * reports themselves, exactly as the deltas would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { type Database, openDatabase } from '../server/db/client.js';
import { migrateDatabase } from '../server/db/migrate.js';
import { BOUNDARIES_DIR } from '../server/modules/units/boundaries.js';
import * as seedRepo from '../server/modules/units/seed-repo.js';
import { buildPointIndex } from '../server/platform/geo/point-index.js';
import { seededRandom as rng } from '../server/platform/seeded-random.js';
import { seedReferenceData } from '../server/seed/reference.js';

const POINTS_PER_COMMUNE = 64;
const BATCH = 100_000;

export const TEXTS = [
  'Đường liên thôn bị sụt lún, nhiều ổ gà nguy hiểm cho xe máy',
  'Rác thải sinh hoạt tồn đọng nhiều ngày chưa được thu gom',
  'Đèn chiếu sáng công cộng bị hỏng, khu vực tối vào ban đêm',
  'Nước sinh hoạt bị đục, có mùi lạ từ sáng nay',
  'Cống thoát nước bị tắc, ngập úng khi trời mưa',
  'Công trình xây dựng lấn chiếm vỉa hè, không có biển báo',
  'Tiếng ồn từ quán karaoke kéo dài sau 22 giờ',
  'Cây xanh gãy đổ chắn ngang đường sau bão',
  'Hố ga mất nắp trên đường trục chính',
  'Đốt rơm rạ gây khói mù khu dân cư',
  'Lấn chiếm đất công làm bãi tập kết vật liệu',
  'Biển báo giao thông bị che khuất tại ngã ba',
  'Trạm y tế đóng cửa trong giờ hành chính',
  'Trường học thiếu nhà vệ sinh cho học sinh',
  'Thủ tục cấp giấy chứng nhận quyền sử dụng đất chậm trễ',
  'Sạt lở taluy dương đe dọa nhà dân',
  'Chăn thả gia súc trên đường gây mất an toàn giao thông',
  'Xả nước thải chăn nuôi ra mương thủy lợi',
  'Dây điện võng thấp qua khu dân cư',
  'Cầu tràn xuống cấp, lan can bị gãy',
];

/** 64 points inside each commune of province 19 (from the boundaries used by locate). */
export function communePoints() {
  const fc = JSON.parse(readFileSync(join(BOUNDARIES_DIR, '19.locate.geojson'), 'utf8')) as FeatureCollection<
    Polygon | MultiPolygon
  >;
  const index = buildPointIndex(fc);
  const random = rng(19);
  const points: { code: string; lat: number; lng: number }[] = [];
  for (const f of fc.features) {
    const coords = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flatMap(
      (p) => p[0],
    );
    const xs = coords.map((c) => c[0]);
    const ys = coords.map((c) => c[1]);
    const [x0, y0, x1, y1] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    let found = 0;
    for (let tries = 0; found < POINTS_PER_COMMUNE && tries < 100_000; tries++) {
      const lng = x0 + random() * (x1 - x0);
      const lat = y0 + random() * (y1 - y0);
      if (index.locate(lng, lat) === String(f.id)) {
        points.push({ code: String(f.id), lat, lng });
        found++;
      }
    }
  }
  return points;
}

/** Writes n reports (public codes BN-…) and their rollup rows; returns the time taken in seconds. */
export async function generateReports(database: Database, n: number, log = console.log): Promise<number> {
  const started = performance.now();
  const q = database.query.bind(database);
  const points = communePoints();
  await q('drop table if exists bench_points');
  await q('drop table if exists bench_texts');
  await q(
    'create table bench_points (idx int primary key, commune_code text, unit_path text, name text, committee uuid, lat float8, lng float8)',
  );
  await q('create table bench_texts (idx int primary key, text text)');
  const rows = points.map((p, i) => [i, p.code, p.lat, p.lng]);
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await q(
      `insert into bench_points (idx, commune_code, unit_path, name, committee, lat, lng)
       select v.idx, v.code, u.path, u.full_name, h.id, v.lat, v.lng
       from jsonb_to_recordset($1::jsonb) as v(idx int, code text, lat float8, lng float8)
       join units u on u.code = v.code left join handling_units h on h.code = 'ubnd-' || v.code`,
      [JSON.stringify(chunk.map(([idx, code, lat, lng]) => ({ idx, code, lat, lng })))],
    );
  }
  await q(`insert into bench_texts select (o - 1)::int, t from unnest($1::text[]) with ordinality as x(t, o)`, [TEXTS]);
  const [{ np }] = await q<{ np: number }>('select count(*)::int as np from bench_points');
  const cats = await q<{ id: string }>(
    `select id from feedback_categories where province_code = '19' and active order by sort_order, code`,
  );
  if (cats.length === 0) throw new Error('no feedback categories for province 19');
  await q('drop table if exists bench_cats');
  await q('create table bench_cats (idx int primary key, id uuid)');
  await q(`insert into bench_cats select (o - 1)::int, id from unnest($1::uuid[]) with ordinality as x(id, o)`, [
    cats.map((c) => c.id),
  ]);
  const [{ base }] = await q<{ base: number }>(
    `select coalesce(max(substring(public_code from 4)::int), 0)::int as base from reports where public_code like 'BN-%'`,
  );
  log(`  ${np} points in ${new Set(points.map((p) => p.code)).size} communes, ${cats.length} categories`);

  // Bulk: the counts are rebuilt once at the end instead of a delta per row (migration 0009's triggers).
  await q('alter table reports disable trigger report_count_deltas_insert_delete');
  await q('select setseed(0.19)');
  for (let from = 1; from <= n; from += BATCH) {
    const to = Math.min(n, from + BATCH - 1);
    await q(
      `insert into reports (id, public_code, category_id, description, status, cancel_reason, channel, province_code,
         commune_code, unit_path, lat, lng, handling_unit_id, created_at, accepted_at, resolved_at, resolved_on_time,
         answer_text, rating, reopen_count, show_name, updated_at)
       select gen_random_uuid(), 'BN-' || lpad((g.i + $3)::text, 8, '0'), c.id,
         t.text || ' — ' || p.name, g.status,
         case when g.status = 'cancelled' then
           case when g.r5 < 0.5 then 'ineligible' when g.r5 < 0.75 then 'outside_jurisdiction'
                when g.r5 < 0.92 then 'duplicate' else 'spam' end end,
         case when g.r5 < 0.8 then 'app' when g.r5 < 0.9 then 'hotline' else 'assisted' end,
         '19', p.commune_code, p.unit_path,
         p.lat + (g.r6 - 0.5) * 0.001, p.lng + (g.r7 - 0.5) * 0.001,
         case when g.status in ('distributed', 'resolved') then p.committee end,
         g.at, case when g.status in ('distributed', 'resolved') then g.at + interval '1 day' end,
         case when g.status = 'resolved' then g.at + interval '5 days' end,
         case when g.status = 'resolved' then g.r5 < 0.8 end,
         case when g.status = 'resolved' then 'Đã kiểm tra và xử lý xong.' end,
         case when g.status = 'resolved' and g.r6 < 0.3 then 1 + floor(g.r7 * 5)::int end,
         case when g.status = 'resolved' and g.r6 > 0.98 then 1 else 0 end,
         g.r5 < 0.3, g.at
       from (
         select i, r1, r5, r6, r7,
           case when r4 < 0.53 then 'resolved' when r4 < 0.59 then 'distributed' when r4 < 0.84 then 'pending'
                else 'cancelled' end as status,
           timestamptz '2025-01-01 00:00+07' + r2 * interval '694 days' as at,
           floor(r3 * $4)::int as cat, floor(r1 * $5)::int as pt, floor(r5 * ${TEXTS.length})::int as tx
         from (select i, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7
               from generate_series($1::int, $2::int) i) raw
       ) g
       join bench_cats c on c.idx = g.cat
       join bench_points p on p.idx = g.pt
       join bench_texts t on t.idx = g.tx`,
      [from, to, base, cats.length, np],
    );
    log(`  ${to.toLocaleString('en')} reports (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await q('alter table reports enable trigger report_count_deltas_insert_delete');
  await q('select report_counts_rebuild()');
  await q('drop table bench_points');
  await q('drop table bench_texts');
  await q('drop table bench_cats');
  await q('analyze');
  return (performance.now() - started) / 1000;
}

/** Opens (and prepares) a database for benchmarks: migrated, reference data (units, committees, categories). */
export async function prepareDatabase(database: Database) {
  await migrateDatabase(database);
  if ((await seedRepo.countUnits(database.db)) === 0) await seedReferenceData(database.db);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const url = process.env.DATABASE_URL;
  const database = url
    ? await openDatabase({ kind: 'postgres', url })
    : await openDatabase({ kind: 'pglite', dataDir: process.argv[3] ?? './data/bench-db' });
  await prepareDatabase(database);
  const seconds = await generateReports(database, n);
  const [{ reports, rollup }] = await database.query<{ reports: number; rollup: number }>(
    `select (select count(*)::int from reports) as reports, (select coalesce(sum(reports), 0)::int from report_stats_daily) as rollup`,
  );
  console.log(`${n.toLocaleString('en')} reports in ${seconds.toFixed(1)} s; reports ${reports}, rollup sum ${rollup}`);
  await database.close();
}
