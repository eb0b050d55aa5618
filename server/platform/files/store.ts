import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where uploaded files live. Keys are generated here (random, never from user input), so no caller can
 * reach outside the store's root. Disk by default; an S3-compatible store can implement the same interface.
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

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}\.(jpg|png|webp)$/;

/** True for keys this module makes; anything else (../, absolute paths) is refused before touching the disk. */
export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

function checkedKey(key: string): string {
  if (!isStorageKey(key)) throw new Error('invalid storage key');
  return key;
}

/** A FileStore on the local disk under `root` (by default `${DATA_DIR}/files`). */
export function createDiskFileStore(root: string): FileStore {
  const pathOf = (key: string) => join(root, checkedKey(key));
  // Write to a temporary name and rename, so a reader never sees half a file.
  async function writeAtomically(path: string, bytes: Buffer) {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  }
  return {
    async put(bytes, ext) {
      const id = randomBytes(16).toString('hex');
      const key = checkedKey(`${id.slice(0, 2)}/${id.slice(2, 4)}/${id}.${ext}`);
      await writeAtomically(pathOf(key), bytes);
      return key;
    },
    async replace(key, bytes) {
      await writeAtomically(pathOf(key), bytes);
    },
    async get(key) {
      return readFile(pathOf(key));
    },
    async stream(key) {
      const path = pathOf(key);
      const info = await stat(path);
      return { stream: createReadStream(path), bytes: info.size };
    },
    async exists(key) {
      try {
        await stat(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

const stores = new WeakMap<object, FileStore>();

/**
 * The one FileStore of an app context (so the submit route, photo serving and moderation share it).
 * Keyed by the config object, which every module of one app shares.
 */
export function fileStoreFor(ctx: { config: { dataDir: string } }): FileStore {
  let store = stores.get(ctx.config);
  if (!store) {
    store = createDiskFileStore(join(ctx.config.dataDir, 'files'));
    stores.set(ctx.config, store);
  }
  return store;
}
