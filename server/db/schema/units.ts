import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Administrative units: province → commune (xã, phường, đặc khu) → hamlet (thôn, xóm, bản, tổ dân phố…).
 * `path` is the chain of codes from the province ("19/05569/05569-003"): a scope covers every unit whose
 * path starts with its own, so "everything below" is one prefix comparison.
 */
export const units = pgTable(
  'units',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code'),
    level: text('level', { enum: ['province', 'commune', 'hamlet'] }).notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    nameEn: text('name_en'),
    fullNameEn: text('full_name_en'),
    path: text('path').notNull(),
    provinceCode: text('province_code').notNull(),
    status: text('status', { enum: ['active', 'retired'] })
      .notNull()
      .default('active'),
    mergedInto: text('merged_into'),
    households: integer('households'),
    population: integer('population'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('units_parent_idx').on(t.parentCode, t.fullName),
    index('units_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
  ],
);

/** Handling units (cơ quan xử lý): commune People's Committees, provincial departments, agencies, utilities. */
export const handlingUnits = pgTable(
  'handling_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', {
      enum: ['province_committee', 'commune_committee', 'department', 'agency', 'utility'],
    }).notNull(),
    /** The administrative unit it belongs to (its commune, or the province). */
    unitCode: text('unit_code').notNull(),
    provinceCode: text('province_code').notNull(),
    /** Where overdue work escalates to. */
    parentId: uuid('parent_id'),
    email: text('email'),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('handling_units_unit_idx').on(t.unitCode), index('handling_units_province_idx').on(t.provinceCode)],
);

/** The communes a handling unit serves. */
export const handlingUnitAreas = pgTable(
  'handling_unit_areas',
  {
    handlingUnitId: uuid('handling_unit_id').notNull(),
    communeCode: text('commune_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.handlingUnitId, t.communeCode] }), index('hu_areas_commune_idx').on(t.communeCode)],
);
