import { NewPassword, normalizeVnPhone } from '../../common/accounts.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import * as accountsRepo from '../modules/accounts/repo.js';
import { loadReferenceUnits } from '../modules/units/reference-data.js';
import * as seedRepo from '../modules/units/seed-repo.js';
import { fileStoreFor } from '../platform/files/store.js';
import { type DemoAccount, seedDemoData } from './demo.js';
import { seedDemoHistory } from './demo-history.js';
import { seedReferenceData } from './reference.js';

export interface SeedResult {
  seeded: boolean;
  demoAccounts: DemoAccount[];
}

const SEED_LOCK = 4_202_612;

/**
 * On an empty database: reference units and committees, then demo data (XASO_DEMO=1, the default) or one
 * province administrator from XASO_ADMIN_PHONE / XASO_ADMIN_PASSWORD. A database that has units is left alone.
 */
export async function seedIfEmpty(database: Database, config: Config): Promise<SeedResult> {
  return database.withAdvisoryLock(SEED_LOCK, async () => {
    if ((await seedRepo.countUnits(database.db)) > 0) return { seeded: false, demoAccounts: [] };
    if (!config.XASO_DEMO && (!config.XASO_ADMIN_PHONE || !config.XASO_ADMIN_PASSWORD))
      throw new Error(
        'XASO_DEMO=0 cần XASO_ADMIN_PHONE và XASO_ADMIN_PASSWORD để tạo quản trị cấp tỉnh đầu tiên.\n' +
          'XASO_DEMO=0 needs XASO_ADMIN_PHONE and XASO_ADMIN_PASSWORD to create the first province administrator.',
      );
    const adminPhone = config.XASO_DEMO ? null : normalizeVnPhone(config.XASO_ADMIN_PHONE!);
    if (!config.XASO_DEMO) {
      if (!adminPhone)
        throw new Error('XASO_ADMIN_PHONE: số điện thoại không hợp lệ / not a valid Vietnamese phone number');
      const weak = NewPassword.safeParse(config.XASO_ADMIN_PASSWORD);
      if (!weak.success)
        throw new Error(
          `XASO_ADMIN_PASSWORD: mật khẩu quá yếu / too weak — ${weak.error.issues.map((i) => i.message).join('; ')}`,
        );
    }
    await seedReferenceData(database.db);
    if (config.XASO_DEMO) {
      const demoAccounts = await seedDemoData(database.db, loadReferenceUnits(), { certificateSecret: config.secret });
      return { seeded: true, demoAccounts };
    }
    const user = await accountsRepo.insertUser(database.db, {
      phone: adminPhone,
      username: 'admin',
      fullName: 'Quản trị cấp tỉnh',
      passwordHash: await hashPassword(config.XASO_ADMIN_PASSWORD!),
      managedByAdmin: true,
    });
    await accountsRepo.insertAssignment(database.db, {
      userId: user.id,
      role: 'province_admin',
      unitCode: config.XASO_PROVINCE,
    });
    return { seeded: true, demoAccounts: [] };
  });
}

/**
 * A year of demo reports (XASO_DEMO=1), so the map, lists and statistics show something on first start: only into a
 * demo database (it has the demo accounts) that has no report yet, so a second start, or an installation in use,
 * gets nothing. Returns how many reports were written.
 */
export async function seedDemoHistoryIfEmpty(
  database: Database,
  config: Config,
  opts: { now?: Date; signal?: AbortSignal } = {},
): Promise<number> {
  if (!config.XASO_DEMO) return 0;
  return database.withAdvisoryLock(SEED_LOCK, async () => {
    if (!(await accountsRepo.hasDemoUsers(database.db))) return 0;
    const result = await seedDemoHistory(database.db, {
      communes: loadReferenceUnits(),
      store: fileStoreFor({ config }),
      ...opts,
    });
    return result.reports;
  });
}
