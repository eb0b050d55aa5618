import { errors } from '../../platform/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keyset cursors are opaque to clients: base64url of the JSON of the last row's sort key. */
export function encodeCursor(key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The [sort value, uuid] in a cursor. A cursor the server did not make is the client's mistake: a 400 naming
 * `cursor`, never a 500 from a malformed uuid reaching the database.
 */
export function decodeCursor(cursor: string): [string, string] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === 2 &&
      typeof key[0] === 'string' &&
      !key[0].includes('\0') &&
      typeof key[1] === 'string' &&
      UUID.test(key[1])
    )
      return [key[0], key[1]];
  } catch {
    /* falls through to the 400 */
  }
  throw errors.invalidField('cursor', {
    vi: 'Con trỏ trang không hợp lệ; hãy tải lại danh sách từ đầu.',
    en: 'Invalid page cursor; reload the list from the start.',
  });
}
