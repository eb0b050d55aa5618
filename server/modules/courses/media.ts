import { fileTypeFromBuffer } from 'file-type';
import { COURSE_MEDIA } from '../../../common/courses.js';
import {
  cleanFilename as clean,
  processWebImage,
  refuseFile,
  WEB_IMAGE_TYPES,
} from '../../platform/files/web-images.js';
import { megabytes as MB } from '../../platform/uploads.js';

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
 * to WebP without metadata at each width of COURSE_MEDIA (platform/files/web-images.ts); a PDF is kept as sent.
 * Anything else is refused (415), as are files over the limit (413) and damaged images and decompression bombs (400).
 */
export async function processCourseMedia(input: Buffer): Promise<ProcessedMedia> {
  const type = await fileTypeFromBuffer(input);
  if (type?.mime === 'application/pdf') {
    if (input.length > COURSE_MEDIA.attachmentMaxBytes)
      throw refuseFile(
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
  if (!type || !WEB_IMAGE_TYPES.has(type.mime))
    throw refuseFile(
      415,
      'unsupported_media',
      'Tệp không phải ảnh (JPEG, PNG, WebP, HEIC, AVIF, GIF) hoặc PDF.',
      'The file is not an image (JPEG, PNG, WebP, HEIC, AVIF, GIF) or a PDF.',
    );
  const image = await processWebImage(input, {
    widths: COURSE_MEDIA.imageWidths,
    maxBytes: COURSE_MEDIA.imageMaxBytes,
    mime: type.mime,
  });
  return { kind: 'image', ...image };
}

/** A file name fit to show and to send back: no folders, no control characters, at most 200 characters. */
export const cleanFilename = (name: string | undefined, fallback: string) =>
  clean(name, fallback, COURSE_MEDIA.filename);
