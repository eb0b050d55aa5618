import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptReport,
  AddNote,
  BulkAction,
  BulkResponse,
  CancelReport,
  DuplicateQuery,
  DuplicateResponse,
  ForwardReport,
  InboxQuery,
  PageQuery,
  RateReport,
  ReopenReport,
  ReporterContact,
  ReportListResponse,
  ReportView,
  RequestInformation,
  RevealContact,
  StaffDuplicateResponse,
  WithdrawReport,
  WorkQueues,
} from '../../../common/feedback.js';
import { requireActor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { requestLang } from '../../platform/errors.js';
import type { UnitsService } from '../units/service.js';
import type { CategoryService } from './categories.js';
import { duplicateHintLimits } from './hint-limits.js';
import { feedbackAdminRoutes } from './routes-admin.js';
import { submitRoute } from './routes-submit.js';
import { workSummaryRoute } from './routes-summary.js';
import type { FeedbackService } from './service.js';
import type { WorkSummaryService } from './work-summary.js';

const tags = ['reports'];
const IdParam = z.strictObject({ id: z.uuid() });

/** Citizen feedback: submission, the officer's workflow, lists; plus categories and routing rules. */
export async function feedbackRoutes(
  server: FastifyInstance,
  opts: {
    ctx: AppContext;
    feedback: FeedbackService;
    categories: CategoryService;
    units: UnitsService;
    workSummary: WorkSummaryService;
  },
) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const service = opts.feedback;
  await app.register(feedbackAdminRoutes, opts);
  await app.register(workSummaryRoute, opts);

  await app.register(submitRoute, opts);

  app.get(
    '/api/reports/duplicates',
    {
      schema: {
        tags,
        summary: 'Phản ánh có thể trùng (200 m, cùng lĩnh vực, nội dung gần giống) / Likely duplicates',
        description:
          'Chỉ phản ánh công khai đang xử lý (không thuộc lĩnh vực nhạy cảm) và phản ánh của chính mình; khoảng cách ' +
          'theo dải từ vị trí công khai. Giới hạn số lần mỗi phút theo tài khoản và địa chỉ IP (429, Retry-After). / ' +
          'Public open reports outside sensitive categories and your own; distance bands from the public position; ' +
          'limited per account and per IP (429 with Retry-After).',
        querystring: DuplicateQuery,
        response: { 200: DuplicateResponse },
      },
      preHandler: duplicateHintLimits(server),
    },
    async (req) => ({ items: await service.findDuplicates(requireActor(req), req.query) }),
  );

  app.get(
    '/api/reports/queues',
    {
      schema: {
        tags,
        summary: 'Hàng việc người dùng mở được / The work queues the caller can open',
        response: { 200: WorkQueues },
      },
    },
    async (req) => service.workQueues(requireActor(req)),
  );

  app.get(
    '/api/reports/inbox',
    {
      schema: {
        tags,
        summary: 'Hộp việc của cơ quan xử lý (quá hạn trước) / A handling unit’s inbox (overdue first)',
        querystring: InboxQuery,
        response: { 200: ReportListResponse },
      },
    },
    async (req) => service.listInbox(requireActor(req), req.query),
  );

  app.get(
    '/api/reports/screening',
    {
      schema: {
        tags,
        summary: 'Hàng chờ tiếp nhận của xã / The screening queue',
        querystring: PageQuery,
        response: { 200: ReportListResponse },
      },
    },
    async (req) => service.listScreening(requireActor(req), req.query),
  );

  app.get(
    '/api/reports/mine',
    {
      schema: {
        tags,
        summary: 'Phản ánh của tôi / My reports',
        querystring: PageQuery,
        response: { 200: ReportListResponse },
      },
    },
    async (req) => service.listMine(requireActor(req), req.query),
  );

  app.post(
    '/api/reports/bulk',
    {
      schema: {
        tags,
        summary: 'Tiếp nhận / hủy nhiều phản ánh / Accept or cancel several reports',
        body: BulkAction,
        response: { 200: BulkResponse },
      },
    },
    async (req) => service.bulk(requireActor(req), req.body, requestLang(req)),
  );

  app.get(
    '/api/reports/:id',
    {
      schema: {
        tags,
        summary: 'Một phản ánh (người phản ánh, cán bộ có thẩm quyền) / One report (its reporter, staff in scope)',
        params: IdParam,
        response: { 200: ReportView },
      },
    },
    async (req) => service.getReportForActor(req.actor, req.params.id, req.id),
  );

  app.post(
    '/api/reports/:id/contact',
    {
      schema: {
        tags,
        summary: 'Xem số điện thoại người phản ánh (có lý do, ghi nhật ký) / Reveal the reporter’s phone (audited)',
        description:
          'Cán bộ của cơ quan xử lý, UBND xã sàng lọc hoặc quản trị trong phạm vi; lý do được ghi vào nhật ký truy cập.',
        params: IdParam,
        body: RevealContact,
        response: { 200: ReporterContact },
      },
    },
    async (req) => service.revealContact(requireActor(req), req.params.id, req.body.reason, req.id),
  );

  app.get(
    '/api/reports/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Phản ánh có thể trùng với phản ánh này (cán bộ) / Likely duplicates of this report (staff)',
        params: IdParam,
        response: { 200: StaffDuplicateResponse },
      },
    },
    async (req) => ({ items: await service.findDuplicatesOf(requireActor(req), req.params.id) }),
  );

  const action = <S extends z.ZodType>(
    path: string,
    summary: string,
    body: S,
    run: (actor: ReturnType<typeof requireActor>, id: string, body: z.output<S>) => Promise<ReportView>,
  ) =>
    app.post(
      `/api/reports/:id/${path}`,
      { schema: { tags, summary, params: IdParam, body, response: { 200: ReportView } } },
      async (req) => run(requireActor(req), (req.params as { id: string }).id, req.body as z.output<S>),
    );

  action('accept', 'Tiếp nhận và phân phối / Accept and route', AcceptReport, (a, id, b) =>
    service.acceptReport(a, id, b),
  );
  action('request-information', 'Yêu cầu bổ sung thông tin / Ask the reporter', RequestInformation, (a, id, b) =>
    service.requestInformation(a, id, b.question),
  );
  // provide-information (JSON or multipart with photos) is in routes-submit.ts.
  action(
    'withdraw',
    'Rút phản ánh chưa được tiếp nhận (người phản ánh) / Withdraw a report not yet accepted (its reporter)',
    WithdrawReport,
    (a, id, b) => service.withdrawReport(a, id, b.note),
  );
  action('forward', 'Chuyển cơ quan khác / Forward', ForwardReport, (a, id, b) => service.forwardReport(a, id, b));
  action('cancel', 'Hủy với lý do / Cancel with a reason', CancelReport, (a, id, b) => service.cancelReport(a, id, b));
  action('reopen', 'Mở lại (trong 7 ngày) / Reopen (within 7 days)', ReopenReport, (a, id, b) =>
    service.reopenReport(a, id, b.reason),
  );
  action('rate', 'Đánh giá kết quả / Rate the answer', RateReport, (a, id, b) => service.rateReport(a, id, b));
  action('notes', 'Ghi chú nội bộ / Internal note', AddNote, (a, id, b) => service.addNote(a, id, b.text));
}
