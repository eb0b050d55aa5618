import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { describeFileStoreContract } from './file-store-contract.js';
import { createDiskFileStore, fileStoreFor, openFileStore } from './store.js';

describeFileStoreContract('disk', async () => {
  const root = await mkdtemp(join(tmpdir(), 'xaso-disk-store-'));
  return { store: createDiskFileStore(root), close: () => rm(root, { recursive: true, force: true }) };
});

describe('the app’s store without S3 configured', () => {
  it('is the disk under DATA_DIR/files, opened without any check', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'xaso-disk-app-'));
    try {
      const ctx = { config: loadConfig({ DATA_DIR: dataDir }) };
      expect(ctx.config.s3).toBeUndefined();
      const close = await openFileStore(ctx);
      const key = await fileStoreFor(ctx).put(Buffer.from('ảnh'), 'jpg');
      expect(await readdir(join(dataDir, 'files'), { recursive: true })).toContain(key);
      expect(fileStoreFor(ctx)).toBe(fileStoreFor(ctx));
      await close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
