import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { seedIfEmpty } from './index.js';

const opened: Database[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});

async function emptyDatabase() {
  const d = await openDatabase({ kind: 'pglite' });
  opened.push(d);
  await migrateDatabase(d);
  return d;
}

describe('first start without demo data (XASO_DEMO=0)', { timeout: 180_000 }, () => {
  it('creates one province administrator from XASO_ADMIN_PHONE / XASO_ADMIN_PASSWORD, who signs in', async () => {
    const database = await emptyDatabase();
    const config = loadConfig({
      XASO_DEMO: '0',
      XASO_ADMIN_PHONE: '+84 912 000 111',
      XASO_ADMIN_PASSWORD: 'Quan-tri-2026!',
      LOG_LEVEL: 'silent',
    });
    expect(await seedIfEmpty(database, config)).toEqual({ seeded: true, demoAccounts: [] });
    const users = await database.query<{ phone: string; is_demo: boolean; managed_by_admin: boolean }>(
      'select phone, is_demo, managed_by_admin from users',
    );
    expect(users).toEqual([{ phone: '0912000111', is_demo: false, managed_by_admin: true }]);
    expect((await database.query<{ n: number }>('select count(*)::int as n from units'))[0].n).toBe(3355);

    const app = await buildApp({ config, database, logger: false });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { login: '0912000111', password: 'Quan-tri-2026!' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().assignments.map((a: { role: string }) => a.role)).toContain('province_admin');
    await app.close();
    // A second start leaves the data alone.
    expect(await seedIfEmpty(database, config)).toEqual({ seeded: false, demoAccounts: [] });
  });

  it('refuses a weak password or a bad phone, naming the variable, and writes nothing', async () => {
    const database = await emptyDatabase();
    const weak = loadConfig({ XASO_DEMO: '0', XASO_ADMIN_PHONE: '0912000111', XASO_ADMIN_PASSWORD: '12345678' });
    await expect(seedIfEmpty(database, weak)).rejects.toThrow(/XASO_ADMIN_PASSWORD/);
    const badPhone = loadConfig({ XASO_DEMO: '0', XASO_ADMIN_PHONE: '12', XASO_ADMIN_PASSWORD: 'Quan-tri-2026!' });
    await expect(seedIfEmpty(database, badPhone)).rejects.toThrow(/XASO_ADMIN_PHONE/);
    expect((await database.query<{ n: number }>('select count(*)::int as n from units'))[0].n).toBe(0);
  });
});

describe('first start with demo data', { timeout: 180_000 }, () => {
  it('seeds demo hamlets, handling units and one account per role, marked demo', async () => {
    const database = await emptyDatabase();
    const result = await seedIfEmpty(database, loadConfig({ LOG_LEVEL: 'silent' }));
    expect(result.demoAccounts.map((a) => a.role).sort()).toEqual([
      'citizen',
      'commune_admin',
      'commune_admin',
      'handling_officer',
      'handling_officer',
      'province_admin',
      'team_member',
    ]);
    const hamlets = await database.query<{ parent_code: string; n: number }>(
      "select parent_code, count(*)::int as n from units where level = 'hamlet' group by parent_code order by parent_code",
    );
    expect(hamlets.map((h) => h.parent_code)).toEqual(['01840', '05443', '05569', '05611']);
    expect((await database.query<{ n: number }>('select count(*)::int as n from users where not is_demo'))[0].n).toBe(
      0,
    );
    // Staff accounts are the administration's to reset; the demo citizen's account is the citizen's own.
    const managed = await database.query<{ role: string; managed: boolean }>(
      `select distinct a.role, u.managed_by_admin as managed from users u join role_assignments a on a.user_id = u.id
       where a.role <> 'citizen' or not exists (select 1 from role_assignments b where b.user_id = u.id and b.role <> 'citizen')
       order by a.role`,
    );
    expect(managed).toEqual([
      { role: 'citizen', managed: false },
      { role: 'commune_admin', managed: true },
      { role: 'handling_officer', managed: true },
      { role: 'province_admin', managed: true },
      { role: 'team_member', managed: true },
    ]);
  });
});
