/**
 * The demo's training fixture (seed 004): the conference of the northern communes with Mobifone Bắc Kạn, 8 sites
 * (điểm cầu) in real communes of Thái Nguyên and 154 participants attended; an upcoming session open to register.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
