import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStorageKey } from './keys.js';
import type { FileStore } from './store.js';

async function chunksOf(stream: Readable): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return chunks;
}

/** A key of the right shape that was never stored. */
const neverStored = () => `00/00/${randomBytes(16).toString('hex')}.jpg`;

/**
 * What every FileStore promises (the disk store and the S3 store run the same tests): photos written, read,
 * streamed, replaced and removed under random keys; missing keys answered alike; foreign keys refused.
 */
export function describeFileStoreContract(
  name: string,
  open: () => Promise<{ store: FileStore; close(): Promise<void> }>,
) {
  describe(`FileStore contract: ${name}`, () => {
    let store: FileStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(() => close());

    it('stores bytes under a new random key each time and gives the same bytes back', async () => {
      const bytes = randomBytes(1000);
      const a = await store.put(bytes, 'jpg');
      const b = await store.put(bytes, 'png');
      expect([isStorageKey(a), isStorageKey(b), a === b]).toEqual([true, true, false]);
      expect([a.endsWith('.jpg'), b.endsWith('.png')]).toEqual([true, true]);
      expect((await store.get(a)).equals(bytes)).toBe(true);
      expect(await store.exists(a)).toBe(true);
    });

    it('streams a large file in pieces with its size known up front', async () => {
      const bytes = randomBytes(3 * 1024 * 1024);
      const key = await store.put(bytes, 'jpg');
      const file = await store.stream(key);
      expect(file.bytes).toBe(bytes.length);
      const chunks = await chunksOf(file.stream);
      expect(chunks.length).toBeGreaterThan(1); // handed on as it is read, not loaded whole first
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    });

    it('replaces the bytes of a key in place (blurring keeps the key)', async () => {
      const key = await store.put(Buffer.from('before, longer'), 'jpg');
      await store.replace(key, Buffer.from('after'));
      expect((await store.get(key)).toString()).toBe('after');
      const file = await store.stream(key);
      expect(file.bytes).toBe(5);
      expect(Buffer.concat(await chunksOf(file.stream)).toString()).toBe('after');
    });

    it('removes a key; removing it again, or a key never stored, is no error', async () => {
      const key = await store.put(randomBytes(10), 'webp');
      await store.remove(key);
      expect(await store.exists(key)).toBe(false);
      await expect(store.remove(key)).resolves.toBeUndefined();
      await expect(store.remove(neverStored())).resolves.toBeUndefined();
    });

    it('rejects get and stream of a missing key with ENOENT (the photo routes answer 410 "gone")', async () => {
      const key = neverStored();
      expect(await store.exists(key)).toBe(false);
      await expect(store.get(key)).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(store.stream(key)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('refuses keys it did not make and extensions it does not serve', async () => {
      const real = await store.put(Buffer.from('x'), 'jpg');
      for (const key of ['../../etc/passwd', '/etc/passwd', `${real}/..`, `x/${real}`, real.replace('.jpg', '.exe')]) {
        await expect(store.get(key)).rejects.toThrow('invalid storage key');
        await expect(store.stream(key)).rejects.toThrow('invalid storage key');
        await expect(store.replace(key, Buffer.from('y'))).rejects.toThrow('invalid storage key');
        await expect(store.remove(key)).rejects.toThrow('invalid storage key');
        expect(await store.exists(key)).toBe(false);
      }
      await expect(store.put(Buffer.from('x'), 'html')).rejects.toThrow('invalid storage key');
      expect((await store.get(real)).toString()).toBe('x');
    });
  });
}
