import { randomBytes } from 'node:crypto';

/** What every FileStore makes its keys from: random, never user input. */
const KEY = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}\.(jpg|png|webp|pdf)$/;

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

/** True for keys a FileStore makes; anything else (../, absolute paths) is refused before any disk or network use. */
export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

export function checkedKey(key: string): string {
  if (!isStorageKey(key)) throw new Error('invalid storage key');
  return key;
}

/** A new random key ("ab/cd/<32 hex>.jpg"); the two folder levels keep any one folder small on disk. */
export function newStorageKey(ext: string): string {
  const id = randomBytes(16).toString('hex');
  return checkedKey(`${id.slice(0, 2)}/${id.slice(2, 4)}/${id}.${ext}`);
}

/** The media type of a stored file, from its key's extension. */
export function contentTypeOf(key: string): string {
  return CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

/**
 * A key that is not (or no longer) in the store. Its `code` is the one Node gives a missing file, so callers treat
 * every store alike.
 */
export class FileNotFoundError extends Error {
  readonly code = 'ENOENT';
  constructor() {
    super('file not found in the store');
  }
}
