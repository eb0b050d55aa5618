import type { AuditList, AuditQuery } from '../../../common/audit.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { badCursor } from '../../platform/cursor.js';
import { errors } from '../../platform/errors.js';
import { scopesFor } from '../../platform/permissions.js';
import { apiKeyNames, staffDisplayNames } from '../accounts/directory.js';
import * as repo from './repo.js';

const DAY_MS = 86_400_000;
/** A bare date names a whole day in Vietnam (UTC+7, no daylight saving). */
const startOfVnDay = (date: string) => new Date(`${date}T00:00:00+07:00`);
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Reading the audit trail: each administrator sees the entries filed under the units they administer. */
export function createAuditService(ctx: AppContext) {
  const { db } = ctx;
  return {
    async list(actor: Actor, q: AuditQuery): Promise<AuditList> {
      const scopes = scopesFor(actor, 'audit.read');
      if (scopes.length === 0) throw errors.forbidden();
      const from = q.from ? (isDate(q.from) ? startOfVnDay(q.from) : new Date(q.from)) : undefined;
      const before = q.to
        ? isDate(q.to)
          ? new Date(startOfVnDay(q.to).getTime() + DAY_MS)
          : new Date(new Date(q.to).getTime() + 1)
        : undefined;
      if (from && before && from >= before)
        throw errors.invalidField('to', {
          vi: 'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
          en: 'The end must be after the start.',
        });
      if (q.cursor !== undefined && !/^\d{1,15}$/.test(q.cursor)) throw badCursor();
      const prefix = q.action?.endsWith('.') ? q.action : undefined;
      const rows = await repo.listAuditEntries(db, {
        scopes,
        actorId: q.actor,
        action: prefix ? undefined : q.action,
        actionPrefix: prefix,
        resourceType: q.resourceType,
        resourceId: q.resourceId,
        from: from?.toISOString(),
        before: before?.toISOString(),
        beforeId: q.cursor ? Number(q.cursor) : undefined,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const ids = (kind: string) => page.filter((r) => r.actorKind === kind && r.actorId).map((r) => r.actorId!);
      const [staff, keys] = await Promise.all([staffDisplayNames(db, ids('user')), apiKeyNames(db, ids('api_key'))]);
      return {
        items: page.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actor: {
            id: r.actorId,
            kind: r.actorKind,
            name: r.actorId ? ((r.actorKind === 'user' ? staff : keys).get(r.actorId) ?? null) : null,
          },
          action: r.action,
          resourceType: r.resourceType,
          resourceId: r.resourceId,
          unitPath: r.unitPath,
          reason: r.reason,
          details: (r.details as Record<string, unknown> | null) ?? null,
          requestId: r.requestId,
        })),
        nextCursor: rows.length > q.limit ? String(page[page.length - 1].id) : null,
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
