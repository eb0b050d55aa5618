import {
  type DuplicateHint,
  distanceBand,
  REPORT_STATUS_LABELS,
  type ReportEventView,
  type ReportListItem,
  type ReportView,
  type StaffDuplicateHint,
} from '../../../common/feedback.js';
import type { CategoryRow } from './category-repo.js';
import type { DuplicateRow, ListRow, ReportEventRow, ReportRow } from './report-repo.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Events the reporter sees besides public ones: the questions to them, their own answers and reopenings
 * (kept out of public timelines because they may hold personal details).
 */
const REPORTER_TYPES = new Set(['information_requested', 'information_provided', 'reopened', 'rated', 'withdrawn']);

export type Audience = 'staff' | 'reporter';

export function visibleEvents(events: ReportEventRow[], audience: Audience): ReportEventRow[] {
  return audience === 'staff' ? events : events.filter((e) => e.public || REPORTER_TYPES.has(e.type));
}

function toEventView(e: ReportEventRow, report: ReportRow): ReportEventView {
  const details = (e.details ?? {}) as Record<string, unknown>;
  return {
    id: e.id,
    at: e.at.toISOString(),
    type: e.type,
    fromStatus: (e.fromStatus as ReportEventView['fromStatus']) ?? null,
    toStatus: (e.toStatus as ReportEventView['toStatus']) ?? null,
    fromHandlingUnitId: e.fromHandlingUnitId,
    toHandlingUnitId: e.toHandlingUnitId,
    reason: e.reason,
    public: e.public,
    by: e.actorKind === 'system' ? 'system' : e.actorId && e.actorId === report.reporterId ? 'reporter' : 'staff',
    rating: e.type === 'rated' && typeof details.rating === 'number' ? details.rating : null,
    dueAt: (e.type === 'accepted' || e.type === 'reopened') && typeof details.dueAt === 'string' ? details.dueAt : null,
  };
}

/**
 * One report for its reporter or for staff. Only `staff` gets the private block (reporter's contact) and internal
 * notes; the response schema has no other place for them.
 */
export function toReportView(
  r: ReportRow,
  extra: {
    category: CategoryRow;
    handlingUnit: { id: string; code: string; name: string } | null;
    events: ReportEventRow[];
    audience: Audience;
  },
): ReportView {
  return {
    id: r.id,
    publicCode: r.publicCode,
    status: r.status,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    cancelReason: r.cancelReason,
    duplicateOf: r.duplicateOf,
    category: {
      id: extra.category.id,
      code: extra.category.code,
      nameVi: extra.category.nameVi,
      nameEn: extra.category.nameEn,
    },
    description: r.description,
    attributes: r.attributes as Record<string, unknown>,
    emergency: r.emergency,
    channel: r.channel,
    showName: r.showName,
    lat: r.lat,
    lng: r.lng,
    address: r.address,
    communeCode: r.communeCode,
    hamletCode: r.hamletCode,
    handlingUnit: extra.handlingUnit,
    dueAt: iso(r.dueAt),
    acceptedAt: iso(r.acceptedAt),
    resolvedAt: iso(r.resolvedAt),
    resolvedOnTime: r.resolvedOnTime,
    answerText: r.answerText,
    rating: r.rating,
    ratingComment: r.ratingComment,
    reopenCount: r.reopenCount,
    escalatedAt: iso(r.escalatedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    events: visibleEvents(extra.events, extra.audience).map((e) => toEventView(e, r)),
    private:
      extra.audience === 'staff'
        ? {
            reporterId: r.reporterId,
            submittedBy: r.submittedBy,
            reporterName: r.reporterName,
            reporterPhone: r.reporterPhone,
            consentRecordedAt: iso(r.consentRecordedAt),
          }
        : null,
  };
}

export function toListItem(r: ListRow, now = new Date()): ReportListItem {
  return {
    id: r.id,
    publicCode: r.publicCode,
    status: r.status,
    categoryId: r.categoryId,
    description: r.description,
    communeCode: r.communeCode,
    handlingUnitId: r.handlingUnitId,
    emergency: r.emergency,
    dueAt: iso(r.dueAt),
    overdue: r.status === 'distributed' && !!r.dueAt && r.dueAt.getTime() < now.getTime(),
    escalated: !!r.escalatedAt,
    awaitingInformation: r.awaitingInformation,
    createdAt: r.createdAt.toISOString(),
  };
}

/** A likely duplicate as the person submitting sees it: a distance band, never metres (see repo.findDuplicateHints). */
export function toDuplicateHint(d: DuplicateRow): DuplicateHint {
  return {
    id: d.id,
    publicCode: d.public_code,
    status: d.status,
    description: d.description,
    distanceBand: distanceBand(Number(d.distance_m)),
    similarity: Math.round(Number(d.similarity) * 100) / 100,
    createdAt: new Date(d.created_at).toISOString(),
  };
}

/** A likely duplicate for the staff of a report: also the distance in metres from the exact point. */
export function toStaffDuplicateHint(d: DuplicateRow): StaffDuplicateHint {
  return { ...toDuplicateHint(d), distanceM: Math.round(Number(d.distance_m)) };
}
