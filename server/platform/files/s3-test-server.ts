import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { S3FileStoreOptions } from './s3-store.js';

/** s3rver's built-in credentials: it checks request signatures against them. */
export const S3RVER_KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * A real S3-compatible server (s3rver) on a free loopback port, its buckets in a temporary folder, for tests:
 * the store's options, the environment that configures the app for it, and a way to list what a bucket holds.
 */
export async function startS3Server(buckets: string[]) {
  const directory = await mkdtemp(join(tmpdir(), 'xaso-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_KEYS });
  return {
    endpoint,
    options: (bucket: string, extra: Partial<S3FileStoreOptions> = {}): S3FileStoreOptions => ({
      endpoint,
      region: 'us-east-1',
      bucket,
      forcePathStyle: true,
      ...S3RVER_KEYS,
      ...extra,
    }),
    env: (bucket: string, extra: Record<string, string> = {}): Record<string, string> => ({
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: S3RVER_KEYS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_KEYS.secretAccessKey,
      ...extra,
    }),
    /** Every object key in a bucket, sorted. */
    async keys(bucket: string): Promise<string[]> {
      const res = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (res.Contents ?? []).map((o) => o.Key!).sort();
    },
    client,
    async stop() {
      client.destroy();
      server.httpServer.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export type S3TestServer = Awaited<ReturnType<typeof startS3Server>>;
