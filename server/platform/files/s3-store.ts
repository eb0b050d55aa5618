import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { FileStore } from './file-store.js';
import { checkedKey, contentTypeOf, FileNotFoundError, newStorageKey } from './keys.js';

/** Where an S3-compatible store is (AWS S3, MinIO, Ceph, a Vietnamese provider's object storage). */
export interface S3FileStoreOptions {
  /** The service's address; absent for AWS S3 itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** A folder inside the bucket ("xaso/photos"), without leading or trailing slash. */
  prefix?: string;
  /** http://host/bucket/key instead of http://bucket.host/key: what MinIO and most on-premise services need. */
  forcePathStyle: boolean;
}

export interface S3FileStore extends FileStore {
  /** Checks once that the bucket answers to these keys; throws a message for the operator (vi / en) if not. */
  checkBucket(): Promise<void>;
  /** Closes the client's connections (the app is stopping). */
  close(): Promise<void>;
}

type Sdk = typeof import('@aws-sdk/client-s3');
type SdkError = { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };

const statusOf = (e: unknown) => (e as SdkError)?.$metadata?.httpStatusCode;

/** A missing object; a missing bucket is a configuration fault, not a missing file. */
function isMissing(e: unknown): boolean {
  const name = (e as SdkError)?.name;
  if (name === 'NoSuchBucket') return false;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(e) === 404;
}

/**
 * A FileStore on an S3-compatible service. Keys are checked before any request; objects carry their content type;
 * `stream` hands the HTTP response body on as it arrives; a missing object rejects like a missing file on disk.
 */
export function createS3FileStore(o: S3FileStoreOptions): S3FileStore {
  const Bucket = o.bucket;
  const objectKey = (key: string) => (o.prefix ? `${o.prefix}/${checkedKey(key)}` : checkedKey(key));
  // The SDK takes ~0.6 s to load: only installations that use S3 pay for it, once, at the first request.
  let opened: Promise<{ sdk: Sdk; s3: S3Client }> | undefined;
  const open = () => {
    opened ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        endpoint: o.endpoint,
        region: o.region,
        forcePathStyle: o.forcePathStyle,
        credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
        // Checksums only where S3 requires them: several S3-compatible services refuse the newer checksum headers.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        // A dead endpoint fails a request in seconds instead of holding it open.
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
      }),
    }));
    return opened;
  };

  async function write(Key: string, bytes: Buffer) {
    const { sdk, s3 } = await open();
    await s3.send(
      new sdk.PutObjectCommand({
        Bucket,
        Key,
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: contentTypeOf(Key),
      }),
    );
  }

  async function read(key: string) {
    const Key = objectKey(key);
    const { sdk, s3 } = await open();
    try {
      const res = await s3.send(new sdk.GetObjectCommand({ Bucket, Key }));
      if (!res.Body) throw new FileNotFoundError();
      return res;
    } catch (e) {
      throw isMissing(e) ? new FileNotFoundError() : e;
    }
  }

  return {
    async put(bytes, ext) {
      const key = newStorageKey(ext);
      await write(objectKey(key), bytes);
      return key;
    },
    async replace(key, bytes) {
      // One PUT replaces the object whole: a reader gets the old bytes or the new, never a mix.
      await write(objectKey(key), bytes);
    },
    async get(key) {
      const bytes = await (await read(key)).Body!.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async stream(key) {
      const res = await read(key);
      return { stream: res.Body as Readable, bytes: res.ContentLength ?? 0 };
    },
    async exists(key) {
      if (!checkedKeyOrNull(key)) return false;
      const { sdk, s3 } = await open();
      try {
        await s3.send(new sdk.HeadObjectCommand({ Bucket, Key: objectKey(key) }));
        return true;
      } catch (e) {
        if (isMissing(e)) return false;
        throw e; // an outage is not an answer "missing"
      }
    },
    async remove(key) {
      const Key = objectKey(key);
      const { sdk, s3 } = await open();
      try {
        await s3.send(new sdk.DeleteObjectCommand({ Bucket, Key }));
      } catch (e) {
        if (!isMissing(e)) throw e;
      }
    },
    async checkBucket() {
      const { sdk, s3 } = await open();
      try {
        await s3.send(new sdk.HeadBucketCommand({ Bucket }));
      } catch (e) {
        throw new Error(bucketProblem(o, e));
      }
    },
    async close() {
      if (opened) (await opened).s3.destroy();
      opened = undefined;
    },
  };
}

function checkedKeyOrNull(key: string): string | null {
  try {
    return checkedKey(key);
  } catch {
    return null;
  }
}

/** Why the bucket does not answer, for the operator: names the variable to fix, never a key's value. */
function bucketProblem(o: S3FileStoreOptions, e: unknown): string {
  const where = `"${o.bucket}" (${o.endpoint ?? `AWS S3, ${o.region}`})`;
  const status = statusOf(e);
  const code = (e as SdkError)?.code ?? (e as SdkError)?.name ?? 'Error';
  let vi: string;
  let en: string;
  if (status === 404) {
    vi = 'bucket không tồn tại — kiểm tra S3_BUCKET';
    en = 'the bucket does not exist — check S3_BUCKET';
  } else if (status === 401 || status === 403) {
    vi = 'bị từ chối truy cập — kiểm tra S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY';
    en = 'access denied — check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY';
  } else if (status === 301 || status === 400) {
    vi = `máy chủ từ chối yêu cầu (HTTP ${status}) — kiểm tra S3_REGION và S3_FORCE_PATH_STYLE`;
    en = `the service refused the request (HTTP ${status}) — check S3_REGION and S3_FORCE_PATH_STYLE`;
  } else if (status === undefined) {
    vi = `không kết nối được (${code}) — kiểm tra S3_ENDPOINT`;
    en = `cannot connect (${code}) — check S3_ENDPOINT`;
  } else {
    vi = `lỗi HTTP ${status} (${code})`;
    en = `HTTP ${status} (${code})`;
  }
  return `Không truy cập được kho ảnh S3 ${where}: ${vi}.\nCannot use the S3 photo store ${where}: ${en}.`;
}
