import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  NEWS_LIMITS,
  NewsFeedParam,
  NewsFollow,
  NewsFollowInput,
  NewsFollowList,
  NewsHome,
  NewsIdParam,
  NewsImage,
  NewsImageParam,
  NewsImageUploadQuery,
  NewsList,
  NewsListQuery,
  NewsManageItem,
  NewsManageList,
  NewsManageQuery,
  NewsPostCreate,
  NewsPostUpdate,
  NewsPostView,
  NewsPreview,
  NewsPreviewInput,
  NewsUnitParam,
  NewsWithdraw,
} from '../../../common/news.js';
import { requireActor, requireUser } from '../../platform/actor.js';
import { IdempotencyHeaders } from '../../platform/idempotency/index.js';
import { megabytes, readUploadedFile } from '../../platform/uploads.js';
import { atomFeed } from './feed.js';
import type { NewsService } from './service.js';

const tags = ['news'];

/**
 * Official news and alerts: public reading (`/api/news…`, the Atom feed), following a unit (signed in), and
 * publishing under `/api/news/manage` ('news.publish' on the unit).
 */
export async function newsRoutes(server: FastifyInstance, opts: { news: NewsService; publicUrl: string }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const news = opts.news;

  app.get(
    '/api/news',
    {
      schema: {
        tags,
        summary: 'Tin đã đăng: ghim trước, mới nhất trước / Published news, pinned first, newest first',
        querystring: NewsListQuery,
        response: { 200: NewsList },
      },
    },
    async (req) => news.list(req.query),
  );

  app.get(
    '/api/news/home',
    {
      schema: {
        tags,
        summary:
          'Tin cho trang chủ: của tỉnh và các xã mình theo dõi / Home news: the province’s and followed communes’',
        response: { 200: NewsHome },
      },
    },
    async (req) => news.home(req.actor),
  );

  app.get(
    '/api/news/feed/:file',
    {
      schema: {
        tags,
        summary: 'Nguồn tin Atom của một đơn vị (<mã>.atom) / A unit’s Atom feed (<code>.atom)',
        params: NewsFeedParam,
      },
    },
    async (req, reply) => {
      const code = req.params.file.replace(/\.(atom|xml)$/, '');
      const feed = await news.feedOf(code);
      const xml = atomFeed({ ...feed, publicUrl: opts.publicUrl, feedFile: req.params.file });
      return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(xml);
    },
  );

  app.get(
    '/api/news/images/:id/:variant',
    { schema: { tags, summary: 'Ảnh của tin (WebP) / A post’s image (WebP)', params: NewsImageParam } },
    async (req, reply) => {
      const file = await news.openImage(req.params.id, req.params.variant);
      return reply
        .type(file.type)
        .header('content-length', file.bytes)
        .header('cache-control', 'public, max-age=86400, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    },
  );

  app.get(
    '/api/news/follows',
    {
      schema: {
        tags,
        summary: 'Các đơn vị mình theo dõi / Units one follows',
        response: { 200: NewsFollowList },
      },
    },
    async (req) => news.listFollows(requireUser(req)),
  );

  app.get(
    '/api/news/follows/:unitCode',
    {
      schema: {
        tags,
        summary: 'Mình có theo dõi đơn vị này không / Whether one follows a unit',
        params: NewsUnitParam,
        response: { 200: NewsFollow },
      },
    },
    async (req) => news.followState(requireUser(req), req.params.unitCode),
  );

  app.put(
    '/api/news/follows/:unitCode',
    {
      schema: {
        tags,
        summary: 'Theo dõi tin của tỉnh hoặc xã (lặp lại không sao) / Follow a province or commune (idempotent)',
        params: NewsUnitParam,
        body: NewsFollowInput,
        response: { 200: NewsFollow },
      },
    },
    async (req) => news.follow(requireUser(req), req.params.unitCode, req.body.alertChannel),
  );

  app.delete(
    '/api/news/follows/:unitCode',
    {
      schema: {
        tags,
        summary: 'Bỏ theo dõi / Unfollow',
        params: NewsUnitParam,
        response: { 200: NewsFollow },
      },
    },
    async (req) => news.unfollow(requireUser(req), req.params.unitCode),
  );

  app.get(
    '/api/news/manage',
    {
      schema: {
        tags,
        summary: 'Tin mình quản lý, kể cả hẹn giờ và đã gỡ / Posts one manages, scheduled and withdrawn included',
        querystring: NewsManageQuery,
        response: { 200: NewsManageList },
      },
    },
    async (req) => news.listManaged(requireActor(req), req.query.unit),
  );

  app.post(
    '/api/news/manage',
    {
      schema: {
        tags,
        summary: 'Đăng hoặc hẹn giờ đăng một tin / Publish or schedule a post',
        headers: IdempotencyHeaders,
        body: NewsPostCreate,
        response: { 201: NewsManageItem },
      },
    },
    async (req, reply) => {
      const item = await news.create(requireActor(req), req.body, {
        requestId: req.id,
        idempotencyKey: req.headers['idempotency-key'],
      });
      return reply.code(201).send(item);
    },
  );

  app.post(
    '/api/news/manage/preview',
    {
      schema: {
        tags,
        summary: 'Xem trước nội dung (Markdown → HTML) / Preview the text (Markdown → HTML)',
        body: NewsPreviewInput,
        response: { 200: NewsPreview },
      },
    },
    async (req) => news.preview(requireActor(req), req.body.unit, req.body.body),
  );

  app.get(
    '/api/news/manage/:id',
    {
      schema: {
        tags,
        summary: 'Một tin (quản lý) / One post (managing)',
        params: NewsIdParam,
        response: { 200: NewsManageItem },
      },
    },
    async (req) => news.getManaged(requireActor(req), req.params.id),
  );

  app.put(
    '/api/news/manage/:id',
    {
      schema: {
        tags,
        summary: 'Sửa tin / Edit a post',
        params: NewsIdParam,
        body: NewsPostUpdate,
        response: { 200: NewsManageItem },
      },
    },
    async (req) => news.update(requireActor(req), req.params.id, req.body, { requestId: req.id }),
  );

  app.post(
    '/api/news/manage/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Gỡ tin (kèm lý do) / Withdraw a post (with a reason)',
        params: NewsIdParam,
        body: NewsWithdraw,
        response: { 200: NewsManageItem },
      },
    },
    async (req) => news.withdraw(requireActor(req), req.params.id, req.body.reason, { requestId: req.id }),
  );

  app.get(
    '/api/news/:id',
    {
      schema: {
        tags,
        summary: 'Một tin đã đăng / One published post',
        params: NewsIdParam,
        response: { 200: NewsPostView },
      },
    },
    async (req) => news.get(req.actor, req.params.id),
  );

  // The upload lives in its own scope: only this route parses multipart bodies.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { files: 1, fileSize: NEWS_LIMITS.imageMaxBytes, fields: 0, parts: 1 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/news/manage/images',
      {
        schema: {
          tags,
          summary: 'Tải ảnh cho tin (multipart, tệp `file`) / Upload an image for posts (file `file`)',
          description: `multipart/form-data with one image \`file\` (≤ ${megabytes(NEWS_LIMITS.imageMaxBytes)}), re-encoded to WebP 480/960 px.`,
          querystring: NewsImageUploadQuery,
          response: { 201: NewsImage },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        await news.authorizeUnit(actor, req.query.unit);
        const { bytes, filename } = await readUploadedFile(req, {
          field: 'file',
          noun: { vi: 'ảnh', en: 'image' },
          maxBytes: NEWS_LIMITS.imageMaxBytes,
          tooLargeCode: 'file_too_large',
        });
        const image = await news.uploadImage(actor, req.query.unit, { bytes, filename }, { requestId: req.id });
        return reply.code(201).send(image);
      },
    );
  });
}
