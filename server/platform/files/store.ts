import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileStore } from './file-store.js';
import { checkedKey, newStorageKey } from './keys.js';
import { createS3FileStore, type S3FileStore, type S3FileStoreOptions } from './s3-store.js';

export type { FileStore } from './file-store.js';
export { isStorageKey } from './keys.js';

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
      const key = newStorageKey(ext);
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
type FilesConfig = { config: { dataDir: string; s3?: S3FileStoreOptions } };

/**
 * The one FileStore of an app context (so the submit route, photo serving and moderation share it): S3 when
 * configured, else the disk under DATA_DIR. Keyed by the config object, which every module of one app shares.
 */
export function fileStoreFor(ctx: FilesConfig): FileStore {
  let store = stores.get(ctx.config);
  if (!store) {
    const { s3, dataDir } = ctx.config;
    store = s3 ? createS3FileStore(s3) : createDiskFileStore(join(dataDir, 'files'));
    stores.set(ctx.config, store);
  }
  return store;
}

/**
 * Called once as the app starts. With S3 configured, checks that the bucket answers, so a wrong bucket, key or
 * address stops the start with a message naming the variable instead of failing the first photo upload; no
 * request is made otherwise. Returns what closes the store with the app.
 */
export async function openFileStore(ctx: FilesConfig): Promise<() => Promise<void>> {
  if (!ctx.config.s3) return async () => {};
  const store = fileStoreFor(ctx) as S3FileStore;
  const close = async () => {
    stores.delete(ctx.config);
    await store.close();
  };
  try {
    await store.checkBucket();
  } catch (e) {
    await close();
    throw e;
  }
  return close;
}
