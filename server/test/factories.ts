import type { Role } from '../../common/roles.js';
import type { Db } from '../db/client.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import * as accountsRepo from '../modules/accounts/repo.js';
import * as seedRepo from '../modules/handling-units/seed-repo.js';

let counter = 0;
let cachedHash: Promise<string> | null = null;
export const TEST_PASSWORD = 'Mat-khau-2026';

/** A user holding one role in one scope (a unit code, or a handling unit's code for officers). */
export async function createUser(
  db: Db,
  opts: { role?: Role; unitCode?: string | null; handlingUnitCode?: string; fullName?: string; phone?: string } = {},
) {
  counter += 1;
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const n = `${process.pid % 1000}${counter}`.padStart(6, '0').slice(-6);
  const role = opts.role ?? 'citizen';
  const user = await accountsRepo.insertUser(db, {
    phone: opts.phone ?? `0987${n}`,
    username: `user${process.pid}x${counter}`,
    fullName: opts.fullName ?? `Người dùng thử ${counter}`,
    passwordHash: await cachedHash,
    // As in life: staff accounts are made by an administrator, citizens make their own.
    managedByAdmin: role !== 'citizen',
  });
  const handlingUnitId = opts.handlingUnitCode ? await seedRepo.findHandlingUnitId(db, opts.handlingUnitCode) : null;
  if (opts.handlingUnitCode && !handlingUnitId) throw new Error(`no handling unit ${opts.handlingUnitCode}`);
  await accountsRepo.insertAssignment(db, {
    userId: user.id,
    role,
    unitCode: role === 'handling_officer' ? null : (opts.unitCode ?? null),
    handlingUnitId,
  });
  return user;
}
