import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import {
  act,
  categoryId,
  DINH_HOA,
  handlingUnitId,
  type Person,
  person,
  statsByStatus,
  submit,
} from './test-support.js';

/**
 * Every workflow action × every state a report can be in: where the action is allowed it answers 2xx with the new
 * status; where it is not, 409 and nothing changes (the report row, its history, its jobs, the statistics).
 * The staff actions are taken by a province administrator, who may screen and work every report of the province,
 * so the status is the only thing that can refuse them; the reporter's by the reporter.
 */
let t: TestApp;
let reporter: Person;
let admin: Person;
let officer: Person;
let giaoThong: string;
let elsewhere: string;

beforeAll(async () => {
  t = await createTestApp();
  reporter = await person(t, 'citizen');
  admin = await person(t, 'province_admin', { unitCode: '19' });
  officer = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  giaoThong = await categoryId(t, 'giao-thong');
  elsewhere = await handlingUnitId(t, 'ubnd-05443');
});
afterAll(() => t.close());

const STATES = [
  'pending',
  'awaiting_information',
  'distributed',
  'resolved',
  'rated',
  'reopened',
  'cancelled_before_distribution',
  'cancelled_after_distribution',
  'withdrawn',
] as const;
type State = (typeof STATES)[number];

const ok = async (res: Promise<{ statusCode: number; body: string }>) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
};

/** A fresh report brought to a state through the API. */
async function reportIn(state: State): Promise<string> {
  const res = await submit(t, reporter, {
    categoryId: giaoThong,
    description: `Đường bị sạt lở một bên lề (${state}).`,
    lat: DINH_HOA.lat,
    lng: DINH_HOA.lng,
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const accept = () => ok(act(t, admin, id, 'accept'));
  const answer = () => ok(act(t, admin, id, 'answer', { text: 'Đã xử lý xong.' }));
  switch (state) {
    case 'pending':
      break;
    case 'awaiting_information':
      await ok(act(t, admin, id, 'request-information', { question: 'Đoạn nào?' }));
      break;
    case 'distributed':
      await accept();
      break;
    case 'resolved':
      await accept();
      await answer();
      break;
    case 'rated':
      await accept();
      await answer();
      await ok(act(t, reporter, id, 'rate', { rating: 4 }));
      break;
    case 'reopened':
      await accept();
      await answer();
      await ok(act(t, reporter, id, 'reopen', { reason: 'Lại sạt.' }));
      break;
    case 'cancelled_before_distribution':
      await ok(act(t, admin, id, 'cancel', { reason: 'ineligible' }));
      break;
    case 'cancelled_after_distribution':
      await accept();
      await ok(act(t, admin, id, 'cancel', { reason: 'outside_jurisdiction' }));
      break;
    case 'withdrawn':
      await ok(act(t, reporter, id, 'withdraw', { note: 'Đã tự sửa.' }));
      break;
  }
  return id;
}

type Who = 'staff' | 'reporter';
const ACTIONS: Record<
  string,
  {
    who: Who;
    body: () => object;
    allowed: Partial<Record<State, 'pending' | 'distributed' | 'resolved' | 'cancelled'>>;
  }
> = {
  accept: {
    who: 'staff',
    body: () => ({}),
    allowed: { pending: 'distributed', awaiting_information: 'distributed' },
  },
  'request-information': {
    who: 'staff',
    body: () => ({ question: 'Xin gửi thêm ảnh?' }),
    allowed: { pending: 'pending', awaiting_information: 'pending' },
  },
  'provide-information': {
    who: 'reporter',
    body: () => ({ text: 'Gần cột điện số 5.' }),
    allowed: { awaiting_information: 'pending' },
  },
  forward: {
    who: 'staff',
    body: () => ({ handlingUnitId: elsewhere, reason: 'Thuộc địa bàn khác.' }),
    allowed: { distributed: 'distributed', reopened: 'distributed' },
  },
  answer: {
    who: 'staff',
    body: () => ({ text: 'Đã gia cố lề đường.' }),
    allowed: { distributed: 'resolved', reopened: 'resolved' },
  },
  cancel: {
    who: 'staff',
    body: () => ({ reason: 'spam' }),
    allowed: {
      pending: 'cancelled',
      awaiting_information: 'cancelled',
      distributed: 'cancelled',
      reopened: 'cancelled',
    },
  },
  reopen: {
    who: 'reporter',
    body: () => ({ reason: 'Vẫn còn sạt.' }),
    allowed: { resolved: 'distributed', rated: 'distributed' },
  },
  rate: { who: 'reporter', body: () => ({ rating: 5 }), allowed: { resolved: 'resolved' } },
  withdraw: {
    who: 'reporter',
    body: () => ({ note: 'Tôi không cần nữa.' }),
    allowed: { pending: 'cancelled', awaiting_information: 'cancelled' },
  },
  notes: {
    who: 'staff',
    body: () => ({ text: 'Ghi chú nội bộ.' }),
    allowed: {
      pending: 'pending',
      awaiting_information: 'pending',
      distributed: 'distributed',
      resolved: 'resolved',
      rated: 'resolved',
      reopened: 'distributed',
      cancelled_before_distribution: 'cancelled',
      cancelled_after_distribution: 'cancelled',
      withdrawn: 'cancelled',
    },
  },
};

/** Everything an action could change about a report. */
async function snapshot(id: string) {
  const [row] = await t.database.query<{ r: unknown }>('select to_jsonb(r) as r from reports r where id = $1', [id]);
  const [events] = await t.database.query<{ n: number }>(
    'select count(*)::int as n from report_events where report_id = $1',
    [id],
  );
  const [jobs] = await t.database.query<{ n: number }>(
    "select count(*)::int as n from jobs where payload->>'reportId' = $1",
    [id],
  );
  const [photos] = await t.database.query<{ n: number }>(
    'select count(*)::int as n from report_photos where report_id = $1',
    [id],
  );
  return { row: row.r, events: events.n, jobs: jobs.n, photos: photos.n, stats: await statsByStatus(t, '05569') };
}

const CELLS = Object.entries(ACTIONS).flatMap(([action, spec]) =>
  STATES.map((state) => {
    const to = spec.allowed[state] ?? null;
    return { action, state, to, expected: to ? `200 ${to}` : '409, nothing changed' };
  }),
);

describe('every action × every state', () => {
  it.each(CELLS)('$action on a $state report → $expected', async ({ action, state, to }) => {
    const spec = ACTIONS[action];
    const id = await reportIn(state);
    const who = spec.who === 'staff' ? admin : reporter;
    const before = await snapshot(id);
    const res = await act(t, who, id, action, spec.body());
    if (to) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe(to);
      const [row] = await t.database.query<{ status: string }>('select status from reports where id = $1', [id]);
      expect(row.status).toBe(to);
      expect((await snapshot(id)).events).toBe(before.events + 1);
    } else {
      expect(res.statusCode, res.body).toBe(409);
      expect(['invalid_transition', 'no_question', 'already_rated']).toContain(res.json().error.code);
      expect(await snapshot(id)).toEqual(before);
    }
  });

  it("the handling unit's own officer cannot answer or forward a report cancelled after distribution", async () => {
    const id = await reportIn('cancelled_after_distribution');
    const before = await snapshot(id);
    for (const [action, body] of [
      ['answer', { text: 'Đã xử lý.' }],
      ['forward', { handlingUnitId: elsewhere, reason: 'Chuyển.' }],
      ['accept', {}],
      ['cancel', { reason: 'ineligible' }],
    ] as const) {
      const res = await act(t, officer, id, action, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(409);
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it('bulk accept and cancel refuse the states the single actions refuse, changing nothing', async () => {
    for (const state of STATES) {
      for (const [action, spec] of [
        ['accept', ACTIONS.accept],
        ['cancel', ACTIONS.cancel],
      ] as const) {
        if (spec.allowed[state]) continue;
        const id = await reportIn(state);
        const before = await snapshot(id);
        const payload = action === 'accept' ? { ids: [id], action } : { ids: [id], action, reason: 'spam' };
        const res = await t.app.inject({ method: 'POST', url: '/api/reports/bulk', headers: admin.headers, payload });
        expect(res.json(), `${action} on ${state}`).toMatchObject({
          done: [],
          failed: [{ id, code: 'invalid_transition' }],
        });
        expect(await snapshot(id)).toEqual(before);
      }
    }
  });
});
