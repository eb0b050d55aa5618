import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { MAX_PHOTO_BYTES, MAX_PHOTO_SIZE_TEXT, PHOTO_LONG_SIDE } from '../../../common/constants/photos.js';
import { AppError } from '../errors.js';
import type { FileStore } from './store.js';

/** Limits every photo upload obeys (the web app shows the same numbers). */
export const PHOTO_LIMITS = {
  maxBytes: MAX_PHOTO_BYTES,
  /** Decoded size above which an image is refused as a decompression bomb (40 megapixels). */
  maxPixels: 40_000_000,
  longSide: PHOTO_LONG_SIDE,
  thumbSide: 320,
  quality: 80,
  thumbQuality: 70,
} as const;

const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/avif']);

/** A photo re-encoded to JPEG with no metadata, and its thumbnail; nothing is on disk yet. */
export interface ProcessedPhoto {
  image: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/** A photo written to a FileStore: what a report_photos row records. */
export interface StoredPhoto {
  storageKey: string;
  thumbKey: string;
  width: number;
  height: number;
  bytes: number;
}

const notImage = () =>
  new AppError(415, 'unsupported_image', {
    vi: 'Tệp không phải ảnh JPEG, PNG, WebP, HEIC hoặc AVIF.',
    en: 'The file is not a JPEG, PNG, WebP, HEIC or AVIF image.',
  });
export const photoTooLarge = () =>
  new AppError(413, 'photo_too_large', {
    vi: `Ảnh quá lớn (tối đa ${MAX_PHOTO_SIZE_TEXT}).`,
    en: `The photo is too large (at most ${MAX_PHOTO_SIZE_TEXT}).`,
  });
const unreadable = () =>
  new AppError(400, 'invalid_image', {
    vi: 'Ảnh bị hỏng, không đầy đủ hoặc quá nhiều điểm ảnh.',
    en: 'The image is damaged, incomplete or has too many pixels.',
  });

function decoder(input: Buffer) {
  // failOn 'truncated': a cut-off upload is refused instead of being padded with grey;
  // limitInputPixels: the header's size is checked before decoding, so a tiny file cannot expand to gigabytes.
  return sharp(input, { failOn: 'truncated', limitInputPixels: PHOTO_LIMITS.maxPixels });
}

/**
 * Checks an uploaded photo by its content and re-encodes it: JPEG, at most 2048 px on the long side, turned
 * upright by its EXIF orientation, with every metadata field (EXIF, GPS, XMP, ICC comments) dropped, plus a
 * 320 px thumbnail. Throws 413 over MAX_PHOTO_BYTES, 415 when the bytes are not an accepted image whatever the file is
 * called, 400 for truncated or damaged images and decompression bombs.
 */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length > PHOTO_LIMITS.maxBytes) throw photoTooLarge();
  const type = await fileTypeFromBuffer(input);
  if (!type || !ACCEPTED.has(type.mime)) throw notImage();
  try {
    // sharp writes no metadata unless asked (withMetadata/keepExif), so the output carries no EXIF or GPS.
    const { data, info } = await decoder(input)
      .rotate()
      .resize(PHOTO_LIMITS.longSide, PHOTO_LIMITS.longSide, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: PHOTO_LIMITS.quality, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(data)
      .resize(PHOTO_LIMITS.thumbSide, PHOTO_LIMITS.thumbSide, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: PHOTO_LIMITS.thumbQuality, mozjpeg: true })
      .toBuffer();
    return { image: data, thumb, width: info.width, height: info.height };
  } catch (e) {
    // HEIC needs a codec the bundled libvips may not have; say so rather than "damaged".
    if (type.mime === 'image/heic' && /compression format|not been built|unsupported/i.test(String(e))) {
      throw new AppError(415, 'unsupported_image', {
        vi: 'Máy chủ chưa đọc được ảnh HEIC; hãy gửi ảnh JPEG (trên iPhone: Cài đặt → Camera → Định dạng → Tương thích nhất).',
        en: 'This server cannot read HEIC photos; please send JPEG (iPhone: Settings → Camera → Formats → Most Compatible).',
      });
    }
    throw unreadable();
  }
}

/**
 * Writes processed photos and their thumbnails. If any write fails, what was written is removed before the
 * error is rethrown, so the caller never has to clean up a partial batch.
 */
export async function storePhotos(store: FileStore, processed: ProcessedPhoto[]): Promise<StoredPhoto[]> {
  const stored: StoredPhoto[] = [];
  const written: string[] = [];
  try {
    for (const p of processed) {
      const storageKey = await store.put(p.image, 'jpg');
      written.push(storageKey);
      const thumbKey = await store.put(p.thumb, 'jpg');
      written.push(thumbKey);
      stored.push({ storageKey, thumbKey, width: p.width, height: p.height, bytes: p.image.length });
    }
    return stored;
  } catch (e) {
    await Promise.allSettled(written.map((k) => store.remove(k)));
    throw e;
  }
}

/** Removes stored photos (the report's transaction failed, or photos were deleted); never throws. */
export async function removeStored(store: FileStore, stored: StoredPhoto[]): Promise<void> {
  await Promise.allSettled(stored.flatMap((s) => [store.remove(s.storageKey), store.remove(s.thumbKey)]));
}

/**
 * Blurs a rectangle (fractions 0–1 of width and height) of a stored JPEG, for faces or number plates before a
 * photo is published, and rebuilds its thumbnail from the result. Returns the new byte size.
 */
export async function blurRegion(
  image: Buffer,
  rect: { x: number; y: number; w: number; h: number },
): Promise<{ image: Buffer; thumb: Buffer }> {
  const meta = await sharp(image).metadata();
  const W = meta.width ?? 0;
  const H = meta.height ?? 0;
  const left = Math.max(0, Math.min(W - 1, Math.floor(rect.x * W)));
  const top = Math.max(0, Math.min(H - 1, Math.floor(rect.y * H)));
  const width = Math.max(1, Math.min(W - left, Math.ceil(rect.w * W)));
  const height = Math.max(1, Math.min(H - top, Math.ceil(rect.h * H)));
  // A strong blur (sigma relative to the region) so a face cannot be recognised, not just softened.
  const sigma = Math.max(8, Math.min(width, height) / 6);
  const patch = await sharp(image).extract({ left, top, width, height }).blur(sigma).toBuffer();
  const out = await sharp(image)
    .composite([{ input: patch, left, top }])
    .jpeg({ quality: PHOTO_LIMITS.quality, mozjpeg: true })
    .toBuffer();
  const thumb = await sharp(out)
    .resize(PHOTO_LIMITS.thumbSide, PHOTO_LIMITS.thumbSide, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: PHOTO_LIMITS.thumbQuality, mozjpeg: true })
    .toBuffer();
  return { image: out, thumb };
}
