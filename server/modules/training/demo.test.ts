/**
 * The demo's training fixture (seed 004): the conference of the northern communes with Mobifone Bắc Kạn, 8 sites
 * (điểm cầu) in real communes of Thái Nguyên and 154 participants attended; an upcoming session open to register.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { DEMO_CONFERENCE, seedDemoTraining } from './demo.js';

let t: TestApp;
let ids: { conference: string; upcoming: string };
beforeAll(async () => {
  t = await createTestApp();
  ids = await t.db.transaction((tx) => seedDemoTraining(tx, new Date()));
});
afterAll(() => t.close());

describe('demo training sessions', () => {
  it('the 2025 conference: 8 sites in communes of Thái Nguyên, 154 attended (officials, union members and youth)', async () => {
    const res = await t.app.inject(`/api/training/sessions/${ids.conference}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.topic).toBe(DEMO_CONFERENCE.topic);
    expect(s.sites).toHaveLength(8);
    expect(s.sites.filter((x: { main: boolean }) => x.main)).toHaveLength(1);
    expect(s.sites.every((x: { communeName: string | null }) => x.communeName?.startsWith('Xã'))).toBe(true);
    expect(s.attended).toBe(154);
    expect(s.sites.reduce((n: number, x: { attended: number }) => n + x.attended, 0)).toBe(154);
    const cats = Object.fromEntries(
      s.byCategory.map((c: { category: string; attended: number }) => [c.category, c.attended]),
    );
    expect(cats.official + cats.youth_union).toBe(154);
    // a public answer: counts, no names
    expect(res.body).not.toMatch(/Nguyễn|Trần|Hoàng (Văn|Thị)/);
    const past = (await t.app.inject('/api/training/sessions?when=past')).json();
    expect(past.items.map((i: { id: string }) => i.id)).toContain(ids.conference);
  });

  it('an upcoming session is listed and open for registration', async () => {
    const list = (await t.app.inject('/api/training/sessions')).json();
    const item = list.items.find((i: { id: string }) => i.id === ids.upcoming);
    expect(item.siteCount).toBe(2);
    expect(item.certificateOnAttendance).toBe(true);
  });

  it('the learner statistics count the sessions and attendance by site, for the province and a site’s commune', async () => {
    const province = await t.sessionHeaders((await createUser(t.db, { role: 'province_admin', unitCode: '19' })).id);
    const stats = async (unit: string, headers = province, query = '') => {
      const res = await t.app.inject({ url: `/api/learning/stats?unit=${unit}${query}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().training;
    };
    const all = await stats('19');
    const conference = all.bySession.find((x: { sessionId: string }) => x.sessionId === ids.conference);
    expect(conference.sites).toHaveLength(8);
    expect(conference.attended).toBe(154);
    expect(conference.sites.reduce((n: number, x: { attended: number }) => n + x.attended, 0)).toBe(154);
    expect(all.attended).toBeGreaterThanOrEqual(154);
    // Ba Bể hosts the main site: its administrator sees the province's conference; a commune with no site does not.
    const baBe = await t.sessionHeaders((await createUser(t.db, { role: 'commune_admin', unitCode: '01906' })).id);
    expect((await stats('01906', baBe)).bySession.map((x: { sessionId: string }) => x.sessionId)).toContain(
      ids.conference,
    );
    expect((await stats('05569')).bySession.map((x: { sessionId: string }) => x.sessionId)).not.toContain(
      ids.conference,
    );
    // The period: a month after the conference leaves it out.
    const day = conference.startsOn as string;
    const next = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1)).toISOString().slice(0, 7);
    expect(
      (await stats('19', province, `&from=${next}`)).bySession.map((x: { sessionId: string }) => x.sessionId),
    ).not.toContain(ids.conference);
    expect(
      (await stats('19', province, `&from=${day.slice(0, 7)}&to=${day.slice(0, 7)}`)).sessions,
    ).toBeGreaterThanOrEqual(1);
    // The workbook has a sheet of sites.
    const xlsx = await t.app.inject({ url: '/api/learning/stats/export.xlsx?unit=19', headers: province });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Tập huấn theo điểm cầu');
    expect(sheet).toBeTruthy();
    expect(sheet!.rowCount).toBeGreaterThanOrEqual(1 + 8);
  });
});
