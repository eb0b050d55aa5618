import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { COURSE_MEDIA } from '../../../common/courses.js';
import { AppError } from '../../platform/errors.js';
import { PHOTO_LIMITS } from '../../platform/files/photos.js';

const IMAGES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/avif',
  'image/gif',
]);
const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Refusals name the multipart field `file`, in Vietnamese and English. */
const refuse = (status: number, code: string, vi: string, en: string) =>
  new AppError(status, code, { vi, en }, { file: { vi, en } });

export interface ProcessedVariant {
  name: string;
  bytes: Buffer;
  ext: string;
  width: number | null;
  height: number | null;
}
export interface ProcessedMedia {
  kind: 'image' | 'pdf';
  /** The largest variant's size (images). */
  width: number | null;
  height: number | null;
  variants: ProcessedVariant[];
}

/**
 * Checks an upload by its content, whatever it is called: an image (JPEG, PNG, WebP, HEIC, AVIF, GIF) is re-encoded
 * to WebP without metadata at each width of COURSE_MEDIA (never enlarged); a PDF is kept as sent. Anything else is
 * refused (415), as are files over the limit (413) and damaged images and decompression bombs (400).
 */
export async function processCourseMedia(input: Buffer): Promise<ProcessedMedia> {
  const type = await fileTypeFromBuffer(input);
  if (type?.mime === 'application/pdf') {
    if (input.length > COURSE_MEDIA.attachmentMaxBytes)
      throw refuse(
        413,
        'file_too_large',
        `Tệp PDF quá lớn (tối đa ${MB(COURSE_MEDIA.attachmentMaxBytes)}).`,
        `The PDF is too large (at most ${MB(COURSE_MEDIA.attachmentMaxBytes)}).`,
      );
    return {
      kind: 'pdf',
      width: null,
      height: null,
      variants: [{ name: 'pdf', bytes: input, ext: 'pdf', width: null, height: null }],
    };
  }
  if (!type || !IMAGES.has(type.mime))
    throw refuse(
      415,
      'unsupported_media',
      'Tệp không phải ảnh (JPEG, PNG, WebP, HEIC, AVIF, GIF) hoặc PDF.',
      'The file is not an image (JPEG, PNG, WebP, HEIC, AVIF, GIF) or a PDF.',
    );
  if (input.length > COURSE_MEDIA.imageMaxBytes)
    throw refuse(
      413,
      'file_too_large',
      `Ảnh quá lớn (tối đa ${MB(COURSE_MEDIA.imageMaxBytes)}).`,
      `The image is too large (at most ${MB(COURSE_MEDIA.imageMaxBytes)}).`,
    );
  try {
    // Upright by EXIF, flattened on white, first frame only; sharp writes no metadata unless asked.
    const upright = await sharp(input, { failOn: 'truncated', limitInputPixels: PHOTO_LIMITS.maxPixels })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toBuffer();
    const variants: ProcessedVariant[] = [];
    for (const w of COURSE_MEDIA.imageWidths) {
      const { data, info } = await sharp(upright)
        .resize(w, w * 4, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 78 })
        .toBuffer({ resolveWithObject: true });
      variants.push({ name: String(w), bytes: data, ext: 'webp', width: info.width, height: info.height });
    }
    const largest = variants[variants.length - 1];
    return { kind: 'image', width: largest.width, height: largest.height, variants };
  } catch {
    throw refuse(
      400,
      'invalid_image',
      'Ảnh bị hỏng, không đầy đủ hoặc quá nhiều điểm ảnh.',
      'The image is damaged, incomplete or has too many pixels.',
    );
  }
}

/** A file name fit to show and to send back: no folders, no control characters, at most 200 characters. */
export function cleanFilename(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, COURSE_MEDIA.filename);
  return clean || fallback;
}
