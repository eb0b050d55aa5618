/**
 * Support network search at scale: N questions (default 100,000) and two answers each in one province, then the
 * network's list (newest first, 20 a page) with and without a diacritic-insensitive search, p50/p99 of 30 runs each.
 * Usage: DATABASE_URL=postgres://… npx tsx bench/support-search.ts [N]   (a scratch database, dropped afterwards)
 *        npx tsx bench/support-search.ts [N]                               (PGlite in memory)
 */
import { openDatabase } from '../server/db/client.js';
import * as repo from '../server/modules/support/repo.js';
import { searchWords } from '../server/modules/support/service.js';
import { prepareDatabase } from './generate-reports.js';
import { scratchPostgres } from './scratch-postgres.js';

const n = Number(process.argv[2] ?? 100_000);
const url = process.env.DATABASE_URL;
const database = url ? await scratchPostgres(url, 'bench_support') : await openDatabase({ kind: 'pglite' });
await prepareDatabase(database);

const started = performance.now();
const [user] = await database.query<{ id: string }>(
  `insert into users (full_name, phone) values ('Thành viên thử', '0900999999') returning id`,
);
// Words of the field, so folds and trigrams look like real text; 1 question in 1,000 is about VNeID level 2.
await database.query(
  `insert into support_questions (author_id, author_role, unit_path, province_code, commune_code, title, body, created_at)
   select $1, 'team_member', '19/05569', '19', '05569',
     case when i % 1000 = 0 then 'Kích hoạt VNeID mức 2 cho người cao tuổi số ' || i
          else (array['Cài ứng dụng','Đăng nhập cổng dịch vụ công','Thanh toán tiền điện','Bán hàng trên sàn',
                      'Sổ sức khỏe điện tử','Tài khoản VssID'])[1 + i % 6] || ' lần ' || i end,
     (array['Người dân hỏi cách làm.','Máy báo lỗi khi mở.','Không nhận được mã OTP.','Quên mật khẩu.'])[1 + i % 4]
       || ' Hộ số ' || i,
     now() - (i || ' seconds')::interval
   from generate_series(1, $2::int) i`,
  [user.id, n],
);
await database.query(
  `insert into support_answers (question_id, author_id, author_role, body)
   select q.id, $1, 'handling_officer', b.body
   from support_questions q
   cross join (values ('Vào Cài đặt rồi chọn Tài khoản.'), ('Xóa bộ nhớ đệm rồi thử lại.')) b(body)`,
  [user.id],
);
await database.query('analyze support_questions');
await database.query('analyze support_answers');
console.log(
  `${n.toLocaleString('en')} questions, ${(2 * n).toLocaleString('en')} answers in ${((performance.now() - started) / 1000).toFixed(1)} s (${url ? 'PostgreSQL' : 'PGlite'})`,
);

const cases: [string, string | undefined][] = [
  ['newest, no search', undefined],
  ['"vneid muc 2" (1 in 1,000)', 'vneid muc 2'],
  ['"mat khau" (1 in 4)', 'mat khau'],
  ['"bo nho dem" (in every question’s answers)', 'bo nho dem'],
  ['"khong co tu nay" (nothing)', 'khong co tu nay'],
];
for (const [label, q] of cases) {
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const rows = await repo.listQuestions(database.db, {
      provinceCodes: ['19'],
      words: searchWords(q),
      hiddenVisibleIn: [],
      limit: 21,
    });
    times.push(performance.now() - t0);
    found = rows.length;
  }
  times.sort((a, b) => a - b);
  const p = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))].toFixed(1);
  console.log(`${label}: page of ${found}, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`);
}
await database.close();
