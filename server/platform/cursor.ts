import { errors } from './errors.js';

/**
 * Opaque page cursors: base64url of JSON, so clients pass them back untouched and the server may change what is
 * inside. A cursor the server did not make is the client's mistake: a 400 naming `cursor`, never a 500 from a
 * malformed value reaching the database.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** The 400 for a cursor the server did not make (also for lists whose cursor is not one of these). */
export const badCursor = () =>
  errors.invalidField('cursor', {
    vi: 'Con trỏ trang không hợp lệ; hãy tải lại danh sách từ đầu.',
    en: 'Invalid page cursor; reload the list from the start.',
  });

/** The value inside a cursor, checked by `check`; anything else is a 400 naming `cursor`. */
export function decodeCursor<T>(cursor: string, check: (v: unknown) => v is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!check(value)) throw badCursor();
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Cursor parts: text the database accepts (no NUL), a uuid, a timestamp. */
export const isText = (s: string) => !s.includes('\0');
export const isUuid = (s: string) => UUID.test(s);
export const isTimestamp = (s: string) => isText(s) && !Number.isNaN(Date.parse(s));

/** A keyset cursor's key: the last row's [sort value, id] (the id breaks ties). */
export type KeysetKey = [string, string];
/** A check for `decodeCursor`: a [sort value, id] pair whose parts pass `sortValue` and `id`. */
export const keyset =
  (sortValue: (s: string) => boolean = isText, id: (s: string) => boolean = isUuid) =>
  (v: unknown): v is KeysetKey =>
    Array.isArray(v) &&
    v.length === 2 &&
    typeof v[0] === 'string' &&
    typeof v[1] === 'string' &&
    sortValue(v[0]) &&
    id(v[1]);

/** Offset cursors for ranked lists (search results), bounded so nobody pages through millions of rows. */
export const MAX_OFFSET = 10_000;
const isOffset = (v: unknown): v is { o: number } =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as { o: unknown }).o) &&
  (v as { o: number }).o >= 0 &&
  (v as { o: number }).o <= MAX_OFFSET;
export function decodeOffset(cursor: string | undefined): number {
  return cursor ? decodeCursor(cursor, isOffset).o : 0;
}
export function nextOffsetCursor(offset: number, pageSize: number, total: number): string | null {
  const next = offset + pageSize;
  return next < total && next <= MAX_OFFSET ? encodeCursor({ o: next }) : null;
}
