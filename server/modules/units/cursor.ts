import { errors } from '../../platform/errors.js';

/**
 * Opaque page cursors: base64url JSON, so clients pass them back untouched and the server may change what is
 * inside. A cursor that does not decode is the client's mistake: 400 naming `cursor`, never a 500.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

const badCursor = () =>
  errors.invalidField('cursor', {
    vi: 'Con trỏ trang không hợp lệ; hãy tải lại danh sách từ đầu.',
    en: 'Invalid page cursor; reload the list from the start.',
  });

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

/** Offset cursors for ranked lists (search results), bounded so nobody pages through millions of rows. */
export const MAX_OFFSET = 10_000;
export function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  return decodeCursor(
    cursor,
    (v): v is { o: number } =>
      typeof v === 'object' &&
      v !== null &&
      Number.isInteger((v as { o: unknown }).o) &&
      (v as { o: number }).o >= 0 &&
      (v as { o: number }).o <= MAX_OFFSET,
  ).o;
}
export function nextOffsetCursor(offset: number, pageSize: number, total: number): string | null {
  const next = offset + pageSize;
  return next < total && next <= MAX_OFFSET ? encodeCursor({ o: next }) : null;
}
