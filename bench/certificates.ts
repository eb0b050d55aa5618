/**
 * Certificates: the time for one certificate PDF, and for N (default 10,000) of one training session printed in bulk
 * as one streamed PDF (GET /api/certificates/bulk.pdf: a page each, rows read 200 at a time), with the peak memory.
 * Also: issuing through the service (the idempotent `issue` other domains call in their transaction), per second.
 * Usage: npx tsx bench/certificates.ts [N]                               (PGlite in memory)
 *        DATABASE_URL=postgres://… npx tsx bench/certificates.ts [N]     (a scratch database, dropped afterwards)
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDatabase } from '../server/db/client.js';
import { renderCertificatePdf } from '../server/modules/certificates/pdf.js';
import { newSerial, serialKey } from '../server/modules/certificates/serial.js';
import { createCertificatesService } from '../server/modules/certificates/service.js';
import type { Actor } from '../server/platform/actor.js';
import { prepareDatabase } from './generate-reports.js';
import { scratchPostgres } from './scratch-postgres.js';

const n = Number(process.argv[2] ?? 10_000);
const url = process.env.DATABASE_URL;
const database = url ? await scratchPostgres(url, 'bench_certificates') : await openDatabase({ kind: 'pglite' });
await prepareDatabase(database);
const config = { secret: 'bench-secret-bench-secret-bench-secret!!', PUBLIC_URL: 'https://xaso.thainguyen.gov.vn' };
const certificates = createCertificatesService({ db: database.db, config });
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;

// People: N learners of Xã Định Hoá with real-looking Vietnamese names.
const t0 = performance.now();
const users = await database.query<{ id: string }>(
  `insert into users (full_name, phone)
   select (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Vũ','Đặng','Bùi'])[1 + i % 8] || ' ' ||
          (array['Thị','Văn','Minh','Quang','Thu','Đức'])[1 + i % 6] || ' ' ||
          (array['Hoà','Dũng','Ngọc','Trường','Phương','Hạnh','Khuyến','Nguyệt'])[1 + (i / 8) % 8] || ' ' || i,
          '08' || lpad(i::text, 8, '0')
   from generate_series(1, $1::int) i returning id`,
  [n],
);
const session = randomUUID();
const topic = 'Hội nghị tập huấn "Bình dân học vụ số": kỹ năng số cơ bản cho cán bộ, công chức cấp xã';
// N certificates of one session: serials drawn as the service draws them, inserted in batches of 1,000.
const key = serialKey(config.secret);
for (let i = 0; i < users.length; i += 1000) {
  const batch = users.slice(i, i + 1000);
  await database.query(
    `insert into certificates (serial, kind, source_id, user_id, holder_name, title, unit_code, unit_name, unit_path,
       issued_on, issued_at)
     select s, 'session', $2::uuid, u::uuid, (select full_name from users where id = u::uuid), $3, '05569',
       'Xã Định Hoá', '19/05569', '2026-12-07', now()
     from unnest($1::text[], $4::text[]) as x(s, u)`,
    [batch.map(() => newSerial(key)), session, topic, batch.map((u) => u.id)],
  );
}
console.log(
  `${n.toLocaleString('en')} learners and certificates of one session in ${((performance.now() - t0) / 1000).toFixed(1)} s (${url ? 'PostgreSQL' : 'PGlite'})`,
);

// Issuing through the service: 1,000 new certificates (a course), then the same 1,000 again (idempotent repeats).
const course = randomUUID();
const issueSome = async () => {
  const start = performance.now();
  for (const u of users.slice(0, 1000))
    await database.db.transaction((tx) =>
      certificates.issue(tx, {
        kind: 'course',
        sourceId: course,
        userId: u.id,
        title: 'Sử dụng VNeID',
        unitCode: '05569',
      }),
    );
  return 1000 / ((performance.now() - start) / 1000);
};
const fresh = await issueSome();
const repeat = await issueSome();
console.log(`issue(): ${fresh.toFixed(0)} new/s, ${repeat.toFixed(0)} repeats/s (one transaction each, sequential)`);

// One certificate's PDF: the first (fonts read from disk), then the median and p99 of 50.
const sample = {
  serial: newSerial(key),
  kind: 'course' as const,
  holderName: 'Nguyễn Thị Phương Hạnh',
  title: 'Bảo vệ dữ liệu cá nhân và nhận diện lừa đảo trực tuyến',
  unitName: 'Xã Định Hoá',
  issuedOn: '2026-12-07',
  verifyUrl: 'https://xaso.thainguyen.gov.vn/verify/BDHVS-XXXX-XXXX-XXXX-XXXX',
};
let start = performance.now();
const first = await renderCertificatePdf(sample);
const cold = performance.now() - start;
const times: number[] = [];
for (let i = 0; i < 50; i++) {
  start = performance.now();
  await renderCertificatePdf({ ...sample, serial: newSerial(key) });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(
  `one PDF: first ${ms(cold)}, then median ${ms(times[25])}, p99 ${ms(times[49])}; ${(first.length / 1024).toFixed(0)} KB`,
);

// Bulk: the session's N certificates as one streamed PDF into a sink that counts bytes; RSS sampled every 20 ms.
global.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const admin: Actor = {
  kind: 'user',
  id: randomUUID(),
  assignments: [{ role: 'province_admin', unitCode: '19', unitPath: '19', handlingUnitId: null }],
};
start = performance.now();
const { doc, count } = await certificates.bulk(admin, { kind: 'session', source: session });
let bytes = 0;
await pipeline(
  doc,
  new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  }),
);
const bulkMs = performance.now() - start;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(
  `bulk PDF of ${count.toLocaleString('en')} certificates: ${(bulkMs / 1000).toFixed(1)} s (${(count / (bulkMs / 1000)).toFixed(0)} pages/s), ${mb(bytes)}; RSS before ${mb(before)}, peak during ${mb(peak)} (+${mb(peak - before)}), process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
);
await database.close();
