import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  decodeOffset,
  encodeCursor,
  isTimestamp,
  keyset,
  MAX_OFFSET,
  nextOffsetCursor,
} from './cursor.js';
import { AppError } from './errors.js';

const ID = '0b6f1a52-3c1e-4d3a-9a55-5d8f2f1c7e10';
const refusedCursor = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError && e.status === 400 && e.fields && 'cursor' in e.fields;
  }
  return false;
};

describe('page cursors', () => {
  it('give back the key they were made from', () => {
    const key = ['Nguyễn Thị Hoà', ID];
    expect(decodeCursor(encodeCursor(key), keyset())).toEqual(key);
    const time = ['2026-12-01T10:00:00.000Z', ID];
    expect(decodeCursor(encodeCursor(time), keyset(isTimestamp))).toEqual(time);
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['JSON of another shape', encodeCursor({ t: 'x', id: ID })],
    ['an id that is no uuid', encodeCursor(['a', "1' or '1'='1"])],
    ['a NUL in the sort value', encodeCursor(['a\0', ID])],
  ])('refuse %s with a 400 naming `cursor`', (_, cursor) => {
    expect(refusedCursor(() => decodeCursor(cursor, keyset()))).toBe(true);
  });

  it('refuse a time that is no time', () => {
    expect(refusedCursor(() => decodeCursor(encodeCursor(['yesterday', ID]), keyset(isTimestamp)))).toBe(true);
  });

  it('offsets round-trip and stay bounded', () => {
    expect(decodeOffset(undefined)).toBe(0);
    expect(decodeOffset(nextOffsetCursor(20, 20, 100) ?? '')).toBe(40);
    expect(nextOffsetCursor(80, 20, 100)).toBeNull();
    expect(refusedCursor(() => decodeOffset(encodeCursor({ o: MAX_OFFSET + 1 })))).toBe(true);
  });
});
