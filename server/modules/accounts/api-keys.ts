import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { randomToken, sha256 } from '../../platform/tokens.js';
import * as repo from './api-key-repo.js';
import { API_KEY_PREFIX } from './sessions.js';

/** API keys for integrations. The key is returned once, at creation; only its hash is kept. */
export function createApiKeyService(db: Db) {
  return {
    async create(actor: Actor | null, input: { name: string; unitCode: string; unitPath: string | null }) {
      const key = `${API_KEY_PREFIX}${randomToken(24)}`;
      return db.transaction(async (tx) => {
        const row = await repo.insertApiKey(tx, {
          name: input.name,
          prefix: key.slice(0, 10),
          keyHash: sha256(key),
          unitCode: input.unitCode,
          createdBy: actor?.kind === 'user' ? actor.id : null,
        });
        await recordAudit(tx, actor, {
          action: 'api_key.create',
          resourceType: 'api_key',
          resourceId: row.id,
          unitPath: input.unitPath,
          details: { name: input.name },
        });
        return {
          id: row.id,
          name: row.name,
          prefix: row.prefix,
          unitCode: row.unitCode,
          createdAt: row.createdAt,
          key,
        };
      });
    },
    list: () => repo.listApiKeys(db),
    async revoke(actor: Actor | null, id: string, unitPath: string | null) {
      return db.transaction(async (tx) => {
        const row = await repo.revokeApiKey(tx, id);
        if (row)
          await recordAudit(tx, actor, { action: 'api_key.revoke', resourceType: 'api_key', resourceId: id, unitPath });
        return row;
      });
    },
  };
}
