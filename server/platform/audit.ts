import type { Executor } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import type { Actor } from './actor.js';

export interface AuditEvent {
  /** Dotted verb: "hamlet.create", "account.read_personal", "role.grant"… */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  /** Path of the unit the event concerns: a commune administrator sees events under their commune. */
  unitPath?: string | null;
  /** Why: required by law for reads of personal data; free text from the actor or the system. */
  reason?: string | null;
  /** What changed, by field name and non-personal value; never names, phones, ID numbers or locations. */
  details?: Record<string, unknown> | null;
}

/**
 * Appends one event to the audit trail, in the caller's transaction so that an action and its record
 * are written together or not at all.
 */
export async function recordAudit(
  exec: Executor,
  actor: Actor | null,
  event: AuditEvent,
  requestId?: string,
): Promise<void> {
  await exec.insert(auditLog).values({
    actorId: actor?.id ?? null,
    actorKind: actor?.kind ?? 'system',
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? null,
    unitPath: event.unitPath ?? null,
    reason: event.reason ?? null,
    details: event.details ?? null,
    requestId: requestId ?? null,
  });
}
