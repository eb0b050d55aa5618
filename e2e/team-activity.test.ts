/**
 * The province's and a commune's view of community digital technology teams on a phone, in Vietnamese: the province
 * administrator sees on the map which communes have a team in every hamlet, opens the help given to residents month
 * by month and by service, and drills down to a commune and its hamlets.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../server/db/rows.js';
import { insertActivityRow } from '../server/modules/activities/activity-factory.js';
import { vnDate } from '../server/platform/calendar.js';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  // Two sessions of the TDP Trung Kiên team this month (the demo may add its own history: the test reads deltas).
  const [team] = await queryRows<{ id: string; member_id: string; user_id: string; hamlet_code: string; path: string }>(
    e.t.db,
    sql`select t.id, m.id as member_id, m.user_id, t.hamlet_code, t.unit_path as path
      from teams t join team_members m on m.team_id = t.id and m.role = 'leader' and m.user_id is not null
      join units h on h.code = t.hamlet_code
      where h.name = 'Trung Kiên' and t.dissolved_on is null limit 1`,
  );
  const [vneid] = await queryRows<{ id: string }>(e.t.db, sql`select id from catalog_services where slug = 'vneid'`);
  const today = vnDate(new Date());
  for (const [i, n] of [7, 5].entries())
    await insertActivityRow(e.t.db, {
      id: `30000000-0000-4000-8000-00000000000${i}`,
      teamId: team.id,
      memberId: team.member_id,
      authorUserId: team.user_id,
      communeCode: '05569',
      hamletCode: team.hamlet_code,
      unitPath: team.path,
      on: today,
      households: n,
      people: n,
      items: [{ serviceId: vneid.id, action: 'vneid_level2', outcome: 'done', people: n }],
    });
});
afterAll(() => e?.close());

describe('team activity', () => {
  it('the province sees coverage on the map, the help given by month and service, and drills down to a commune', async () => {
    const { page, errors, context } = await phonePage(e);
    try {
      await signInWithPassword(page, 'admin.tinh', DEMO_PASSWORD);
      await page.goto('/teams');
      await page.getByRole('heading', { name: /Độ phủ tổ công nghệ số — Tỉnh Thái Nguyên/ }).waitFor();
      const map = page.getByRole('region', {
        name: 'Bản đồ tỷ lệ thôn, tổ dân phố có tổ công nghệ số theo xã, phường',
      });
      await map.locator('path.leaflet-interactive').first().waitFor();
      expect(await map.locator('path.leaflet-interactive').count()).toBeGreaterThan(90);
      await expectAccessible(page, '/teams (province map)');
      await shot(page, 'teams-province-map');

      await page.getByRole('link', { name: 'Xem hoạt động hỗ trợ người dân' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hoạt động hỗ trợ — Tỉnh Thái Nguyên' }).waitFor();
      const sessions = page.locator('.kpis div').filter({ hasText: 'Lượt hỗ trợ' }).locator('dd');
      const before = Number((await sessions.textContent())?.replace(/\D/g, ''));
      expect(before).toBeGreaterThanOrEqual(2);
      expect(await page.getByRole('rowheader', { name: /VNeID/ }).first().isVisible()).toBe(true);
      await expectAccessible(page, '/teams/activity (province)');
      await shot(page, 'teams-activity-province');

      await page.getByRole('link', { name: 'Xã Định Hoá' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hoạt động hỗ trợ — Xã Định Hoá' }).waitFor();
      await page.getByRole('heading', { name: 'Theo thôn, tổ dân phố' }).waitFor();
      const row = page.getByRole('row', { name: /Trung Kiên/ });
      expect(Number((await row.getByRole('cell').first().textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(2);
      // A period that ends before it starts is refused, the field named.
      await page.getByLabel('Đến tháng').fill('2020-01');
      await page.getByText('Tháng kết thúc phải từ tháng bắt đầu trở đi.').first().waitFor();
      await shot(page, 'teams-activity-commune');
      expect(errors).toEqual([]);
    } catch (err) {
      await shot(page, 'team-activity-failure');
      throw err;
    } finally {
      await context.close();
    }
  }, 120_000);
});
