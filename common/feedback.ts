import { z } from 'zod';
import {
  CANCEL_REASONS,
  DESCRIPTION_MAX,
  DUPLICATE_DISTANCE_BANDS,
  OFFICER_CANCEL_REASONS,
  REPORT_CHANNELS,
  REPORT_PAGE_DEFAULT,
  REPORT_PAGE_MAX,
  REPORT_STATUSES,
  TEXT_MAX,
} from './constants/feedback.js';

export * from './constants/feedback.js';

/**
 * Citizen feedback (phản ánh hiện trường), shared by the server and the web app: the request/response schemas of
 * `/api/reports`, `/api/feedback/*` (categories, routing rules) and `/api/holidays`. The statuses, labels, cancel
 * reasons and channels are in constants/feedback.ts (no zod, so web pages import them), re-exported here.
 */

export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;
export const CancelReason = z.enum(CANCEL_REASONS);
export type CancelReason = z.infer<typeof CancelReason>;
export const OfficerCancelReason = z.enum(OFFICER_CANCEL_REASONS);
export const ReportChannel = z.enum(REPORT_CHANNELS);
export type ReportChannel = z.infer<typeof ReportChannel>;

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const code = z.string().trim().min(1).max(40);

// ——— categories ———

export const ExtraField = z.strictObject({
  code: z.string().regex(/^[a-z0-9_]{1,40}$/, { message: 'Mã chỉ gồm a-z, 0-9, _. | Use a-z, 0-9 and _ only.' }),
  label: z.strictObject({ vi: trimmed(200), en: trimmed(200) }),
  datatype: z.enum(['string', 'text', 'number', 'datetime', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean().default(false),
  values: z
    .array(z.strictObject({ key: trimmed(40), name: trimmed(200) }))
    .max(50)
    .optional(),
});
export type ExtraField = z.infer<typeof ExtraField>;

export const CategoryView = z.object({
  id: z.string(),
  code: z.string(),
  provinceCode: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  descriptionVi: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  icon: z.string(),
  /** null: the People's Committee of the report's commune answers. */
  defaultHandlingUnitId: z.string().nullable(),
  deadlineWorkingDays: z.number().int().nullable(),
  deadlineHours: z.number().int().nullable(),
  sensitive: z.boolean(),
  extraFields: z.array(ExtraField),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type CategoryView = z.infer<typeof CategoryView>;
export const CategoryListResponse = z.object({ items: z.array(CategoryView) });

const categoryFields = {
  nameVi: trimmed(200),
  nameEn: trimmed(200),
  descriptionVi: z.string().trim().max(2000).nullable().optional(),
  descriptionEn: z.string().trim().max(2000).nullable().optional(),
  icon: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional(),
  defaultHandlingUnitId: z.uuid().nullable().optional(),
  deadlineWorkingDays: z.number().int().min(1).max(90).nullable().optional(),
  deadlineHours: z.number().int().min(1).max(720).nullable().optional(),
  sensitive: z.boolean().optional(),
  extraFields: z.array(ExtraField).max(20).optional(),
  active: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10000).optional(),
};
const oneDeadline = (v: { deadlineWorkingDays?: number | null; deadlineHours?: number | null }) =>
  !(v.deadlineWorkingDays && v.deadlineHours);
const deadlineMessage = {
  message: 'Chỉ đặt hạn theo ngày làm việc hoặc theo giờ. | Set a deadline in working days or in hours, not both.',
  path: ['deadlineHours'],
};
export const CategoryCreate = z
  .strictObject({
    code: z.string().regex(/^[a-z0-9-]{2,40}$/, { message: 'Mã chỉ gồm a-z, 0-9, -. | Use a-z, 0-9 and - only.' }),
    provinceCode: code.optional(),
    ...categoryFields,
  })
  .refine(oneDeadline, deadlineMessage);
export type CategoryCreate = z.infer<typeof CategoryCreate>;
export const CategoryUpdate = z
  .strictObject({ ...categoryFields, nameVi: trimmed(200).optional(), nameEn: trimmed(200).optional() })
  .refine(oneDeadline, deadlineMessage);
export type CategoryUpdate = z.infer<typeof CategoryUpdate>;
export const CategoryListQuery = z.strictObject({
  province: code.optional(),
  includeInactive: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});

// ——— routing rules ———

export const RoutingRuleView = z.object({
  id: z.string(),
  categoryId: z.string(),
  categoryCode: z.string(),
  /** null: every commune of the province. */
  communeCode: z.string().nullable(),
  handlingUnit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  createdAt: z.string(),
});
export type RoutingRuleView = z.infer<typeof RoutingRuleView>;
export const RoutingRuleCreate = z.strictObject({
  categoryId: z.uuid(),
  communeCode: code.nullable().optional(),
  handlingUnitId: z.uuid(),
});
export const RoutingRuleListQuery = z.strictObject({
  province: code.optional(),
  category: z.uuid().optional(),
  commune: code.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(100000).default(0),
});
export const RoutingRuleListResponse = z.object({ items: z.array(RoutingRuleView), total: z.number().int() });

// ——— holidays ———

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày dạng YYYY-MM-DD. | Use YYYY-MM-DD.' });
export const HolidayView = z.object({
  provinceCode: z.string(),
  date: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  compensatory: z.boolean(),
});
export type HolidayView = z.infer<typeof HolidayView>;
export const HolidayListQuery = z.strictObject({
  province: code.optional(),
  year: z.coerce.number().int().min(2000).max(2100),
});
export const HolidayListResponse = z.object({ items: z.array(HolidayView) });
export const HolidayCreate = z.strictObject({
  provinceCode: code.optional(),
  date: isoDate,
  nameVi: trimmed(200),
  nameEn: trimmed(200),
  compensatory: z.boolean().default(false),
});
/** Fill a year with the default holidays (Labor Code; Tết and Giỗ Tổ by the lunar calendar); days already there stay. */
export const HolidayDefaults = z.strictObject({
  provinceCode: code.optional(),
  year: z.number().int().min(2000).max(2100),
});
export const HolidayDefaultsResult = z.object({ added: z.number().int(), items: z.array(HolidayView) });

// ——— reports: requests ———

/**
 * `POST /api/reports`. A citizen submits for themselves (channel `app`); a team member for a resident
 * (`assisted`: the resident's name/phone only with `consent: true`); an officer or administrator for a
 * hotline/zalo/email/walk_in contact. The location is a point (the commune is found from the boundaries)
 * and/or an address with `communeCode`.
 */
export const SubmitReport = z.strictObject({
  /** Client-generated id (offline submission): a retry with the same id returns the first report. */
  id: z.uuid().optional(),
  categoryId: z.uuid(),
  description: trimmed(DESCRIPTION_MAX),
  attributes: z
    .record(z.string().max(40), z.union([z.string().max(1000), z.number(), z.array(z.string().max(200)).max(50)]))
    .optional(),
  lat: lat.optional(),
  lng: lng.optional(),
  address: z.string().trim().min(1).max(500).optional(),
  communeCode: code.optional(),
  hamletCode: code.optional(),
  emergency: z.boolean().default(false),
  /** The reporter agrees that their name may be shown publicly (otherwise "Người dân"). */
  showName: z.boolean().default(false),
  channel: ReportChannel.optional(),
  reporterName: z.string().trim().min(1).max(200).optional(),
  reporterPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 .-]{8,20}$/, { message: 'Số điện thoại không hợp lệ. | Invalid phone number.' })
    .optional(),
  /** The resident agreed that their name/phone be recorded (assisted and operator reports). */
  consent: z.boolean().optional(),
});
export type SubmitReport = z.infer<typeof SubmitReport>;

export const DuplicateQuery = z.strictObject({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  categoryId: z.uuid(),
  text: z.string().trim().max(DESCRIPTION_MAX).optional(),
});

export const AcceptReport = z.strictObject({
  /** Screener's override of the routing rules. */
  handlingUnitId: z.uuid().optional(),
  note: z.string().trim().max(TEXT_MAX).optional(),
});
export const RequestInformation = z.strictObject({ question: trimmed(TEXT_MAX) });
export const ProvideInformation = z.strictObject({ text: trimmed(TEXT_MAX) });
export const ForwardReport = z.strictObject({ handlingUnitId: z.uuid(), reason: trimmed(TEXT_MAX) });
export const AnswerReport = z.strictObject({ text: trimmed(TEXT_MAX) });
export const CancelReport = z.strictObject({
  reason: OfficerCancelReason,
  duplicateOf: z.uuid().optional(),
  note: z.string().trim().max(TEXT_MAX).optional(),
});
export const ReopenReport = z.strictObject({ reason: trimmed(TEXT_MAX) });
/** `POST /api/reports/:id/withdraw`: the reporter takes back a report not yet accepted (optional note). */
export const WithdrawReport = z.strictObject({ note: z.string().trim().max(TEXT_MAX).optional() });
export const RateReport = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(TEXT_MAX).optional(),
});
export const AddNote = z.strictObject({ text: trimmed(TEXT_MAX) });
/** `POST /api/reports/:id/contact`: why the officer needs the reporter's phone (kept in the audit trail). */
export const RevealContact = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(5, { message: 'Hãy ghi lý do (ít nhất 5 ký tự). | Give a reason (at least 5 characters).' })
    .max(500),
});
/** The reporter's contact, shown to an authorised officer after a deliberate, audited request. */
export const ReporterContact = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  /** `account`: the app account's verified phone; `report`: what was recorded with the resident's consent. */
  source: z.enum(['account', 'report']),
});
export type ReporterContact = z.infer<typeof ReporterContact>;
export const BulkAction = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(100),
  action: z.enum(['accept', 'cancel']),
  reason: OfficerCancelReason.optional(),
  handlingUnitId: z.uuid().optional(),
});

export const InboxQuery = z.strictObject({
  /** Handling unit id or code; default: every unit the officer works for. */
  unit: z.string().trim().min(1).max(64).optional(),
  status: z.enum(['distributed', 'resolved', 'all']).default('distributed'),
  limit: z.coerce.number().int().min(1).max(REPORT_PAGE_MAX).default(REPORT_PAGE_DEFAULT),
  cursor: z.string().max(300).optional(),
});
export const PageQuery = z.strictObject({
  commune: code.optional(),
  limit: z.coerce.number().int().min(1).max(REPORT_PAGE_MAX).default(REPORT_PAGE_DEFAULT),
  cursor: z.string().max(300).optional(),
});

// ——— reports: responses ———

export const HandlingUnitBrief = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const ReportEventView = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  fromStatus: ReportStatus.nullable(),
  toStatus: ReportStatus.nullable(),
  fromHandlingUnitId: z.string().nullable(),
  toHandlingUnitId: z.string().nullable(),
  reason: z.string().nullable(),
  /** false: an internal note, shown to staff only. */
  public: z.boolean(),
  /** The actor's role at the time, never their name: staff, reporter, system. */
  by: z.enum(['reporter', 'staff', 'system']),
  /** A rating event's stars (1–5); its comment is `reason`. */
  rating: z.number().int().nullable(),
  /** The deadline an acceptance or a reopening set. */
  dueAt: z.string().nullable(),
});
export type ReportEventView = z.infer<typeof ReportEventView>;

/** Shown to staff in scope only: who reported and how to reach them. */
export const ReportPrivate = z.object({
  reporterId: z.string().nullable(),
  submittedBy: z.string().nullable(),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  consentRecordedAt: z.string().nullable(),
});

/**
 * One report as its reporter or staff see it (`GET /api/reports/:id`, submit and transition responses).
 * `private` is null unless the actor may read private fields; `events` hold internal notes only for staff.
 */
export const ReportView = z.object({
  id: z.string(),
  publicCode: z.string(),
  status: ReportStatus,
  statusLabel: z.object({ vi: z.string(), en: z.string() }),
  cancelReason: CancelReason.nullable(),
  duplicateOf: z.string().nullable(),
  category: z.object({ id: z.string(), code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  description: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  emergency: z.boolean(),
  channel: ReportChannel,
  showName: z.boolean(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  address: z.string().nullable(),
  communeCode: z.string(),
  hamletCode: z.string().nullable(),
  handlingUnit: HandlingUnitBrief.nullable(),
  dueAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedOnTime: z.boolean().nullable(),
  answerText: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  reopenCount: z.number().int(),
  escalatedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(ReportEventView),
  private: ReportPrivate.nullable(),
});
export type ReportView = z.infer<typeof ReportView>;

/**
 * A likely duplicate as the person submitting sees it: a public report (screened, open, not in a sensitive
 * category) or one of their own, its distance as a band from the public position.
 */
export const DuplicateHint = z.object({
  id: z.string(),
  publicCode: z.string(),
  status: ReportStatus,
  description: z.string(),
  distanceBand: z.enum(DUPLICATE_DISTANCE_BANDS),
  /** Trigram similarity of the texts (0–1); 0 when no text was given. */
  similarity: z.number(),
  createdAt: z.string(),
});
export type DuplicateHint = z.infer<typeof DuplicateHint>;
export const DuplicateResponse = z.object({ items: z.array(DuplicateHint) });
/** The staff's view of a report's likely duplicates (`GET /api/reports/:id/duplicates`): metres from the exact point. */
export const StaffDuplicateHint = DuplicateHint.extend({ distanceM: z.number() });
export type StaffDuplicateHint = z.infer<typeof StaffDuplicateHint>;
export const StaffDuplicateResponse = z.object({ items: z.array(StaffDuplicateHint) });
export const SubmitResponse = ReportView.extend({ possibleDuplicates: z.array(DuplicateHint) });

/** A row of the inbox, the screening queue and "my reports": no personal data. */
export const ReportListItem = z.object({
  id: z.string(),
  publicCode: z.string(),
  status: ReportStatus,
  categoryId: z.string(),
  description: z.string(),
  communeCode: z.string(),
  handlingUnitId: z.string().nullable(),
  emergency: z.boolean(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** Overdue and escalated to the handling unit's parent (it shows in the parent's inbox too). */
  escalated: z.boolean(),
  /** Pending and waiting for the reporter's answer to a question (not to be screened until they answer). */
  awaitingInformation: z.boolean(),
  createdAt: z.string(),
});
export type ReportListItem = z.infer<typeof ReportListItem>;
/** GET /api/reports/queues: which work lists the caller can open (each true one answers 200, never 403). */
export const WorkQueues = z.object({ screening: z.boolean(), inbox: z.boolean() });
export type WorkQueues = z.infer<typeof WorkQueues>;
export const ReportListResponse = z.object({ items: z.array(ReportListItem), nextCursor: z.string().nullable() });
export const BulkResponse = z.object({
  done: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
});
