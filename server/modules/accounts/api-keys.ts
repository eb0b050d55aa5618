import type { ApiKeyView, CreatedApiKey } from '../../../common/accounts.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { decodeCursor, encodeCursor, keyset } from '../../platform/cursor.js';
import { errors } from '../../platform/errors.js';
import { authorize, scopesFor } from '../../platform/permissions.js';
import { randomToken, sha256 } from '../../platform/tokens.js';
import * as repo from './api-key-repo.js';
import { findUnit } from './repo.js';
import { API_KEY_PREFIX } from './sessions.js';
import { iso, isoOrNull } from './views.js';

type KeyRow = Awaited<ReturnType<typeof repo.listApiKeys>>[number];

function toView(r: KeyRow): ApiKeyView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    unitCode: r.unitCode,
    unitName: r.unitName,
    createdAt: iso(r.createdAt),
    lastUsedAt: isoOrNull(r.lastUsedAt),
    revokedAt: isoOrNull(r.revokedAt),
  };
}

/** API keys for integrations. The key is returned once, at creation; only its SHA-256 is kept. */
export function createApiKeyService(db: Db) {
  return {
    /** Creates a key for a unit (the command line passes actor null: the system acts). */
    async create(
      actor: Actor | null,
      input: { name: string; unitCode: string; unitPath: string | null },
      requestId?: string,
    ): Promise<CreatedApiKey> {
      const key = `${API_KEY_PREFIX}${randomToken(24)}`;
      return db.transaction(async (tx) => {
        const row = await repo.insertApiKey(tx, {
          name: input.name,
          prefix: key.slice(0, 10),
          keyHash: sha256(key),
          unitCode: input.unitCode,
          createdBy: actor?.kind === 'user' ? actor.id : null,
        });
        await recordAudit(
          tx,
          actor,
          {
            action: 'api_key.create',
            resourceType: 'api_key',
            resourceId: row.id,
            unitPath: input.unitPath,
            details: { name: input.name, unitCode: input.unitCode },
          },
          requestId,
        );
        const view = await repo.findApiKey(tx, row.id);
        return { ...toView(view!), key };
      });
    },

    list: () => repo.listApiKeys(db),

    async revoke(actor: Actor | null, id: string, unitPath: string | null, requestId?: string) {
      return db.transaction(async (tx) => {
        const row = await repo.revokeApiKey(tx, id);
        if (row)
          await recordAudit(
            tx,
            actor,
            { action: 'api_key.revoke', resourceType: 'api_key', resourceId: id, unitPath },
            requestId,
          );
        return row;
      });
    },

    /** Keys of the units the administrator manages, newest first. */
    async listFor(actor: Actor, query: { cursor?: string; limit: number }) {
      const scopes = scopesFor(actor, 'api_key.manage');
      if (scopes.length === 0) throw errors.forbidden();
      const after = query.cursor ? decodeCursor(query.cursor, keyset()) : undefined;
      const rows = await repo.listApiKeysIn(
        db,
        scopes,
        after ? { createdAt: after[0], id: after[1] } : undefined,
        query.limit + 1,
      );
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toView),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAtExact, last.id]) : null,
      };
    },

    /** Creates a key for a unit the administrator manages (their province when none is named). */
    async createFor(actor: Actor, input: { name: string; unitCode?: string }, requestId: string) {
      const unitCode = input.unitCode ?? defaultUnit(actor);
      const unit = unitCode ? await findUnit(db, unitCode) : null;
      if (unit?.status !== 'active') {
        if (!input.unitCode) throw errors.forbidden();
        throw errors.invalidField('unitCode', { vi: 'Không có đơn vị này.', en: 'No such unit.' });
      }
      authorize(actor, 'api_key.manage', { unitPath: unit.path });
      return this.create(actor, { name: input.name, unitCode: unit.code, unitPath: unit.path }, requestId);
    },

    /** Revokes a key at once: the next request with it is refused (401). Revoking twice changes nothing. */
    async revokeFor(actor: Actor, id: string, requestId: string): Promise<ApiKeyView> {
      const found = await repo.findApiKey(db, id);
      if (!found) throw errors.notFound({ vi: 'khóa API', en: 'API key' });
      authorize(actor, 'api_key.manage', { unitPath: found.unitPath });
      if (!found.revokedAt) await this.revoke(actor, id, found.unitPath, requestId);
      return toView((await repo.findApiKey(db, id))!);
    },
  };

  /** The unit of the actor's first assignment that may manage keys (a province administrator's province). */
  function defaultUnit(actor: Actor): string | null {
    const scopes = scopesFor(actor, 'api_key.manage');
    return actor.assignments.find((a) => a.unitPath && scopes.includes(a.unitPath))?.unitCode ?? null;
  }
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
