import type { z } from 'zod';
import {
  DUPLICATE_RADIUS_M,
  type DuplicateHint,
  type ExtraField,
  OPERATOR_CHANNELS,
  type ReportChannel,
  type ReportView,
  type SubmitReport,
} from '../../../common/feedback.js';
import type { Actor } from '../../platform/actor.js';
import { vnDate } from '../../platform/calendar.js';
import { AppError, errors, type FieldMessages } from '../../platform/errors.js';
import { scopedIdempotencyKey } from '../../platform/idempotency/index.js';
import { authorize } from '../../platform/permissions.js';
import type { FeedbackCore } from './core.js';
import * as repo from './report-repo.js';
import { toDuplicateHint } from './views.js';

/** A photo already written to the file store (from server/platform/files/photos.ts). */
export interface StoredPhoto {
  storageKey: string;
  thumbKey: string;
  width: number;
  height: number;
  bytes: number;
}

export interface SubmitOptions {
  /** Idempotency-Key header: a retry with the same key (same actor) returns the first report. */
  idempotencyKey?: string;
  photos?: StoredPhoto[];
  requestId?: string;
}

export interface SubmitResult {
  report: ReportView;
  /** false when this was a retry and the first report is returned. */
  created: boolean;
  possibleDuplicates: DuplicateHint[];
}

const field = (name: string, vi: string, en: string) => errors.invalidField(name, { vi, en });

/** Checks the category's extra fields (Open311 attributes): required ones present, no unknown keys, values fit. */
function checkAttributes(fields: ExtraField[], attrs: Record<string, unknown>) {
  const problems: FieldMessages = {};
  const known = new Map(fields.map((f) => [f.code, f]));
  for (const key of Object.keys(attrs))
    if (!known.has(key)) problems[`attributes.${key}`] = { vi: 'Trường không được hỗ trợ.', en: 'Unknown field.' };
  for (const f of fields) {
    const v = attrs[f.code];
    if (v === undefined || v === '') {
      if (f.required)
        problems[`attributes.${f.code}`] = { vi: 'Vui lòng nhập thông tin này.', en: 'Please fill this in.' };
      continue;
    }
    const allowed = f.values?.map((x) => x.key);
    const list = Array.isArray(v) ? v : [v];
    if (f.datatype === 'number' && typeof v !== 'number')
      problems[`attributes.${f.code}`] = { vi: 'Cần một số.', en: 'A number is needed.' };
    else if (allowed && list.some((x) => !allowed.includes(String(x))))
      problems[`attributes.${f.code}`] = { vi: 'Giá trị không nằm trong danh sách.', en: 'Not one of the values.' };
  }
  if (Object.keys(problems).length)
    throw new AppError(400, 'invalid_input', { vi: 'Dữ liệu không hợp lệ.', en: 'Invalid input.' }, problems);
}

/** Submission of reports (phản ánh): by citizens, team members (assisted), operators and Open311 clients. */
export function createSubmission(core: FeedbackCore) {
  const { db, units, categories } = core;

  /** The commune (and hamlet) of the report from its point and/or the commune code given. */
  async function placeOf(input: SubmitReport) {
    if ((input.lat === undefined) !== (input.lng === undefined))
      throw field(input.lat === undefined ? 'lat' : 'lng', 'Cần cả vĩ độ và kinh độ.', 'Both lat and lng are needed.');
    let communeCode = input.communeCode;
    if (input.lat !== undefined && input.lng !== undefined) {
      // The pin decides: a commune chosen by hand that disagrees with the boundaries is overridden.
      const located = await units.locateCode(input.lat, input.lng);
      if (located) communeCode = located;
      else if (!communeCode)
        throw field(
          'lat',
          'Vị trí này nằm ngoài ranh giới các xã, phường đã có; hãy chọn xã, phường.',
          'This location is outside the known communes; choose the commune.',
        );
    } else if (!input.address)
      throw field('address', 'Cần vị trí trên bản đồ hoặc địa chỉ.', 'A map location or an address is needed.');
    if (!communeCode) throw field('communeCode', 'Hãy chọn xã, phường.', 'Choose the commune.');
    const commune = await units.requireUnitCached(communeCode).catch(() => {
      throw field('communeCode', 'Không có xã, phường này.', 'No such commune.');
    });
    if (commune.level !== 'commune' || commune.status !== 'active')
      throw field('communeCode', 'Cần một xã, phường đang hoạt động.', 'An active commune is needed.');
    let hamletCode: string | null = null;
    let hamletPath: string | null = null;
    if (input.hamletCode) {
      const hamlet = await units.requireUnitCached(input.hamletCode).catch(() => null);
      if (hamlet?.level !== 'hamlet' || hamlet.parentCode !== commune.code)
        throw field('hamletCode', 'Thôn, tổ dân phố không thuộc xã, phường này.', 'The hamlet is not in this commune.');
      hamletCode = hamlet.code;
      hamletPath = hamlet.path;
    }
    return { commune, hamletCode, hamletPath };
  }

  function channelOf(actor: Actor, input: SubmitReport): ReportChannel {
    if (input.channel) return input.channel;
    return actor.kind === 'api_key' ? 'open311' : 'app';
  }

  /** Looks for an earlier submission of the same report (client id or Idempotency-Key of the same actor). */
  async function earlier(exec: typeof db, actor: Actor, input: SubmitReport, key: string | null) {
    const byId = input.id ? await repo.findReport(exec, input.id) : null;
    const found = byId ?? (key ? await repo.findByIdempotencyKey(exec, key) : null);
    if (found && found.submittedBy !== actor.id)
      throw errors.conflict('id_taken', {
        vi: 'Mã phản ánh đã được dùng.',
        en: 'This report id is already used.',
      });
    return found;
  }

  /**
   * Submits a report. Returns `{ report, created, possibleDuplicates }`; a retry with the same client `id` or
   * `idempotencyKey` returns the first report with `created: false`. Photos (already stored) are linked in the same
   * transaction; the caller removes the files if this throws.
   */
  async function submitReport(actor: Actor, input: z.output<typeof SubmitReport>, opts: SubmitOptions = {}) {
    const key = opts.idempotencyKey ? scopedIdempotencyKey(actor, opts.idempotencyKey) : null;
    try {
      return await submitNew(actor, input, opts, key);
    } catch (e) {
      // A retry of a report that was written is answered with it even when it would not pass today (the category
      // closed since): the first answer stands. Looked up only here and on a conflict of the insert, so a new
      // submission (nearly all of them) spends no round trip on it.
      const first = e instanceof AppError && (input.id || key) ? await earlier(db, actor, input, key) : null;
      if (first) return { report: await core.view(db, first, 'reporter'), created: false, possibleDuplicates: [] };
      throw e;
    }
  }

  async function submitNew(
    actor: Actor,
    input: z.output<typeof SubmitReport>,
    opts: SubmitOptions,
    key: string | null,
  ): Promise<SubmitResult> {
    const channel = channelOf(actor, input);
    const category = await categories.requireCategoryCached(input.categoryId).catch(() => {
      throw field('categoryId', 'Không có lĩnh vực này.', 'No such category.');
    });
    if (!category.active) throw field('categoryId', 'Lĩnh vực đã ngừng tiếp nhận.', 'The category is closed.');
    const { commune, hamletCode, hamletPath } = await placeOf(input);
    if (commune.provinceCode !== category.provinceCode)
      throw field('categoryId', 'Lĩnh vực không thuộc tỉnh của địa điểm này.', 'The category is not of this province.');

    if (channel === 'app') authorize(actor, 'report.submit');
    else if (channel === 'assisted')
      // A team member serves a hamlet: the hamlet decides, or the commune when the resident's hamlet is unknown.
      authorize(
        actor,
        'report.submit_assisted',
        hamletPath ? { unitPath: hamletPath, placeLevel: 'hamlet' } : { unitPath: commune.path, placeLevel: 'commune' },
      );
    else if ((OPERATOR_CHANNELS as readonly string[]).includes(channel))
      authorize(actor, 'report.submit_operator', { unitPath: commune.path });
    else authorize(actor, 'report.submit_open311', { unitPath: commune.path });
    if (channel === 'app' && (input.reporterName || input.reporterPhone))
      throw field(
        'reporterName',
        'Thông tin người phản ánh lấy từ tài khoản của bạn.',
        'Your own account is the reporter.',
      );
    const contact = !!(input.reporterName || input.reporterPhone);
    if (contact && input.consent !== true)
      throw field(
        'consent',
        'Chỉ ghi họ tên, số điện thoại của người dân khi họ đồng ý.',
        "Record the resident's name or phone only with their consent.",
      );
    checkAttributes(category.extraFields as ExtraField[], input.attributes ?? {});

    const near =
      input.lat !== undefined && input.lng !== undefined
        ? await repo.findDuplicateHints(db, {
            lat: input.lat,
            lng: input.lng,
            categoryId: category.id,
            text: input.description,
            radiusM: DUPLICATE_RADIUS_M,
            viewerId: actor.id,
          })
        : [];

    // One statement, so one short transaction: the report, its photos, the event, the notification job and the
    // follower (the counts by the delta trigger). Everything else ran before it; nothing is read back after it.
    const now = new Date();
    const written = await repo.insertSubmission(db, {
      yy: vnDate(now).slice(2, 4),
      report: {
        ...(input.id ? { id: input.id } : {}),
        idempotencyKey: key,
        categoryId: category.id,
        description: input.description,
        attributes: input.attributes ?? {},
        status: 'pending',
        emergency: input.emergency,
        channel,
        reporterId: channel === 'app' ? actor.id : null,
        submittedBy: actor.id,
        reporterName: contact ? (input.reporterName ?? null) : null,
        reporterPhone: contact ? (input.reporterPhone ?? null) : null,
        consentRecordedAt: contact ? now : null,
        showName: input.showName,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        address: input.address ?? null,
        provinceCode: commune.provinceCode,
        communeCode: commune.code,
        hamletCode,
        unitPath: commune.path,
        createdAt: now,
        updatedAt: now,
      },
      photos: (opts.photos ?? []).map((p, i) => ({ kind: 'report' as const, position: i, ...p })),
      event: {
        actorId: actor.id,
        actorKind: actor.kind,
        type: 'submitted',
        toStatus: 'pending',
        public: true,
        details: { channel },
      },
    });
    if (!written) {
      // A retry running beside the first submission: the insert waited for it to commit, and it is returned.
      const again = await earlier(db, actor, input, key);
      if (again) return { report: await core.view(db, again, 'reporter'), created: false, possibleDuplicates: [] };
      throw errors.conflict('code_taken', {
        vi: 'Không cấp được mã phản ánh, vui lòng gửi lại.',
        en: 'No report code could be assigned; please submit again.',
      });
    }
    return {
      report: await core.view(db, written.report, 'reporter', { category, events: [written.event] }),
      created: true,
      possibleDuplicates: near.map(toDuplicateHint),
    };
  }

  /**
   * The hints shown while submitting: public open reports (not in sensitive categories) within 200 m of their public
   * position and the caller's own open reports, in the same category with similar text; distances in bands.
   */
  async function findDuplicates(actor: Actor, q: { lat: number; lng: number; categoryId: string; text?: string }) {
    const rows = await repo.findDuplicateHints(db, { ...q, radiusM: DUPLICATE_RADIUS_M, viewerId: actor.id });
    return rows.map(toDuplicateHint);
  }

  return { submitReport, findDuplicates };
}
