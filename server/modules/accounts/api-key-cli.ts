import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { createApiKeyService } from './api-keys.js';

/** `npm run cli -- api-key create NAME [UNIT]` | `api-key list` | `api-key revoke ID` */
export async function runApiKeyCommand(database: Database, config: Config, args: string[]) {
  const service = createApiKeyService(database.db);
  const [sub, ...rest] = args;
  if (sub === 'create' && rest[0]) {
    const unitCode = rest[1] ?? config.XASO_PROVINCE;
    const created = await service.create(null, { name: rest[0], unitCode, unitPath: unitCode });
    console.log(`Khóa API "${created.name}" (chỉ hiện một lần / shown once):\n${created.key}`);
  } else if (sub === 'list') {
    for (const k of await service.list())
      console.log(`${k.id}  ${k.prefix}…  ${k.name}  ${k.unitCode}  ${k.revokedAt ? 'revoked' : 'active'}`);
  } else if (sub === 'revoke' && rest[0]) {
    const row = await service.revoke(null, rest[0], null);
    console.log(row ? 'Đã thu hồi / revoked' : 'Không tìm thấy / not found');
  } else {
    console.error('Cách dùng / usage: api-key create NAME [UNIT_CODE] | api-key list | api-key revoke ID');
    process.exitCode = 2;
  }
}
