import type { FastifyRequest } from 'fastify';
import { AppError, errors } from './errors.js';
import type { Message } from './i18n.js';

/** What an upload route calls the file it takes, in its messages: { vi: 'ảnh', en: 'image' }, { vi: 'tệp', en: 'file' }. */
type UploadNoun = Message;

/** A byte limit as people read it: 10485760 → "10 MB". */
export const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** 415 unless the request is multipart/form-data (an upload route's first check). */
export function requireMultipart(req: FastifyRequest, noun: UploadNoun) {
  if (!req.isMultipart())
    throw new AppError(415, 'unsupported_media_type', {
      vi: `Hãy gửi ${noun.vi} dưới dạng multipart/form-data.`,
      en: `Send the ${noun.en} as multipart/form-data.`,
    });
}

/**
 * The one file of a multipart upload (a route scope registered with @fastify/multipart and its size limit), read whole:
 * 415 when the body is not multipart, 400 naming `field` when no part of that name was sent, 413 naming it past the
 * size limit (`maxBytes`: the `fileSize` the scope registered, said back to the person as "10 MB").
 */
export async function readUploadedFile(
  req: FastifyRequest,
  opts: { field: string; noun: UploadNoun; maxBytes: number; tooLargeCode: 'photo_too_large' | 'file_too_large' },
): Promise<{ bytes: Buffer; filename: string }> {
  const { field, noun } = opts;
  requireMultipart(req, noun);
  const part = await req.file();
  if (part?.fieldname !== field)
    throw errors.invalidField(field, { vi: `Chưa chọn ${noun.vi} để tải lên.`, en: `No ${noun.en} was uploaded.` });
  try {
    return { bytes: await part.toBuffer(), filename: part.filename };
  } catch (e) {
    if ((e as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
    const text = {
      vi: `${noun.vi[0].toUpperCase()}${noun.vi.slice(1)} quá lớn (tối đa ${megabytes(opts.maxBytes)}).`,
      en: `The ${noun.en} is too large (at most ${megabytes(opts.maxBytes)}).`,
    };
    throw new AppError(413, opts.tooLargeCode, text, { [field]: text });
  }
}
