/** HTTP helpers for API tests of every domain: a signed-in browser for a role, multipart bodies. */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../common/roles.js';
import { createUser } from './factories.js';
import type { TestApp } from './harness.js';

/** Headers of a signed-in browser for a new user holding one role in one scope; {} for anonymous. */
export async function headersFor(
  t: TestApp,
  who: { role: Role | 'anonymous'; unitCode?: string; handlingUnitCode?: string },
): Promise<Record<string, string>> {
  if (who.role === 'anonymous') return {};
  const user = await createUser(t.db, {
    role: who.role,
    unitCode: who.unitCode,
    handlingUnitCode: who.handlingUnitCode,
  });
  return t.sessionHeaders(user.id);
}

/** A multipart/form-data body with one file field, for app.inject. */
export function multipart(
  file: Buffer | string,
  filename: string,
  contentType = 'application/octet-stream',
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----xaso${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    typeof file === 'string' ? Buffer.from(file, 'utf8') : file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
