import type { z } from 'zod';
import type {
  CertificateBulkQuery,
  CertificateList,
  CertificateListQuery,
  CertificateVerification,
  CertificateView,
  MyCertificates,
} from '../../../common/certificates.js';
import { CERTIFICATE_KIND_LABELS } from '../../../common/constants/certificates.js';
import { CERTIFICATE_KINDS, type CertificateKind } from '../../../common/constants/learning.js';
import type { Config } from '../../config.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { vnDate } from '../../platform/calendar.js';
import { decodeCursor, encodeCursor, keyset } from '../../platform/cursor.js';
import { errors } from '../../platform/errors.js';
import { authorize, can, scopesFor } from '../../platform/permissions.js';
import type { LearnerStatsScope } from '../learning/stats.js';
import { type PrintableCertificate, renderCertificatePdf, streamCertificatesPdf } from './pdf.js';
import * as repo from './repo.js';
import { checkSerial, newSerial, serialKey } from './serial.js';

const CERTIFICATE = { vi: 'giấy chứng nhận', en: 'Certificate' };
const UNIT = { vi: 'đơn vị', en: 'Unit' };
const BULK_PAGE = 200;

interface CertificateStats {
  issued: number;
  revoked: number;
  byKind: { kind: CertificateKind; issued: number; revoked: number }[];
}

/** What another domain gives when its rule says someone earned a certificate (in its own transaction). */
export interface IssueInput {
  kind: CertificateKind;
  /** The course or the training session. */
  sourceId: string;
  userId: string;
  /** The course title or the session topic, as printed. */
  title: string;
  /** The learner's unit (their enrolment's or the session site's). */
  unitCode: string;
  issuedAt?: Date;
}

interface Meta {
  requestId?: string;
}

export interface CertificatesDeps {
  db: Db;
  config: Pick<Config, 'secret' | 'PUBLIC_URL'>;
}

const words = (q: string | undefined) =>
  (q ?? '')
    .split(/\s+/)
    .map((w) => w.slice(0, 50))
    .filter(Boolean)
    .slice(0, 8);

/**
 * Certificates (giấy chứng nhận): issued by other domains' rules (a completed course, an attended session) through
 * `issue`, in their transaction and idempotent; downloaded as a PDF by their holder and administrators; verified by
 * anyone by serial, which shows only the holder's name, the title and the day; revoked by administrators, audited.
 */
export function createCertificatesService({ db, config }: CertificatesDeps) {
  const key = serialKey(config.secret);
  const verifyUrl = (serial: string) => `${config.PUBLIC_URL}/verify/${serial}`;

  const toView = (r: repo.CertificateRecord, admin: boolean): CertificateView => ({
    id: r.id,
    serial: r.serial,
    kind: r.kind,
    sourceId: r.sourceId,
    holderName: r.holderName,
    title: r.title,
    unitCode: r.unitCode,
    unitName: r.unitName,
    issuedOn: r.issuedOn,
    issuedAt: r.issuedAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    revokeReason: admin ? r.revokeReason : null,
  });

  const printable = (r: repo.CertificateRecord): PrintableCertificate => ({
    serial: r.serial,
    kind: r.kind,
    holderName: r.holderName,
    title: r.title,
    unitName: r.unitName,
    issuedOn: r.issuedOn,
    verifyUrl: verifyUrl(r.serial),
  });

  /** A certificate the actor may see (its holder or an administrator of its unit); anyone else: not found. */
  async function readable(exec: Executor, actor: Actor, typed: string, lock = false) {
    const serial = checkSerial(key, typed);
    if (!serial) throw errors.notFound(CERTIFICATE);
    const r = await repo.findBySerial(exec, serial, lock);
    if (!r || !can(actor, 'certificate.read', { unitPath: r.unitPath, ownerId: r.userId }))
      throw errors.notFound(CERTIFICATE);
    return r;
  }

  /** The unit paths a list or bulk print covers: the asked unit (authorized), else every scope the actor has. */
  async function listScopes(actor: Actor, unit: string | undefined): Promise<string[]> {
    if (unit) {
      const path = await repo.unitPathOf(db, unit);
      if (!path) throw errors.notFound(UNIT);
      authorize(actor, 'certificate.list', { unitPath: path });
      return [path];
    }
    const scopes = scopesFor(actor, 'certificate.list');
    if (!scopes.length) throw errors.forbidden();
    return scopes;
  }

  /**
   * Issues the certificate of (kind, source, person) in the caller's transaction, or returns the one already issued
   * (a repeated completion, a concurrent one, a retried check-in). The holder's name and the unit are copied now.
   */
  async function issue(tx: Executor, input: IssueInput): Promise<CertificateView> {
    const existing = await repo.findBySource(tx, input.kind, input.sourceId, input.userId);
    if (existing) return toView(existing, false);
    const { holderName, unit } = await repo.holderAndUnit(tx, input.userId, input.unitCode);
    if (!holderName) throw errors.notFound({ vi: 'người nhận', en: 'Holder' });
    if (!unit) throw errors.notFound(UNIT);
    const issuedAt = input.issuedAt ?? new Date();
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await repo.insertCertificate(tx, {
        serial: newSerial(key),
        kind: input.kind,
        sourceId: input.sourceId,
        userId: input.userId,
        holderName,
        title: input.title,
        unitCode: input.unitCode,
        unitName: unit.name,
        unitPath: unit.path,
        issuedOn: vnDate(issuedAt),
        issuedAt,
      });
      if (row) return toView(row, false);
      // Either the same person's certificate was issued meanwhile (a concurrent call: it is the answer), or the
      // 40 random bits met an existing serial (then draw again).
      const first = await repo.findBySource(tx, input.kind, input.sourceId, input.userId);
      if (first) return toView(first, false);
    }
    throw new Error('certificates: no free serial after 5 draws');
  }

  return {
    issue,

    /**
     * The certificate of a completed course (the learning domain calls this in the completing transaction), titled
     * with the title of the version the learner completed, issued in their enrolment's unit.
     */
    async issueForCourse(
      tx: Executor,
      e: { courseId: string; version: number; userId: string; unitCode: string; completedAt: Date },
    ): Promise<CertificateView> {
      const title = await repo.courseTitle(tx, e.courseId, e.version);
      if (title === null) throw errors.notFound({ vi: 'khóa học', en: 'Course' });
      return issue(tx, {
        kind: 'course',
        sourceId: e.courseId,
        userId: e.userId,
        title,
        unitCode: e.unitCode,
        issuedAt: e.completedAt,
      });
    },

    /**
     * The certificate of a training session's attendee (the training domain calls this in the check-in's transaction
     * when the session says attendance earns one): titled with the session's topic, issued in the attendee's unit, or
     * else the site's commune or the organising unit.
     */
    async issueForAttendance(
      tx: Executor,
      e: { sessionId: string; siteId: string; userId: string; attendedAt: Date; unitCode: string | null },
    ): Promise<CertificateView> {
      const session = await repo.sessionForCertificate(tx, e.sessionId, e.siteId);
      if (!session) throw errors.notFound({ vi: 'hội nghị tập huấn', en: 'Training session' });
      return issue(tx, {
        kind: 'session',
        sourceId: e.sessionId,
        userId: e.userId,
        title: session.topic,
        unitCode: e.unitCode ?? session.unitCode,
        issuedAt: e.attendedAt,
      });
    },

    /**
     * The certificates section of the learner statistics (learning's `statsSections`): issued in the unit over the
     * period, by kind, with how many are revoked now; and its worksheet in the export.
     */
    statsSection: {
      async read(scope: LearnerStatsScope) {
        const rows = await repo.issuedByKind(db, {
          unitPath: scope.unit.path,
          fromDay: scope.fromDay,
          toDay: scope.toDay,
        });
        const byKind = CERTIFICATE_KINDS.map((kind) => ({
          kind,
          issued: rows.find((r) => r.kind === kind)?.issued ?? 0,
          revoked: rows.find((r) => r.kind === kind)?.revoked ?? 0,
        }));
        const issued = byKind.reduce((n, k) => n + k.issued, 0);
        const revoked = byKind.reduce((n, k) => n + k.revoked, 0);
        return { certificates: { issued, revoked, byKind } };
      },
      sheets(data: Record<string, unknown>, lang: 'vi' | 'en') {
        const c = data.certificates as CertificateStats | undefined;
        if (!c) return [];
        return [
          {
            name: lang === 'vi' ? 'Giấy chứng nhận' : 'Certificates',
            headers: lang === 'vi' ? ['Loại', 'Đã cấp', 'Đã thu hồi'] : ['Kind', 'Issued', 'Revoked'],
            rows: [
              ...c.byKind.map((k) => [CERTIFICATE_KIND_LABELS[k.kind][lang], k.issued, k.revoked]),
              [lang === 'vi' ? 'Tổng' : 'Total', c.issued, c.revoked],
            ],
          },
        ];
      },
    },

    /** The signed-in person's certificates. */
    async mine(actor: Actor): Promise<MyCertificates> {
      if (actor.kind !== 'user') throw errors.forbidden();
      const rows = await repo.listOfUser(db, actor.id);
      return { items: rows.map((r) => toView(r, false)) };
    },

    /** One certificate's PDF: for its holder and administrators of its unit; anyone else is told it does not exist. */
    async pdf(actor: Actor, typed: string): Promise<{ pdf: Buffer; serial: string }> {
      const r = await readable(db, actor, typed);
      return { pdf: await renderCertificatePdf(printable(r)), serial: r.serial };
    },

    /**
     * The public check of a serial: a malformed or forged one (its MAC does not match) is invalid before any database
     * read; then valid, revoked (and when) or not found. Only the holder's name, the title and the day are shown.
     */
    async verify(typed: string): Promise<CertificateVerification> {
      const none = { kind: null, holderName: null, title: null, issuedOn: null, revokedAt: null };
      const serial = checkSerial(key, typed);
      if (!serial) return { status: 'invalid', serial: null, ...none };
      const r = await repo.verificationOf(db, serial);
      if (!r) return { status: 'not_found', serial, ...none };
      return {
        status: r.revokedAt ? 'revoked' : 'valid',
        serial,
        kind: r.kind,
        holderName: r.holderName,
        title: r.title,
        issuedOn: r.issuedOn,
        revokedAt: r.revokedAt?.toISOString() ?? null,
      };
    },

    /** Revokes a certificate with a reason (administrators of its unit; audited). Revoking again changes nothing. */
    async revoke(actor: Actor, typed: string, reason: string, meta: Meta = {}): Promise<CertificateView> {
      return db.transaction(async (tx) => {
        const r = await readable(tx, actor, typed, true);
        authorize(actor, 'certificate.revoke', { unitPath: r.unitPath });
        if (r.revokedAt) return toView(r, true);
        const revoked = { revokedAt: new Date(), revokedBy: actor.id, revokeReason: reason };
        await repo.setRevoked(tx, r.id, revoked);
        await recordAudit(
          tx,
          actor,
          {
            action: 'certificate.revoke',
            resourceType: 'certificate',
            resourceId: r.id,
            unitPath: r.unitPath,
            reason,
            details: { serial: r.serial, kind: r.kind },
          },
          meta.requestId,
        );
        return toView({ ...r, ...revoked }, true);
      });
    },

    /** Administrators' list: a unit's certificates, newest first; `q` searches name, title and serial. */
    async list(actor: Actor, query: z.output<typeof CertificateListQuery>): Promise<CertificateList> {
      const scopes = await listScopes(actor, query.unit);
      const after = query.cursor ? decodeCursor(query.cursor, keyset()) : undefined;
      const rows = await repo.list(db, {
        scopes,
        words: words(query.q),
        kind: query.kind,
        sourceId: query.source,
        status: query.status,
        after: after ? { issuedAt: after[0], id: after[1] } : undefined,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => toView(r, true)),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.issuedAtExact, last.id]) : null,
      };
    },

    /**
     * Every valid certificate of one course or session within the actor's scope as one PDF, a page each, streamed
     * (read 200 rows at a time).
     */
    async bulk(actor: Actor, query: z.output<typeof CertificateBulkQuery>) {
      const scopes = await listScopes(actor, query.unit);
      const f = { kind: query.kind, sourceId: query.source, scopes };
      const count = await repo.countOfSource(db, f);
      async function* rows() {
        let afterSerial: string | null = null;
        for (;;) {
          const page = await repo.pageOfSource(db, { ...f, afterSerial, limit: BULK_PAGE });
          for (const r of page) yield printable(r);
          if (page.length < BULK_PAGE) return;
          afterSerial = page[page.length - 1].serial;
        }
      }
      return { count, doc: streamCertificatesPdf('Giấy chứng nhận', rows()) };
    },
  };
}

export type CertificatesService = ReturnType<typeof createCertificatesService>;
