import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { createApiKeyService } from './api-keys.js';
import { findUnit } from './repo.js';

/** `npm run cli -- api-key create NAME [UNIT]` | `api-key list` | `api-key revoke ID` */
export async function runApiKeyCommand(database: Database, config: Config, args: string[]) {
  const service = createApiKeyService(database.db);
  const [sub, ...rest] = args;
  if (sub === 'create' && rest[0]) {
    const unit = await findUnit(database.db, rest[1] ?? config.XASO_PROVINCE);
    if (!unit) {
      console.error(`Không có đơn vị / no such unit: ${rest[1] ?? config.XASO_PROVINCE}`);
      process.exitCode = 2;
      return;
    }
    const created = await service.create(null, { name: rest[0], unitCode: unit.code, unitPath: unit.path });
    console.log(`Khóa API "${created.name}" cho ${unit.fullName} (chỉ hiện một lần / shown once):\n${created.key}`);
  } else if (sub === 'list') {
    for (const k of await service.list())
      console.log(`${k.id}  ${k.prefix}…  ${k.name}  ${k.unitCode}  ${k.revokedAt ? 'revoked' : 'active'}`);
  } else if (sub === 'revoke' && rest[0]) {
    const found = /^[0-9a-f-]{36}$/i.test(rest[0])
      ? await service.list().then((l) => l.find((k) => k.id === rest[0]))
      : undefined;
    const row = found ? await service.revoke(null, found.id, found.unitPath) : null;
    console.log(row ? 'Đã thu hồi / revoked' : 'Không tìm thấy hoặc đã thu hồi / not found or already revoked');
  } else {
    console.error('Cách dùng / usage: api-key create NAME [UNIT_CODE] | api-key list | api-key revoke ID');
    process.exitCode = 2;
  }
}
