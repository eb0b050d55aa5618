import type { Readable } from 'node:stream';

/**
 * Where uploaded files live. Keys are made by the store (keys.ts: random, never from user input), so no caller can
 * reach outside the store's root. Disk by default; an S3-compatible service when configured (s3-store.ts).
 * A missing key rejects `get`/`stream` with `code: 'ENOENT'` in every store.
 */
export interface FileStore {
  /** Stores bytes under a new random key and returns the key ("ab/cd/<32 hex>.jpg"). */
  put(bytes: Buffer, ext: string): Promise<string>;
  /** Replaces the bytes of an existing key (blurring a photo keeps its key). */
  replace(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  stream(key: string): Promise<{ stream: Readable; bytes: number }>;
  exists(key: string): Promise<boolean>;
  /** Removes a key; removing a missing key is not an error. */
  remove(key: string): Promise<void>;
}
