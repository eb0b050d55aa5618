import { z } from 'zod';
import { FullName, VnPhone } from './accounts.js';
import {
  ACTIVITY_ACTIONS,
  ACTIVITY_LIMITS,
  ACTIVITY_OUTCOMES,
  ACTIVITY_SYNC_STATUSES,
} from './constants/activities.js';

/**
 * The activity log of community digital technology teams: request and response schemas shared by the server, the web
 * app and its offline outbox. An activity's id is made by the client (crypto.randomUUID) when it is recorded, online
 * or not: that id is what makes a sync exactly-once.
 */

export const ActivityAction = z.enum(ACTIVITY_ACTIONS);
export const ActivityOutcome = z.enum(ACTIVITY_OUTCOMES);
export const ActivitySyncStatus = z.enum(ACTIVITY_SYNC_STATUSES);

const count = (max: number) => z.number().int().min(0).max(max);
const unitCode = z.string().trim().min(1).max(40);
const text = (max: number) => z.string().trim().min(1).max(max);

/** One thing done in a session: with which catalog service, what, and how it ended. */
export const ActivityItem = z
  .strictObject({
    /** A catalog service id; null for help that is not about one service (e.g. "other"). */
    serviceId: z.uuid().nullable(),
    action: ActivityAction,
    /** The administrative procedure, for an online dossier ("Đăng ký khai sinh"). */
    procedure: text(200).nullable().optional(),
    outcome: ActivityOutcome,
    /** Why it failed: required when the outcome is "failed". */
    failureReason: text(500).nullable().optional(),
    /** People this item was done for (at least one). */
    people: z.number().int().min(1).max(ACTIVITY_LIMITS.peopleMax).default(1),
  })
  .refine((item) => item.outcome !== 'failed' || !!item.failureReason, {
    path: ['failureReason'],
    message: 'Cần ghi lý do chưa thành công. | A reason is required when it failed.',
  });
export type ActivityItem = z.input<typeof ActivityItem>;

/**
 * A resident named in an activity: only with their consent, recorded with its purpose (minimal by default: most
 * activities name nobody). Who recorded it and when are set by the server.
 */
export const ActivityResident = z
  .strictObject({
    fullName: FullName.nullable().optional(),
    phone: VnPhone.nullable().optional(),
    birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
    consent: z.strictObject({
      /** The resident agreed (ticked on their behalf by the member, in their presence). */
      given: z.literal(true, { message: 'Cần có sự đồng ý của người dân. | The resident must consent.' }),
      /** What the data is kept for ("để liên hệ hỗ trợ tiếp"). */
      purpose: text(300),
    }),
  })
  .refine((r) => !!(r.fullName || r.phone || r.birthYear), {
    message: 'Cần ít nhất họ tên, số điện thoại hoặc năm sinh. | A name, phone or birth year is required.',
  });
export type ActivityResident = z.input<typeof ActivityResident>;

const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);

/** What a member records for one session in the field (the body of a create, an edit and a sync item). */
export const ActivityInput = z.strictObject({
  /** Made by the client when recorded; the same id again is the same activity. */
  id: z.uuid({ message: 'Mã hoạt động không hợp lệ. | Not a valid activity id.' }),
  /** When the session started (ISO 8601 with offset). */
  occurredAt: z.iso.datetime({ offset: true, message: 'Thời điểm dạng ISO 8601. | Use an ISO 8601 time.' }),
  durationMinutes: z.number().int().min(1).max(ACTIVITY_LIMITS.durationMinutesMax).nullable().optional(),
  hamletCode: unitCode,
  /** Optional GPS position (never shown publicly). */
  lat: lat.nullable().optional(),
  lng: lng.nullable().optional(),
  households: count(ACTIVITY_LIMITS.householdsMax),
  people: count(ACTIVITY_LIMITS.peopleMax),
  items: z.array(ActivityItem).min(1).max(ACTIVITY_LIMITS.itemsMax),
  residents: z.array(ActivityResident).max(ACTIVITY_LIMITS.residentsMax).default([]),
  note: z.string().trim().max(ACTIVITY_LIMITS.noteMax).nullable().optional(),
  /** A feedback report the member filed for a resident during the session (reports exist: this links one). */
  reportCode: z.string().trim().max(40).nullable().optional(),
});
export type ActivityInput = z.input<typeof ActivityInput>;

/**
 * `POST /api/activities/sync`: up to 100 activities recorded offline. `baseVersion` is absent for an activity recorded
 * on the device and never synced; for an edit of a synced one it is the version the device last saw (a newer version
 * on the server is a conflict: the server's stays). An edit that leaves out `residents` keeps the server's.
 */
export const ActivitySyncItem = ActivityInput.extend({ baseVersion: z.number().int().min(1).optional() });
export const ActivitySyncRequest = z.strictObject({
  activities: z.array(ActivitySyncItem).min(1).max(ACTIVITY_LIMITS.syncBatchMax),
});
export type ActivitySyncRequest = z.input<typeof ActivitySyncRequest>;

export const ActivityItemView = z.object({
  serviceId: z.string().nullable(),
  serviceName: z.string().nullable(),
  action: ActivityAction,
  procedure: z.string().nullable(),
  outcome: ActivityOutcome,
  failureReason: z.string().nullable(),
  people: z.number().int(),
});

/** A resident as their author, their commune administrator or an auditor sees them (each read is audited). */
export const ActivityResidentView = z.object({
  fullName: z.string().nullable(),
  phone: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  consentPurpose: z.string(),
  consentRecordedAt: z.string(),
  consentRecordedBy: z.string(),
});

export const ActivityView = z.object({
  id: z.string(),
  version: z.number().int(),
  teamId: z.string(),
  teamName: z.string(),
  memberName: z.string(),
  communeCode: z.string(),
  hamletCode: z.string(),
  hamletName: z.string(),
  occurredAt: z.string(),
  durationMinutes: z.number().int().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  households: z.number().int(),
  people: z.number().int(),
  items: z.array(ActivityItemView),
  /** How many residents are named; their details only through the audited residents read. */
  residentCount: z.number().int(),
  note: z.string().nullable(),
  reportCode: z.string().nullable(),
  photoUrl: z.string().nullable(),
  /** Until when the author may edit it. */
  editableUntil: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when a commune administrator corrected it. */
  correctedAt: z.string().nullable(),
});
export type ActivityView = z.infer<typeof ActivityView>;

export const ActivitySyncResult = z.object({
  id: z.string(),
  status: ActivitySyncStatus,
  /** The server's version after this item (created, updated, exists, conflict). */
  version: z.number().int().optional(),
  /** For a conflict, the server's version of the activity (kept); the device replaces its copy. */
  activity: ActivityView.optional(),
  /** For a refusal: why, in vi and en, with the field when one is at fault. */
  error: z
    .object({
      code: z.string(),
      /** In the request's language (Accept-Language). */
      message: z.string(),
      /** Both languages, for a device that shows the other one later. */
      messages: z.object({ vi: z.string(), en: z.string() }).optional(),
      field: z.string().optional(),
    })
    .optional(),
});
export const ActivitySyncResponse = z.object({ results: z.array(ActivitySyncResult) });
export type ActivitySyncResponse = z.infer<typeof ActivitySyncResponse>;

/**
 * The body `POST /api/activities/sync` accepts: each activity is checked on its own (ActivitySyncItem), so one bad
 * activity is refused in its result and never refuses the others; only the batch's size is checked up front.
 */
export const ActivitySyncBody = z.strictObject({
  activities: z
    .array(z.unknown())
    .min(1, { message: 'Cần ít nhất một hoạt động. | At least one activity is required.' })
    .max(ACTIVITY_LIMITS.syncBatchMax, {
      message: `Tối đa ${ACTIVITY_LIMITS.syncBatchMax} hoạt động mỗi lần đồng bộ. | At most ${ACTIVITY_LIMITS.syncBatchMax} activities per sync.`,
    }),
});

export const ActivityIdParam = z.strictObject({ id: z.uuid({ message: 'Mã không hợp lệ. | Not a valid id.' }) });

/** `PATCH /api/activities/:id`: the whole activity again, based on the version the editor saw. */
export const ActivityPatch = ActivityInput.omit({ id: true }).extend({
  baseVersion: z.number().int().min(1),
  /** Left out: the residents stay as they are (views show only their count); given: they replace them. */
  residents: z.array(ActivityResident).max(ACTIVITY_LIMITS.residentsMax).optional(),
  /** Required when a commune administrator corrects someone else's activity (written to the audit trail). */
  reason: z.string().trim().min(1).max(500).optional(),
});
export type ActivityPatch = z.input<typeof ActivityPatch>;

const day = z.iso.date({ message: 'Ngày dạng YYYY-MM-DD. | Use a YYYY-MM-DD date.' });

export const ActivityMineQuery = z.strictObject({ cursor: z.string().max(500).optional() });

/** `GET /api/activities`: a commune's or hamlet's activities in a period (administrators in scope). */
export const ActivityListQuery = z.strictObject({
  unit: unitCode,
  from: day.optional(),
  to: day.optional(),
  cursor: z.string().max(500).optional(),
});

export const ActivityExportQuery = z.strictObject({
  unit: unitCode,
  from: day.optional(),
  to: day.optional(),
  /** Why residents' data is exported: with it the residents' columns are included, and the export is audited. */
  purpose: z.string().trim().min(5).max(300).optional(),
});

export const ActivityPage = z.object({ activities: z.array(ActivityView), nextCursor: z.string().nullable() });
export type ActivityPage = z.infer<typeof ActivityPage>;

export const ActivityResidentList = z.object({ residents: z.array(ActivityResidentView) });

export const ActivityPhotoQuery = z.strictObject({ thumb: z.enum(['0', '1']).optional() });
