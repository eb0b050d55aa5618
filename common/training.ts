import { z } from 'zod';
import { LEARNER_CATEGORIES } from './constants/learning.js';
import { ATTENDANCE_METHODS, TRAINING_LIMITS, TRAINING_SESSION_STATUSES } from './constants/training.js';

export * from './constants/training.js';

/**
 * Live training sessions (hội nghị tập huấn): request and response schemas shared by the server and the web app.
 * Public answers carry counts only; names of participants appear only in the organiser's attendance list.
 */

const uuid = z.uuid({ message: 'Mã không hợp lệ. | Not a valid id.' });
const unitCode = z.string().trim().min(1).max(40);
const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true, message: 'Thời điểm không hợp lệ. | Not a valid date and time.' });
const httpUrl = z
  .url({ protocol: /^https?$/, message: 'Đường dẫn phải bắt đầu bằng http(s)://. | The link must be http(s)://.' })
  .max(TRAINING_LIMITS.url);

export const TrainingStatus = z.enum(TRAINING_SESSION_STATUSES);
export const LearnerCategory = z.enum(LEARNER_CATEGORIES);
export const AttendanceMethod = z.enum(ATTENDANCE_METHODS);

export const TrainingSiteInput = z.strictObject({
  /** An existing site's id when editing (its registrations stay); absent for a new site. */
  id: uuid.optional(),
  name: text(TRAINING_LIMITS.siteName),
  place: z.string().trim().max(TRAINING_LIMITS.place).default(''),
  communeCode: unitCode.nullable().default(null),
  /** Seats; null = no limit. */
  capacity: z.number().int().min(1).max(TRAINING_LIMITS.capacityMax).nullable().default(null),
});
export type TrainingSiteInput = z.input<typeof TrainingSiteInput>;

export const TrainingMaterialLink = z.strictObject({
  /** An existing material's id when editing (keeps an uploaded file). */
  id: uuid.optional(),
  title: text(TRAINING_LIMITS.materialTitle),
  url: httpUrl.nullable().default(null),
});

/** `POST /api/training/sessions` and `PUT /api/training/sessions/:id`: the whole session (a PUT replaces it). */
export const TrainingSessionInput = z
  .strictObject({
    /** The organising unit (a commune or the province): whose administrators manage the session. */
    unitCode,
    organizerName: text(TRAINING_LIMITS.organizerName),
    topic: text(TRAINING_LIMITS.topic),
    description: z.string().trim().max(TRAINING_LIMITS.description).default(''),
    startsAt: instant,
    endsAt: instant,
    status: TrainingStatus.default('draft'),
    certificateOnAttendance: z.boolean().default(false),
    mainSite: TrainingSiteInput,
    remoteSites: z.array(TrainingSiteInput).max(49).default([]),
    materials: z.array(TrainingMaterialLink).max(TRAINING_LIMITS.materials).default([]),
  })
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), {
    path: ['endsAt'],
    message: 'Giờ kết thúc phải sau giờ bắt đầu. | The end must be after the start.',
  });
export type TrainingSessionInput = z.input<typeof TrainingSessionInput>;

export const TrainingIdParam = z.strictObject({ id: uuid });
export const TrainingSiteParam = z.strictObject({ siteId: uuid });
export const TrainingListQuery = z.strictObject({
  when: z.enum(['upcoming', 'past']).default('upcoming'),
});
export const TrainingManageQuery = z.strictObject({});

export const RegistrationInput = z.strictObject({
  siteId: uuid,
  learnerCategory: LearnerCategory,
  /** The learner's unit (commune); the site's commune when absent. */
  unitCode: unitCode.nullable().default(null),
});
export type RegistrationInput = z.input<typeof RegistrationInput>;

export const CheckInQuery = z.strictObject({ c: z.string().trim().min(1).max(200) });
export const CheckInInput = z.strictObject({
  code: z.string().trim().min(1).max(200),
  /** Needed only when the attendee has not registered: recorded with the on-the-spot registration. */
  learnerCategory: LearnerCategory.optional(),
});
export type CheckInInput = z.input<typeof CheckInInput>;

export const AttendanceTick = z.strictObject({ attended: z.boolean() });

const Counts = z.object({ registered: z.number(), attended: z.number() });

export const TrainingSiteView = z.object({
  id: z.string(),
  main: z.boolean(),
  name: z.string(),
  place: z.string(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  capacity: z.number().nullable(),
  registered: z.number(),
  attended: z.number(),
  /** Seats left; null when the site has no limit. */
  seatsLeft: z.number().nullable(),
});
export type TrainingSiteView = z.infer<typeof TrainingSiteView>;

export const TrainingMaterialView = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  /** Set for an uploaded PDF: `GET /api/training/materials/:id/file`. */
  fileName: z.string().nullable(),
});

export const TrainingSessionSummary = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  organizerName: z.string(),
  topic: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: TrainingStatus,
  certificateOnAttendance: z.boolean(),
  siteCount: z.number(),
  registered: z.number(),
  attended: z.number(),
});
export type TrainingSessionSummary = z.infer<typeof TrainingSessionSummary>;

export const MyRegistration = z.object({
  id: z.string(),
  siteId: z.string(),
  learnerCategory: LearnerCategory,
  status: z.enum(['registered', 'cancelled']),
  attendedAt: z.string().nullable(),
});
export type MyRegistration = z.infer<typeof MyRegistration>;

export const TrainingSessionDetail = TrainingSessionSummary.extend({
  description: z.string(),
  sites: z.array(TrainingSiteView),
  materials: z.array(TrainingMaterialView),
  byCategory: z.array(Counts.extend({ category: LearnerCategory })),
  myRegistration: MyRegistration.nullable(),
  canManage: z.boolean(),
});
export type TrainingSessionDetail = z.infer<typeof TrainingSessionDetail>;

export const TrainingSessionList = z.object({ items: z.array(TrainingSessionSummary), canCreate: z.boolean() });
export type TrainingSessionList = z.infer<typeof TrainingSessionList>;

export const MyRegistrationList = z.object({
  items: z.array(
    MyRegistration.extend({
      sessionId: z.string(),
      topic: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      sessionStatus: TrainingStatus,
      siteName: z.string(),
    }),
  ),
});
export type MyRegistrationList = z.infer<typeof MyRegistrationList>;

/** The projector page's code of a site: the URL its QR encodes, the QR as SVG, and when to ask again. */
export const SiteCode = z.object({
  siteId: z.string(),
  siteName: z.string(),
  topic: z.string(),
  code: z.string(),
  url: z.string(),
  svg: z.string(),
  expiresAt: z.string(),
  refreshInSeconds: z.number(),
  registered: z.number(),
  attended: z.number(),
  capacity: z.number().nullable(),
});
export type SiteCode = z.infer<typeof SiteCode>;

/** What a scanned code is for (no personal data): the confirm page shows it before the attendee confirms. */
export const CheckInPreview = z.object({
  sessionId: z.string(),
  topic: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Null for an anonymous caller. */
  myRegistration: MyRegistration.nullable(),
  seatsLeft: z.number().nullable(),
});
export type CheckInPreview = z.infer<typeof CheckInPreview>;

export const CheckInResult = z.object({
  sessionId: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  attendedAt: z.string(),
  /** False when this scan found the attendee already checked in. */
  firstTime: z.boolean(),
});
export type CheckInResult = z.infer<typeof CheckInResult>;

export const AttendanceList = z.object({
  sessionId: z.string(),
  topic: z.string(),
  sites: z.array(TrainingSiteView),
  rows: z.array(
    z.object({
      id: z.string(),
      siteId: z.string(),
      fullName: z.string(),
      learnerCategory: LearnerCategory,
      unitName: z.string().nullable(),
      registeredAt: z.string(),
      attendedAt: z.string().nullable(),
      method: AttendanceMethod.nullable(),
    }),
  ),
});
export type AttendanceList = z.infer<typeof AttendanceList>;
