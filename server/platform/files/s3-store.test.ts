import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { describeFileStoreContract } from './file-store-contract.js';
import { createS3FileStore } from './s3-store.js';
import { S3RVER_KEYS, type S3TestServer, startS3Server } from './s3-test-server.js';
import { fileStoreFor, openFileStore } from './store.js';

let s3: S3TestServer;
beforeAll(async () => {
  s3 = await startS3Server(['contract', 'photos', 'other']);
});
afterAll(() => s3.stop());

/** An address where nothing listens: any request to it fails to connect. */
async function deadEndpoint(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return `http://127.0.0.1:${port}`;
}

describeFileStoreContract('S3 (s3rver)', async () => {
  const store = createS3FileStore(s3.options('contract'));
  return { store, close: () => store.close() };
});

describe('S3 store', () => {
  it('writes under the prefix, with the content type from the extension', async () => {
    const store = createS3FileStore(s3.options('photos', { prefix: 'xaso/anh' }));
    const jpg = await store.put(randomBytes(100), 'jpg');
    const webp = await store.put(randomBytes(100), 'webp');
    expect(await s3.keys('photos')).toEqual([`xaso/anh/${jpg}`, `xaso/anh/${webp}`].sort());
    const head = (key: string) => s3.client.send(new HeadObjectCommand({ Bucket: 'photos', Key: `xaso/anh/${key}` }));
    expect([(await head(jpg)).ContentType, (await head(webp)).ContentType]).toEqual(['image/jpeg', 'image/webp']);
    // The same key without the prefix is another object: a store never reads outside its folder.
    const bare = createS3FileStore(s3.options('photos'));
    expect(await bare.exists(jpg)).toBe(false);
    await Promise.all([store.close(), bare.close()]);
  });

  it('refuses a foreign key before any request (a store whose service is down still answers so)', async () => {
    const store = createS3FileStore(s3.options('photos', { endpoint: await deadEndpoint() }));
    await expect(store.get('../secret.jpg')).rejects.toThrow('invalid storage key');
    await expect(store.remove('/etc/passwd')).rejects.toThrow('invalid storage key');
    await expect(store.put(Buffer.from('x'), 'svg')).rejects.toThrow('invalid storage key');
    expect(await store.exists('../x')).toBe(false);
    // A real key does reach the network, and an outage is an error, not "the photo is missing".
    const err = await store.exists('00/00/00000000000000000000000000000000.jpg').catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).not.toBe('ENOENT');
    await store.close();
  });

  it('checks the bucket at start, naming what to fix, never the secret', async () => {
    const secret = `wrong-${randomBytes(8).toString('hex')}`;
    const problem = async (options: ReturnType<S3TestServer['options']>) => {
      const store = createS3FileStore(options);
      const err: Error = await store.checkBucket().then(
        () => new Error('no error'),
        (e) => e,
      );
      await store.close();
      expect(err.message).not.toContain(secret);
      return err.message;
    };
    await expect(createS3FileStore(s3.options('photos')).checkBucket()).resolves.toBeUndefined();
    expect(await problem(s3.options('khong-co', { secretAccessKey: S3RVER_KEYS.secretAccessKey }))).toMatch(
      /Không truy cập được kho ảnh S3 "khong-co".*bucket không tồn tại — kiểm tra S3_BUCKET[\s\S]*does not exist/,
    );
    // s3rver knows its access key but does not verify v4 signatures: an unknown key is its "access denied".
    expect(await problem(s3.options('photos', { accessKeyId: 'KHONG-CO', secretAccessKey: secret }))).toMatch(
      /từ chối truy cập — kiểm tra S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY[\s\S]*access denied/,
    );
    expect(await problem(s3.options('photos', { endpoint: await deadEndpoint(), secretAccessKey: secret }))).toMatch(
      /không kết nối được \(ECONNREFUSED\) — kiểm tra S3_ENDPOINT[\s\S]*cannot connect/,
    );
  });
});

describe('S3 configuration', () => {
  const keys = { S3_ACCESS_KEY_ID: 'AKIA-TEST', S3_SECRET_ACCESS_KEY: 'bi-mat-khong-in-ra' };
  const failure = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toMatch(/^Cấu hình không hợp lệ \/ Invalid configuration/);
      expect(message).not.toContain(keys.S3_SECRET_ACCESS_KEY);
      return message;
    }
    throw new Error('the configuration was accepted');
  };

  it('is off without S3 variables, and on with S3_BUCKET and both keys', () => {
    expect(loadConfig({}).s3).toBeUndefined();
    const minio = loadConfig({
      S3_BUCKET: 'xaso-anh',
      S3_ENDPOINT: 'https://s3.tinh.gov.vn',
      S3_PREFIX: 'xs/',
      ...keys,
    });
    expect(minio.s3).toEqual({
      endpoint: 'https://s3.tinh.gov.vn',
      region: 'us-east-1',
      bucket: 'xaso-anh',
      accessKeyId: 'AKIA-TEST',
      secretAccessKey: keys.S3_SECRET_ACCESS_KEY,
      prefix: 'xs',
      forcePathStyle: true,
    });
    // The secret has one home: the store's options, not a top-level variable someone might print.
    expect(Object.keys(minio).filter((k) => k.startsWith('S3_'))).toEqual([]);
    const aws = loadConfig({ S3_BUCKET: 'xaso-anh', S3_REGION: 'ap-southeast-1', ...keys }).s3!;
    expect([aws.endpoint, aws.region, aws.forcePathStyle]).toEqual([undefined, 'ap-southeast-1', false]);
    const virtualHosts = loadConfig({
      S3_BUCKET: 'b-1',
      S3_ENDPOINT: 'http://h:9000',
      S3_FORCE_PATH_STYLE: '0',
      ...keys,
    });
    expect(virtualHosts.s3!.forcePathStyle).toBe(false);
  });

  it('names each missing or wrong variable in Vietnamese and English', () => {
    const noKeys = failure({ S3_BUCKET: 'xaso-anh' });
    expect(noKeys).toContain('S3_ACCESS_KEY_ID: bắt buộc khi đặt S3_BUCKET / required when S3_BUCKET is set');
    expect(noKeys).toContain('S3_SECRET_ACCESS_KEY: bắt buộc');
    expect(failure({ S3_BUCKET: 'xaso-anh', S3_ACCESS_KEY_ID: 'a' })).not.toContain('S3_ACCESS_KEY_ID');
    expect(failure({ S3_ENDPOINT: 'http://minio:9000', ...keys })).toContain(
      'S3_BUCKET: bắt buộc khi đặt S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY',
    );
    expect(failure({ S3_BUCKET: 'Ảnh_Xã', ...keys })).toContain('S3_BUCKET: 3–63 chữ thường');
    expect(failure({ S3_BUCKET: 'b-1', S3_ENDPOINT: 'minio:9000', ...keys })).toContain('S3_ENDPOINT: cần địa chỉ');
    expect(failure({ S3_BUCKET: 'b-1', S3_ENDPOINT: 'ftp://minio', ...keys })).toContain('S3_ENDPOINT');
    expect(failure({ S3_BUCKET: 'b-1', S3_ENDPOINT: `http://u:${keys.S3_SECRET_ACCESS_KEY}@minio`, ...keys })).toMatch(
      /S3_ENDPOINT: không ghi khoá trong địa chỉ/,
    );
    expect(failure({ S3_BUCKET: 'b-1', S3_PREFIX: '/../x', ...keys })).toContain('S3_PREFIX');
    expect(failure({ S3_BUCKET: 'b-1', S3_FORCE_PATH_STYLE: 'maybe', ...keys })).toContain('S3_FORCE_PATH_STYLE');
  });

  it('makes S3 the app’s store, checked once at start; nothing goes to DATA_DIR', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'xaso-s3-app-'));
    try {
      const ctx = { config: loadConfig({ DATA_DIR: dataDir, ...s3.env('other') }) };
      const close = await openFileStore(ctx);
      const key = await fileStoreFor(ctx).put(Buffer.from('ảnh'), 'jpg');
      expect(await s3.keys('other')).toEqual([key]);
      await expect(stat(join(dataDir, 'files'))).rejects.toMatchObject({ code: 'ENOENT' });
      await close();
      const wrong = { config: loadConfig({ DATA_DIR: dataDir, ...s3.env('chua-tao') }) };
      await expect(openFileStore(wrong)).rejects.toThrow(/S3_BUCKET/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
