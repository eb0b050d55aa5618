import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_PHOTO_SIZE_TEXT } from '../../../common/constants/photos.js';
import {
  AnswerReport,
  MAX_PHOTOS,
  ProvideInformation,
  ReportView,
  SubmitReport,
  SubmitResponse,
} from '../../../common/feedback.js';
import { requireActor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, errors, fieldsFromIssues } from '../../platform/errors.js';
import {
  PHOTO_LIMITS,
  photoTooLarge,
  processPhoto,
  removeStored,
  type StoredPhoto,
  storePhotos,
} from '../../platform/files/photos.js';
import { type FileStore, fileStoreFor } from '../../platform/files/store.js';
import { IdempotencyHeaders } from '../../platform/idempotency/index.js';
import { assertWellFormed } from '../../platform/text-input.js';
import type { FeedbackService } from './service.js';

const invalid = (issues: z.core.$ZodIssue[], prefix?: string) =>
  new AppError(
    400,
    'invalid_input',
    { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
    fieldsFromIssues(issues as Parameters<typeof fieldsFromIssues>[0], prefix),
  );

/**
 * A JSON body, or multipart/form-data with one JSON field (`field`) and 0–5 `photos` files: the parsed input and
 * the photo bytes.
 */
async function readWithPhotos<S extends z.ZodType>(
  req: FastifyRequest,
  field: string,
  schema: S,
): Promise<{ input: z.output<S>; photos: Buffer[]; names: string[] }> {
  let raw: unknown = req.body;
  const photos: Buffer[] = [];
  const names: string[] = [];
  if (req.isMultipart()) {
    raw = undefined;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'photos')
          throw errors.invalidField(part.fieldname, { vi: 'Trường không được hỗ trợ.', en: 'Unknown field.' });
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer(); // 413 past the size limit
        } catch (e) {
          if ((e as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
          throw namePhotoError(photoTooLarge(), photos.length, part.filename);
        }
        if (photos.length >= MAX_PHOTOS)
          throw errors.invalidField('photos', {
            vi: `Tối đa ${MAX_PHOTOS} ảnh.`,
            en: `At most ${MAX_PHOTOS} photos.`,
          });
        photos.push(bytes);
        names.push(part.filename ?? '');
      } else if (part.fieldname === field) {
        try {
          raw = JSON.parse(String(part.value));
        } catch {
          throw errors.invalidField(field, { vi: 'Không phải JSON hợp lệ.', en: 'Not valid JSON.' });
        }
        assertWellFormed(raw, field); // a lone surrogate is refused as in every JSON body
      } else throw errors.invalidField(part.fieldname, { vi: 'Trường không được hỗ trợ.', en: 'Unknown field.' });
    }
    if (raw === undefined)
      throw errors.invalidField(field, { vi: 'Vui lòng nhập thông tin này.', en: 'Please fill this in.' });
  }
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw invalid(parsed.error.issues);
  return { input: parsed.data, photos, names };
}

/**
 * A photo's refusal (not an image, too big, damaged) naming which one: "Ảnh 2 (fake.jpg)", field `photos[1]`, so
 * a person who picked several knows which to replace. The name is the one their device sent, cut short and cleaned.
 */
export function namePhotoError(e: unknown, index: number, fileName: string | undefined): unknown {
  if (!(e instanceof AppError)) return e;
  const name = (fileName ?? '')
    .replace(/[\p{C}]/gu, '')
    .trim()
    .slice(0, 80);
  const which = {
    vi: `Ảnh ${index + 1}${name ? ` (${name})` : ''}`,
    en: `Photo ${index + 1}${name ? ` (${name})` : ''}`,
  };
  const lower = (t: string) => t.charAt(0).toLowerCase() + t.slice(1);
  return new AppError(
    e.status,
    e.code,
    { vi: `${which.vi}: ${lower(e.text.vi)}`, en: `${which.en}: ${lower(e.text.en)}` },
    { [`photos[${index}]`]: e.text },
  );
}

/** Checks, re-encodes and stores photos; runs `write` with them and removes the files if it throws. */
async function withStoredPhotos<T>(
  store: FileStore,
  photos: Buffer[],
  write: (stored: StoredPhoto[]) => Promise<T>,
  names: string[] = [],
): Promise<{ result: T; stored: StoredPhoto[] }> {
  const processed = [];
  for (const [i, p] of photos.entries()) {
    try {
      processed.push(await processPhoto(p));
    } catch (e) {
      throw namePhotoError(e, i, names[i]);
    }
  }
  const stored = processed.length ? await storePhotos(store, processed) : [];
  try {
    return { result: await write(stored), stored };
  } catch (e) {
    await removeStored(store, stored);
    throw e;
  }
}

/**
 * `POST /api/reports` (and `POST /api/reports/:id/answer`): JSON, or multipart/form-data with a `report` field (the same JSON) and 0–5 `photos` files.
 * Photos are checked and re-encoded first, written to the file store, then the report and its photo rows are
 * written in one transaction; if that fails (or it was a retry of an earlier submission) the files are removed.
 */
export async function submitRoute(server: FastifyInstance, opts: { ctx: AppContext; feedback: FeedbackService }) {
  await server.register(multipart, {
    limits: { files: MAX_PHOTOS + 1, fileSize: PHOTO_LIMITS.maxBytes, fields: 2, parts: MAX_PHOTOS + 3 },
  });
  const app = server.withTypeProvider<ZodTypeProvider>();
  const store = fileStoreFor(opts.ctx);
  app.post(
    '/api/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Gửi phản ánh / Submit a report',
        description:
          `JSON (SubmitReport) hoặc multipart/form-data: trường \`report\` (JSON) và 0–${MAX_PHOTOS} tệp \`photos\` (≤ ${MAX_PHOTO_SIZE_TEXT}). ` +
          'Người dân (app), tổ công nghệ số (assisted, cần consent khi ghi tên/số điện thoại), cán bộ (hotline, zalo, ' +
          'email, walk_in). Gửi lại cùng id hoặc Idempotency-Key trả về phản ánh đầu tiên (200).',
        headers: IdempotencyHeaders,
        response: { 200: SubmitResponse, 201: SubmitResponse },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { input, photos, names } = await readWithPhotos(req, 'report', SubmitReport);
      const { result, stored } = await withStoredPhotos(
        store,
        photos,
        (photos) =>
          opts.feedback.submitReport(actor, input, {
            idempotencyKey: req.headers['idempotency-key'],
            photos,
            requestId: req.id,
          }),
        names,
      );
      if (!result.created) await removeStored(store, stored); // the first submission keeps its own photos
      return reply
        .code(result.created ? 201 : 200)
        .send({ ...result.report, possibleDuplicates: result.possibleDuplicates });
    },
  );

  app.post(
    '/api/reports/:id/answer',
    {
      schema: {
        tags: ['reports'],
        summary: 'Trả lời, kết quả xử lý (kèm ảnh) / Answer (with photos)',
        description: 'JSON { text } hoặc multipart/form-data: trường `answer` (JSON { text }) và 0–5 tệp `photos`.',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: ReportView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { input, photos, names } = await readWithPhotos(req, 'answer', AnswerReport);
      const { result } = await withStoredPhotos(
        store,
        photos,
        (photos) => opts.feedback.answerReport(actor, req.params.id, input.text, photos),
        names,
      );
      return result;
    },
  );

  app.post(
    '/api/reports/:id/provide-information',
    {
      schema: {
        tags: ['reports'],
        summary: 'Bổ sung thông tin (kèm ảnh) / Answer the question (with photos)',
        description:
          'Người phản ánh trả lời yêu cầu bổ sung: JSON { text } hoặc multipart/form-data: trường `information` ' +
          '(JSON { text }) và 0–5 tệp `photos` (ảnh chờ cán bộ duyệt trước khi công khai).',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: ReportView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { input, photos } = await readWithPhotos(req, 'information', ProvideInformation);
      const { result } = await withStoredPhotos(store, photos, (photos) =>
        opts.feedback.provideInformation(actor, req.params.id, input.text, photos),
      );
      return result;
    },
  );
}
