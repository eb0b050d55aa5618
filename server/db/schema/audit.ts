import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail (a trigger refuses UPDATE and DELETE): every administrative action and every read
 * of someone's personal data — who, when, what, why. `details` never holds the personal data itself.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: text('actor_id'),
    actorKind: text('actor_kind', { enum: ['user', 'api_key', 'system'] }).notNull(),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    /** Unit path the event belongs to, so a commune administrator sees only their commune's events. */
    unitPath: text('unit_path'),
    reason: text('reason'),
    details: jsonb('details'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_resource_idx').on(t.resourceType, t.resourceId),
  ],
);
