import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { AppError } from '../errors.js';
import { megabytes as MB } from '../uploads.js';
import { PHOTO_LIMITS } from './photos.js';

/** Image types an author may upload (checked by content, never by name). */
export const WEB_IMAGE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/avif',
  'image/gif',
]);

/** Refusals name the multipart field `file`, in Vietnamese and English. */
export const refuseFile = (status: number, code: string, vi: string, en: string) =>
  new AppError(status, code, { vi, en }, { file: { vi, en } });

export interface WebImageVariant {
  name: string;
  bytes: Buffer;
  ext: 'webp';
  width: number;
  height: number;
}

/**
 * An author's image for the web (courses' media, news posts): sniffed by content (file-type), refused when it is no
 * image (415), too large (413), damaged or a decompression bomb (400); otherwise turned upright, flattened on white,
 * first frame only, and re-encoded to WebP without metadata at each width (never enlarged).
 */
export async function processWebImage(
  input: Buffer,
  opts: { widths: readonly number[]; maxBytes: number; mime?: string },
): Promise<{ width: number; height: number; variants: WebImageVariant[] }> {
  const mime = opts.mime ?? (await fileTypeFromBuffer(input))?.mime;
  if (!mime || !WEB_IMAGE_TYPES.has(mime))
    throw refuseFile(
      415,
      'unsupported_media',
      'Tệp không phải ảnh (JPEG, PNG, WebP, HEIC, AVIF, GIF).',
      'The file is not an image (JPEG, PNG, WebP, HEIC, AVIF, GIF).',
    );
  if (input.length > opts.maxBytes)
    throw refuseFile(
      413,
      'file_too_large',
      `Ảnh quá lớn (tối đa ${MB(opts.maxBytes)}).`,
      `The image is too large (at most ${MB(opts.maxBytes)}).`,
    );
  try {
    const upright = await sharp(input, { failOn: 'truncated', limitInputPixels: PHOTO_LIMITS.maxPixels })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toBuffer();
    const variants: WebImageVariant[] = [];
    for (const w of opts.widths) {
      const { data, info } = await sharp(upright)
        .resize(w, w * 4, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 78 })
        .toBuffer({ resolveWithObject: true });
      variants.push({ name: String(w), bytes: data, ext: 'webp', width: info.width, height: info.height });
    }
    const largest = variants[variants.length - 1];
    return { width: largest.width, height: largest.height, variants };
  } catch {
    throw refuseFile(
      400,
      'invalid_image',
      'Ảnh bị hỏng, không đầy đủ hoặc quá nhiều điểm ảnh.',
      'The image is damaged, incomplete or has too many pixels.',
    );
  }
}

/** A file name fit to show and to send back: no folders, no control characters, at most `max` characters. */
export function cleanFilename(name: string | undefined, fallback: string, max = 200): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, max);
  return clean || fallback;
}
