import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CertificateBulkQuery,
  CertificateList,
  CertificateListQuery,
  CertificateRevoke,
  CertificateSerialParam,
  CertificateVerification,
  CertificateView,
  MyCertificates,
} from '../../../common/certificates.js';
import { requireActor } from '../../platform/actor.js';
import { contentDisposition } from '../../platform/content-disposition.js';
import type { CertificatesService } from './service.js';

const tags = ['certificates'];
/** The public check is a lookup by a typed code: a tighter per-address limit than the API's, like a guess-able key. */
const VERIFY_RATE = { max: 60, timeWindow: '1 minute' };

/** Certificates: HTTP only; the service checks serials, authorizes and audits. */
export async function certificatesRoutes(server: FastifyInstance, opts: { certificates: CertificatesService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { certificates } = opts;

  app.get(
    '/api/verify/:serial',
    {
      config: { rateLimit: VERIFY_RATE },
      schema: {
        tags,
        summary:
          'Kiểm tra giấy chứng nhận (công khai: chỉ tên, khóa học, ngày) / Verify a certificate (public: name, title, date only)',
        params: CertificateSerialParam,
        response: { 200: CertificateVerification },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return certificates.verify(req.params.serial);
    },
  );

  app.get(
    '/api/certificates/mine',
    {
      schema: {
        tags,
        summary: 'Giấy chứng nhận của tôi / My certificates',
        response: { 200: MyCertificates },
      },
    },
    async (req) => certificates.mine(requireActor(req)),
  );

  app.get(
    '/api/certificates',
    {
      schema: {
        tags,
        summary: 'Giấy chứng nhận của một đơn vị (quản trị) / A unit’s certificates (administrators)',
        querystring: CertificateListQuery,
        response: { 200: CertificateList },
      },
    },
    async (req) => certificates.list(requireActor(req), req.query),
  );

  app.get(
    '/api/certificates/bulk.pdf',
    {
      schema: {
        tags,
        summary:
          'In hàng loạt giấy chứng nhận của một khóa học hoặc hội nghị (PDF, quản trị) / Bulk print of a course’s or session’s certificates (PDF, administrators)',
        querystring: CertificateBulkQuery,
      },
    },
    async (req, reply) => {
      const { doc, count } = await certificates.bulk(requireActor(req), req.query);
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', 'Giấy chứng nhận', 'pdf', 'giay-chung-nhan'))
        .header('x-certificate-count', String(count))
        .header('cache-control', 'no-store')
        .send(doc);
    },
  );

  app.get(
    '/api/certificates/:serial/pdf',
    {
      schema: {
        tags,
        summary:
          'Tải giấy chứng nhận (PDF: người nhận, quản trị đơn vị) / Download a certificate (PDF: holder, unit administrators)',
        params: CertificateSerialParam,
      },
    },
    async (req, reply) => {
      const { pdf, serial } = await certificates.pdf(requireActor(req), req.params.serial);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          contentDisposition('attachment', `Giấy chứng nhận ${serial}`, 'pdf', 'giay-chung-nhan'),
        )
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.post(
    '/api/certificates/:serial/revoke',
    {
      schema: {
        tags,
        summary:
          'Thu hồi giấy chứng nhận (quản trị, có lý do, ghi nhật ký) / Revoke a certificate (administrators, with a reason, audited)',
        params: CertificateSerialParam,
        body: CertificateRevoke,
        response: { 200: CertificateView },
      },
    },
    async (req) => certificates.revoke(requireActor(req), req.params.serial, req.body.reason, { requestId: req.id }),
  );
}
