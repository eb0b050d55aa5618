import { describe, expect, it } from 'vitest';
import { composeMessage, type EventFacts } from './templates.js';

const facts = (dueAt: Date): EventFacts => ({
  type: 'reminder',
  toStatus: null,
  publicCode: 'PA-26-000001',
  status: 'distributed',
  cancelReason: null,
  reason: null,
  unitName: null,
  answerText: null,
  dueAt,
});

describe('a deadline in a notification (issue 7.14)', () => {
  it('a working-day deadline (24:00, stored as 00:00 of the next day) reads as its last day, four-digit year', () => {
    const m = composeMessage(facts(new Date('2026-12-16T17:00:00Z')), 'officer');
    expect(m.body).toEqual({ vi: 'Hạn xử lý: 16/12/2026.', en: 'Due: 16/12/2026.' });
  });

  it('an hour deadline keeps its time', () => {
    const m = composeMessage(facts(new Date('2026-12-16T07:30:00Z')), 'officer');
    expect(m.body).toEqual({ vi: 'Hạn xử lý: 16/12/2026 14:30.', en: 'Due: 16/12/2026 14:30.' });
  });
});
