import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { units } from './units.js';

/**
 * Indicators entered from elsewhere (issue 12): a unit's figure for one month (and subject, e.g. an agency), appended
 * with history. A later entry for the same indicator + unit + month + subject is a correction: the earlier one stays,
 * marked not current (`current` false, `superseded_by` the correction), so the history is every row of the key.
 */
export const indicatorEntries = pgTable(
  'indicator_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicator: text('indicator').notNull(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    unitPath: text('unit_path').notNull(),
    /** First day of the month the figure is for. */
    month: date('month').notNull(),
    /** '' when the indicator is not entered per subject (a key column cannot be null). */
    subject: text('subject').notNull().default(''),
    value: doublePrecision('value'),
    numerator: doublePrecision('numerator'),
    denominator: doublePrecision('denominator'),
    note: text('note'),
    /** Why a correction replaced the figure before it (required for corrections). */
    reason: text('reason'),
    current: boolean('current').notNull().default(true),
    supersededBy: uuid('superseded_by'),
    enteredBy: uuid('entered_by').references(() => users.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
    /** The client's Idempotency-Key, scoped to its sender: a retried POST answers this row. */
    idempotencyKey: text('idempotency_key'),
  },
  (t) => [
    uniqueIndex('indicator_entries_current_key')
      .on(t.indicator, t.unitCode, t.month, t.subject)
      .where(sql`${t.current}`),
    uniqueIndex('indicator_entries_idempotency_key').on(t.idempotencyKey),
    index('indicator_entries_lookup_idx').on(t.indicator, t.month, t.unitCode),
    index('indicator_entries_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.month),
    check(
      'indicator_entries_figure_check',
      sql`(${t.value} is not null and ${t.numerator} is null and ${t.denominator} is null) or
        (${t.value} is null and ${t.numerator} is not null and ${t.denominator} is not null and ${t.numerator} <= ${t.denominator})`,
    ),
  ],
);

/**
 * Targets: an indicator's target for a unit and every unit below it from a month on (and for one subject, '' for
 * all). The nearest unit's latest target not after the period's last month applies.
 */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicator: text('indicator').notNull(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    unitPath: text('unit_path').notNull(),
    fromMonth: date('from_month').notNull(),
    subject: text('subject').notNull().default(''),
    value: doublePrecision('value').notNull(),
    setBy: uuid('set_by').references(() => users.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('indicator_targets_key').on(t.indicator, t.unitCode, t.fromMonth, t.subject)],
);
