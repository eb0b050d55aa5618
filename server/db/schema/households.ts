import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { units } from './units.js';

/**
 * Households of a hamlet as the commune last entered them (total, those with a person who has basic digital skills, the day the figure is for, where it comes from).
 * One row per hamlet; earlier figures are in the audit trail.
 */
export const hamletHouseholds = pgTable(
  'hamlet_households',
  {
    hamletCode: text('hamlet_code')
      .primaryKey()
      .references(() => units.code),
    communeCode: text('commune_code').notNull(),
    households: integer('households').notNull(),
    /** Households with at least one person who has basic digital skills (the hamlet's survey); null: not known. */
    skilled: integer('skilled'),
    asOf: date('as_of').notNull(),
    source: text('source').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hamlet_households_commune_idx').on(t.communeCode),
    check('hamlet_households_skilled_check', sql`${t.skilled} is null or ${t.skilled} between 0 and ${t.households}`),
  ],
);
