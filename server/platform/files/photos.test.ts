import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { processPhoto, removeStored, storePhotos } from './photos.js';
import { createDiskFileStore, type FileStore } from './store.js';

let root: string;
let store: FileStore;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'xaso-files-'));
  store = createDiskFileStore(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Every file under the store's root (to prove nothing was written). */
async function filesOnDisk(): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

/** A JPEG from a phone: camera make, turned by EXIF orientation, with a GPS position in Thái Nguyên. */
async function phoneJpeg(width = 600, height = 400) {
  return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 35/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 50/1 0/1' },
    })
    .toBuffer();
}

/** A real PNG bomb: 30000×30000 one-colour pixels (900 MP) compressed to about 100 KB. */
function pngBomb(side = 30000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // 1-bit greyscale
  const raw = Buffer.alloc((1 + Math.ceil(side / 8)) * side); // filter byte + zero bits per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function refusal(input: Buffer): Promise<AppError> {
  const e = await processPhoto(input).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('processPhoto', () => {
  it('removes every EXIF and GPS field, honours the orientation and makes a thumbnail', async () => {
    const input = await phoneJpeg();
    const before = await sharp(input).metadata();
    // The GPS IFD pointer (tag 0x8825, little-endian) is in the original.
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    expect(before.orientation).toBe(6);

    const out = await processPhoto(input);
    const meta = await sharp(out.image).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // Orientation 6 (rotate 90°) was applied to the pixels: 600×400 becomes 400×600.
    expect([out.width, out.height]).toEqual([400, 600]);
    expect([meta.width, meta.height]).toEqual([400, 600]);
    const thumb = await sharp(out.thumb).metadata();
    expect(thumb.exif).toBeUndefined();
    expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBe(320);
  });

  it('shrinks large photos to 2048 px on the long side and accepts PNG and WebP', async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const out = await processPhoto(big);
    expect([out.width, out.height]).toEqual([2048, 1536]);
    const webp = await sharp({ create: { width: 50, height: 40, channels: 4, background: '#f008' } })
      .webp()
      .toBuffer();
    expect((await processPhoto(webp)).width).toBe(50);
  });

  it('refuses a text file named .jpg (415), a truncated JPEG (400), a bomb (400) and over 10 MB (413)', async () => {
    expect((await refusal(Buffer.from('xin chào, đây không phải ảnh'.repeat(10)))).status).toBe(415);
    expect((await refusal(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))).status).toBe(415);

    const jpeg = await sharp({
      create: {
        width: 800,
        height: 600,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 30 },
      },
    })
      .jpeg()
      .toBuffer();
    const truncated = await refusal(jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    expect([truncated.status, truncated.code]).toEqual([400, 'invalid_image']);

    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const refused = await refusal(bomb);
    expect([refused.status, refused.code]).toEqual([400, 'invalid_image']);

    const huge = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024)]);
    expect((await refusal(huge)).status).toBe(413);
  });
});

describe('storePhotos / removeStored', () => {
  it('writes image and thumbnail under random keys and removes them again', async () => {
    const processed = [await processPhoto(await phoneJpeg()), await processPhoto(await phoneJpeg(300, 200))];
    const stored = await storePhotos(store, processed);
    expect(stored).toHaveLength(2);
    for (const s of stored) {
      expect(s.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}\.jpg$/);
      expect(await store.exists(s.thumbKey)).toBe(true);
      expect((await store.get(s.storageKey)).length).toBe(s.bytes);
    }
    expect(await filesOnDisk()).toHaveLength(4);
    await removeStored(store, stored);
    expect(await filesOnDisk()).toHaveLength(0);
  });

  it('writes nothing when a photo is refused, and cleans up a batch whose write fails', async () => {
    await refusal(Buffer.from('not an image'));
    expect(await filesOnDisk()).toHaveLength(0);
    const good = await processPhoto(await phoneJpeg());
    let puts = 0;
    const failing: FileStore = {
      ...store,
      put: async (b, ext) => {
        puts += 1;
        if (puts === 3) throw new Error('disk full');
        return store.put(b, ext);
      },
    };
    await expect(storePhotos(failing, [good, good])).rejects.toThrow('disk full');
    expect(await filesOnDisk()).toHaveLength(0);
  });

  it('never accepts a key that is not its own', async () => {
    await expect(store.get('../../etc/passwd')).rejects.toThrow('invalid storage key');
    await expect(store.remove('/etc/passwd')).rejects.toThrow('invalid storage key');
  });
});
