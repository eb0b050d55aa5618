/**
 * The notification jobs behind the real feedback workflow (not hand-written rows): a citizen submits through the
 * API, the commune's officer accepts and answers, and the citizen's notification centre tells the story; the same
 * report then reads the same through Open311.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { act, categoryId, DINH_HOA, type Person, person, submit } from '../feedback/test-support.js';

let t: TestApp;
let citizen: Person;
let officer: Person;
let neighbour: Person;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await person(t, 'citizen');
  neighbour = await person(t, 'citizen');
  officer = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
});
afterAll(() => t.close());

const titles = async (who: Person) =>
  (await t.app.inject({ url: '/api/notifications', headers: who.headers }))
    .json()
    .items.map((n: { title: string }) => n.title);

describe('feedback workflow → notifications', () => {
  it('submit → officer told; accept and answer → reporter and followers told, in order', async () => {
    const res = await submit(t, citizen, {
      categoryId: await categoryId(t, 'giao-thong'),
      description: 'Ổ gà lớn giữa đường trước chợ Chu.',
      lat: DINH_HOA.lat,
      lng: DINH_HOA.lng,
    });
    expect(res.statusCode).toBe(201);
    const { id, publicCode } = res.json();
    await t.runJobs();
    expect(await titles(officer)).toEqual([`Phản ánh mới ${publicCode} cần sàng lọc`]);
    expect(await titles(citizen)).toEqual([]); // they sent it themselves

    expect((await act(t, officer, id, 'accept')).statusCode).toBe(200);
    const follow = await t.app.inject({ method: 'POST', url: `/api/reports/${id}/follow`, headers: neighbour.headers });
    expect(follow.statusCode).toBe(200);
    expect((await act(t, officer, id, 'answer', { text: 'Đã vá ổ gà ngày 26/11.' })).statusCode).toBe(200);
    await t.runJobs();
    expect(await titles(citizen)).toEqual([
      `Phản ánh ${publicCode} đã được xử lý`,
      `Phản ánh ${publicCode} đã được tiếp nhận`,
    ]);
    expect(await titles(neighbour)).toEqual([`Phản ánh ${publicCode} đã được xử lý`]);

    const [o311] = (await t.app.inject(`/open311/v2/requests/${publicCode}.json`)).json();
    expect(o311).toMatchObject({
      status: 'closed',
      status_notes: 'Đã vá ổ gà ngày 26/11.',
      service_code: 'giao-thong',
    });
  });
});
