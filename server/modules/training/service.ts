import ExcelJS from 'exceljs';
import QRCode from 'qrcode';
import type { z } from 'zod';
import { LEARNER_CATEGORY_LABELS, type LearnerCategory } from '../../../common/constants/learning.js';
import {
  CHECK_IN_PATH,
  CHECK_IN_REFRESH_SECONDS,
  TRAINING_LIMITS,
  TRAINING_STATUS_LABELS,
} from '../../../common/constants/training.js';
import type { LearnerStats } from '../../../common/learning.js';
import type {
  AttendanceList,
  CheckInInput,
  CheckInPreview,
  CheckInResult,
  MyRegistration,
  MyRegistrationList,
  RegistrationInput,
  SiteCode,
  TrainingSessionDetail,
  TrainingSessionInput,
  TrainingSessionList,
  TrainingSessionSummary,
  TrainingSiteView,
} from '../../../common/training.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { vnDateTimeText } from '../../platform/calendar.js';
import { type AppError, errors } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { Message } from '../../platform/i18n.js';
import { authorize, can, scopesFor } from '../../platform/permissions.js';
import type { LearnerStatsScope } from '../learning/stats.js';
import type { UnitsService } from '../units/service.js';
import { checkCode, codeFor } from './check-in-code.js';
import * as repo from './repo.js';

const SESSION: Message = { vi: 'buổi tập huấn', en: 'Training session' };
const SITE: Message = { vi: 'điểm cầu', en: 'Site' };
const REGISTRATION: Message = { vi: 'đăng ký', en: 'Registration' };
const MATERIAL: Message = { vi: 'tài liệu', en: 'Material' };
const field = (name: string, vi: string, en: string) => errors.invalidField(name, { vi, en });
const iso = (d: Date | string) => new Date(d).toISOString();

/** A session may be checked into from 2 hours before its start until 6 hours after its end. */
const CHECK_IN_EARLY_MS = 2 * 3600_000;
const CHECK_IN_LATE_MS = 6 * 3600_000;

interface Meta {
  requestId?: string;
}

/** What the certificates domain receives when a person is checked in at a session that awards one. */
export interface AttendedEvent {
  sessionId: string;
  siteId: string;
  userId: string;
  attendedAt: Date;
  /** The registrant's unit (commune), when recorded. */
  unitCode: string | null;
}

export interface TrainingDeps {
  db: Db;
  units: UnitsService;
  store: FileStore;
  /** The server's secret (`config.secret`): signs the sites' check-in codes. */
  secret: string;
  /** The app's public address: the QR codes open `<publicUrl>/tap-huan/diem-danh?c=…`. */
  publicUrl: string;
  /** The clock (tests inject one; codes expire by it). */
  now?: () => Date;
  /**
   * Called in the check-in's transaction when a person with an account is first marked attended at a session with
   * `certificateOnAttendance` (the certificates domain issues one). A failure rolls the check-in back.
   */
  onAttended?: (tx: Executor, event: AttendedEvent) => Promise<void>;
}

/**
 * Live training sessions (hội nghị tập huấn): the organiser's administrators (commune or province) write sessions
 * with a main site and remote sites (điểm cầu); anyone signed in registers for one site; attendance by a site's
 * rotating signed QR code scanned with the attendee's phone, or by an officer's tick; counts per site and category.
 */
export function createTrainingService({
  db,
  units,
  store,
  secret,
  publicUrl,
  now = () => new Date(),
  onAttended,
}: TrainingDeps) {
  async function requireUnitOf(code: string, name: string, exec: Executor = db) {
    return units.requireUnit(code, exec).catch(() => {
      throw field(name, 'Không có đơn vị này.', 'No such unit.');
    });
  }

  /** A session the actor may see: drafts exist only for its managers (404 for others). */
  async function requireVisible(actor: Actor | null, id: string, exec: Executor = db, lock = false) {
    const s = await repo.findSession(exec, id, lock);
    if (!s) throw errors.notFound(SESSION);
    const manager = can(actor, 'training.manage', { unitPath: s.unitPath });
    if (s.status === 'draft' && !manager) throw errors.notFound(SESSION);
    return { session: s, manager };
  }

  function summary(r: repo.SummaryRecord): TrainingSessionSummary {
    return {
      id: r.id,
      unitCode: r.unitCode,
      unitName: r.unitName,
      organizerName: r.organizerName,
      topic: r.topic,
      startsAt: iso(r.startsAt),
      endsAt: iso(r.endsAt),
      status: r.status,
      certificateOnAttendance: r.certificateOnAttendance,
      siteCount: r.siteCount,
      registered: r.registered,
      attended: r.attended,
    };
  }

  const siteView = (s: repo.SiteRecord): TrainingSiteView => ({
    id: s.id,
    main: s.main,
    name: s.name,
    place: s.place,
    communeCode: s.communeCode,
    communeName: s.communeName,
    capacity: s.capacity,
    registered: s.registered,
    attended: s.attended,
    seatsLeft: s.capacity === null ? null : Math.max(0, s.capacity - s.registered),
  });

  const myView = (r: repo.RegistrationRecord): MyRegistration => ({
    id: r.id,
    siteId: r.siteId,
    learnerCategory: r.learnerCategory as LearnerCategory,
    status: r.status,
    attendedAt: r.attendedAt ? iso(r.attendedAt) : null,
  });

  async function detail(exec: Executor, actor: Actor | null, id: string): Promise<TrainingSessionDetail> {
    const s = (await repo.summaryOf(exec, id))!;
    const [sites, materials, cats] = [
      await repo.sitesOf(exec, id),
      await repo.materialsOf(exec, id),
      await repo.byCategory(exec, id),
    ];
    const mine = actor?.kind === 'user' ? await repo.findRegistration(exec, id, actor.id) : null;
    return {
      ...summary(s),
      description: s.description,
      sites: sites.map(siteView),
      materials: materials.map((m) => ({ id: m.id, title: m.title, url: m.url, fileName: m.fileName })),
      byCategory: cats.map((c) => ({
        category: c.category as LearnerCategory,
        registered: c.registered,
        attended: c.attended,
      })),
      myRegistration: mine ? myView(mine) : null,
      canManage: can(actor, 'training.manage', { unitPath: s.unitPath }),
    };
  }

  /** The organising unit: a commune or a province. */
  async function requireOrganiser(code: string) {
    const unit = await requireUnitOf(code, 'unitCode');
    if (unit.level === 'hamlet')
      throw field('unitCode', 'Hãy chọn một xã, phường hoặc tỉnh.', 'Choose a commune, ward or province.');
    return unit;
  }

  /** Checks sites (communes of the organiser's province, ids of this session) and returns them in order. */
  async function checkSites(
    exec: Executor,
    provinceCode: string,
    input: z.output<typeof TrainingSessionInput>,
    sessionId: string | null,
  ): Promise<repo.SiteInsert[]> {
    const sites = [
      { ...input.mainSite, main: true, fieldName: 'mainSite' },
      ...input.remoteSites.map((s) => ({ ...s, main: false, fieldName: 'remoteSites' })),
    ];
    if (sites.length > TRAINING_LIMITS.sessionSites)
      throw field(
        'remoteSites',
        `Tối đa ${TRAINING_LIMITS.sessionSites} điểm cầu.`,
        `At most ${TRAINING_LIMITS.sessionSites} sites.`,
      );
    const codes = [...new Set(sites.map((s) => s.communeCode).filter((c): c is string => !!c))];
    const found = new Map((await repo.unitsByCodes(exec, codes)).map((u) => [u.code, u]));
    for (const s of sites) {
      if (!s.communeCode) continue;
      const u = found.get(s.communeCode);
      if (u?.level !== 'commune' || u.provinceCode !== provinceCode)
        throw field(
          s.fieldName,
          `Tỉnh không có xã, phường "${s.communeCode}".`,
          `No commune "${s.communeCode}" in the province.`,
        );
    }
    const ids = sites.filter((s) => s.id).map((s) => s.id as string);
    if (new Set(ids).size !== ids.length)
      throw field('remoteSites', 'Một điểm cầu được khai hai lần.', 'A site is listed twice.');
    if (ids.length > 0) {
      const existing = new Set(sessionId ? (await repo.sitesOf(exec, sessionId)).map((s) => s.id) : []);
      const stray = sites.find((s) => s.id && !existing.has(s.id));
      if (stray) throw field(stray.fieldName, 'Điểm cầu không thuộc buổi này.', 'The site is not one of this session.');
    }
    return sites.map((s, i) => ({
      id: s.id,
      main: s.main,
      position: i,
      name: s.name,
      place: s.place,
      communeCode: s.communeCode,
      capacity: s.capacity,
    }));
  }

  function checkTimes(input: z.output<typeof TrainingSessionInput>) {
    const days = (Date.parse(input.endsAt) - Date.parse(input.startsAt)) / 86_400_000;
    if (days > TRAINING_LIMITS.durationDaysMax)
      throw field(
        'endsAt',
        `Một buổi tập huấn kéo dài tối đa ${TRAINING_LIMITS.durationDaysMax} ngày.`,
        `A session lasts at most ${TRAINING_LIMITS.durationDaysMax} days.`,
      );
  }

  /** A site of a published session open for registration or check-in; 404/409 otherwise. */
  async function openSite(exec: Executor, siteId: string, sessionId?: string) {
    const site = await repo.findSite(exec, siteId);
    if (!site || (sessionId && site.sessionId !== sessionId))
      throw sessionId
        ? field('siteId', 'Điểm cầu không thuộc buổi này.', 'The site is not one of this session.')
        : errors.notFound(SITE);
    const session = (await repo.findSession(exec, site.sessionId))!;
    if (session.status === 'cancelled')
      throw errors.conflict('session_cancelled', { vi: 'Buổi tập huấn đã bị hủy.', en: 'The session was cancelled.' });
    if (session.status !== 'published') throw errors.notFound(SESSION);
    return { site, session };
  }

  /** Refuses when the site is full; takes the site's lock only when it has a capacity. */
  async function ensureSeat(exec: Executor, site: repo.SiteOfSession, mine: repo.RegistrationRecord | null) {
    if (site.capacity === null) return;
    if (mine && mine.status === 'registered' && mine.siteId === site.id) return;
    await repo.lockSite(exec, site.id);
    if ((await repo.registeredAt(exec, site.id)) >= site.capacity)
      throw errors.conflict(
        'site_full',
        { vi: 'Điểm cầu này đã đủ chỗ.', en: 'This site is full.' },
        { siteId: { vi: 'Điểm cầu này đã đủ chỗ, hãy chọn điểm cầu khác.', en: 'This site is full; choose another.' } },
      );
  }

  async function attendedHook(exec: Executor, session: repo.SessionRecord, reg: repo.RegistrationRecord, at: Date) {
    if (!session.certificateOnAttendance || !onAttended || !reg.userId) return;
    await onAttended(exec, {
      sessionId: session.id,
      siteId: reg.siteId,
      userId: reg.userId,
      attendedAt: at,
      unitCode: reg.unitCode,
    });
  }

  function codeError(reason: 'malformed' | 'forged' | 'expired'): AppError {
    if (reason === 'expired')
      return errors.badRequest(
        'code_expired',
        { vi: 'Mã điểm danh đã hết hạn.', en: 'The check-in code has expired.' },
        {
          code: {
            vi: 'Mã điểm danh đã hết hạn, hãy quét lại mã trên màn hình.',
            en: 'The check-in code has expired; scan the code on the screen again.',
          },
        },
      );
    return errors.badRequest(
      'code_invalid',
      { vi: 'Mã điểm danh không hợp lệ.', en: 'The check-in code is not valid.' },
      { code: { vi: 'Mã điểm danh không hợp lệ.', en: 'The check-in code is not valid.' } },
    );
  }

  function requireCode(code: string, at: Date) {
    const checked = checkCode(secret, code, at);
    if (!checked.ok) throw codeError(checked.reason);
    return checked;
  }

  async function writeSession(
    actor: Actor,
    input: z.output<typeof TrainingSessionInput>,
    id: string | null,
    meta: Meta,
  ): Promise<TrainingSessionDetail> {
    if (id) await requireVisible(actor, id).then(({ manager }) => manager || Promise.reject(errors.forbidden()));
    const organiser = await requireOrganiser(input.unitCode);
    authorize(actor, 'training.manage', { unitPath: organiser.path });
    checkTimes(input);
    const removedFiles: string[] = [];
    const result = await db.transaction(async (tx) => {
      let sessionId = id;
      const values = {
        organizerName: input.organizerName,
        topic: input.topic,
        description: input.description,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        status: input.status,
        certificateOnAttendance: input.certificateOnAttendance,
      };
      if (sessionId) {
        const current = await repo.findSession(tx, sessionId, true);
        if (!current) throw errors.notFound(SESSION);
        if (!can(actor, 'training.manage', { unitPath: current.unitPath })) {
          if (current.status === 'draft') throw errors.notFound(SESSION);
          throw errors.forbidden();
        }
        if (current.unitCode !== organiser.code)
          throw field('unitCode', 'Không đổi được đơn vị tổ chức.', 'The organising unit cannot change.');
      }
      const provinceCode = organiser.level === 'province' ? organiser.code : organiser.provinceCode;
      const sites = await checkSites(tx, provinceCode, input, sessionId);
      if (sessionId) {
        const kept = new Set(sites.filter((s) => s.id).map((s) => s.id));
        const gone = (await repo.sitesOf(tx, sessionId)).filter((s) => !kept.has(s.id)).map((s) => s.id);
        const busy = await repo.sitesWithRegistrations(tx, sessionId, gone);
        if (busy.length)
          throw field(
            'remoteSites',
            `Điểm cầu "${busy[0].name}" đã có người đăng ký, không xóa được.`,
            `Site "${busy[0].name}" has registrations and cannot be removed.`,
          );
        await repo.updateSession(tx, sessionId, values);
      } else {
        sessionId = await repo.insertSession(tx, {
          ...values,
          unitCode: organiser.code,
          unitPath: organiser.path,
          createdBy: actor.kind === 'user' ? actor.id : null,
        });
      }
      await repo.replaceSites(tx, sessionId, sites);
      removedFiles.push(...(await repo.replaceMaterials(tx, sessionId, input.materials)));
      await recordAudit(
        tx,
        actor,
        {
          action: id ? 'training.update' : 'training.create',
          resourceType: 'training_session',
          resourceId: sessionId,
          unitPath: organiser.path,
          details: { status: input.status, sites: sites.length, startsAt: input.startsAt },
        },
        meta.requestId,
      );
      return detail(tx, actor, sessionId);
    });
    for (const key of removedFiles) await store.remove(key).catch(() => undefined);
    return result;
  }

  async function attendanceList(actor: Actor, id: string): Promise<AttendanceList> {
    const { session } = await requireVisible(actor, id);
    authorize(actor, 'training.attendance', { unitPath: session.unitPath });
    const rows = await repo.attendanceRows(db, id);
    return {
      sessionId: id,
      topic: session.topic,
      sites: (await repo.sitesOf(db, id)).map(siteView),
      rows: rows.map((r) => ({
        id: r.id,
        siteId: r.siteId,
        fullName: r.fullName,
        learnerCategory: r.learnerCategory as LearnerCategory,
        unitName: r.unitName,
        registeredAt: iso(r.registeredAt),
        attendedAt: r.attendedAt ? iso(r.attendedAt) : null,
        method: r.attendanceMethod,
      })),
    };
  }

  return {
    /**
     * The training section of the learner statistics (learning's `statsSections`): sessions organised in the unit or
     * with a site in it, starting in the period, with each site's registrations and attendance; its worksheet.
     */
    statsSection: {
      async read(scope: LearnerStatsScope) {
        const rows = await repo.sitesOfPeriod(db, {
          unitPath: scope.unit.path,
          fromDay: scope.fromDay,
          toDay: scope.toDay,
        });
        const bySession: NonNullable<LearnerStats['training']>['bySession'] = [];
        for (const r of rows) {
          let session = bySession.at(-1);
          if (session?.sessionId !== r.sessionId) {
            session = {
              sessionId: r.sessionId,
              topic: r.topic,
              organizerName: r.organizerName,
              startsOn: r.startsOn,
              registered: 0,
              attended: 0,
              sites: [],
            };
            bySession.push(session);
          }
          session.registered += r.registered;
          session.attended += r.attended;
          session.sites.push({
            siteId: r.siteId,
            name: r.siteName,
            isMain: r.isMain,
            capacity: r.capacity,
            registered: r.registered,
            attended: r.attended,
          });
        }
        const sum = (k: 'registered' | 'attended') => bySession.reduce((n, x) => n + x[k], 0);
        return {
          training: {
            sessions: bySession.length,
            sites: rows.length,
            registered: sum('registered'),
            attended: sum('attended'),
            bySession,
          },
        };
      },
      sheets(data: Record<string, unknown>, lang: 'vi' | 'en') {
        const tr = data.training as LearnerStats['training'];
        if (!tr) return [];
        const vi = lang === 'vi';
        return [
          {
            name: vi ? 'Tập huấn theo điểm cầu' : 'Training by site',
            headers: vi
              ? ['Hội nghị tập huấn', 'Ngày', 'Điểm cầu', 'Sức chứa', 'Đăng ký', 'Tham dự']
              : ['Training session', 'Day', 'Site', 'Capacity', 'Registered', 'Attended'],
            rows: tr.bySession.flatMap((x) =>
              x.sites.map((site) => [
                x.topic,
                x.startsOn.split('-').reverse().join('/'),
                site.isMain ? `${site.name} (${vi ? 'điểm cầu chính' : 'main site'})` : site.name,
                site.capacity ?? '',
                site.registered,
                site.attended,
              ]),
            ),
          },
        ];
      },
    },

    /** Published sessions for everyone: counts only, never a name. */
    async list(actor: Actor | null, q: { when: 'upcoming' | 'past' }): Promise<TrainingSessionList> {
      const rows = await repo.listPublished(db, q.when, now());
      return { items: rows.map(summary), canCreate: !!actor && scopesFor(actor, 'training.manage').length > 0 };
    },

    /** Sessions the actor manages (drafts and cancelled ones too). */
    async managed(actor: Actor): Promise<TrainingSessionList> {
      const scopes = scopesFor(actor, 'training.manage');
      if (scopes.length === 0) throw errors.forbidden();
      return { items: (await repo.listManaged(db, scopes)).map(summary), canCreate: true };
    },

    async read(actor: Actor | null, id: string): Promise<TrainingSessionDetail> {
      await requireVisible(actor, id);
      return detail(db, actor, id);
    },

    create: (actor: Actor, input: z.output<typeof TrainingSessionInput>, meta: Meta = {}) =>
      writeSession(actor, input, null, meta),

    update: (actor: Actor, id: string, input: z.output<typeof TrainingSessionInput>, meta: Meta = {}) =>
      writeSession(actor, input, id, meta),

    /**
     * Registers the signed-in person for one site (idempotent: once per session and person; another site moves
     * the registration). A site with a capacity is checked under its own advisory lock, so two registrants of
     * different sites never wait on each other, and those of a site with no capacity take no lock at all.
     */
    async register(
      actor: Actor,
      id: string,
      input: z.output<typeof RegistrationInput>,
    ): Promise<{ created: boolean; registration: MyRegistration }> {
      if (actor.kind !== 'user') throw errors.forbidden();
      authorize(actor, 'training.register', { ownerId: actor.id });
      return db.transaction(async (tx) => {
        const { site, session } = await openSite(tx, input.siteId, id);
        if (new Date(session.endsAt).getTime() <= now().getTime())
          throw errors.conflict('session_over', { vi: 'Buổi tập huấn đã kết thúc.', en: 'The session is over.' });
        if (input.unitCode) {
          const u = await requireUnitOf(input.unitCode, 'unitCode', tx);
          if (u.level === 'hamlet') throw field('unitCode', 'Hãy chọn xã, phường.', 'Choose a commune or ward.');
        }
        const mine = await repo.findRegistration(tx, id, actor.id, true);
        if (mine?.attendedAt)
          throw errors.conflict('already_attended', {
            vi: 'Bạn đã điểm danh ở buổi này, không đổi được đăng ký.',
            en: 'You have checked in at this session; the registration cannot change.',
          });
        const unchanged =
          mine?.status === 'registered' &&
          mine.siteId === site.id &&
          mine.learnerCategory === input.learnerCategory &&
          (input.unitCode === null || mine.unitCode === input.unitCode);
        if (unchanged) return { created: false, registration: myView(mine) };
        await ensureSeat(tx, site, mine);
        const reg = await repo.upsertRegistration(tx, {
          sessionId: id,
          siteId: site.id,
          userId: actor.id,
          fullName: (await repo.userName(tx, actor.id)) ?? '',
          learnerCategory: input.learnerCategory,
          unitCode: input.unitCode ?? mine?.unitCode ?? site.communeCode ?? session.unitCode,
        });
        return { created: !mine || mine.status === 'cancelled', registration: myView(reg!) };
      });
    },

    /** Cancels the signed-in person's registration (not after checking in). */
    async cancelRegistration(actor: Actor, id: string): Promise<MyRegistration> {
      if (actor.kind !== 'user') throw errors.forbidden();
      return db.transaction(async (tx) => {
        await requireVisible(actor, id, tx);
        const mine = await repo.findRegistration(tx, id, actor.id, true);
        if (!mine) throw errors.notFound(REGISTRATION);
        if (mine.attendedAt)
          throw errors.conflict('already_attended', {
            vi: 'Bạn đã điểm danh, không hủy được đăng ký.',
            en: 'You have checked in; the registration cannot be cancelled.',
          });
        await repo.cancelRegistration(tx, mine.id);
        return myView((await repo.findRegistrationById(tx, mine.id))!);
      });
    },

    async mine(actor: Actor): Promise<MyRegistrationList> {
      if (actor.kind !== 'user') throw errors.forbidden();
      const rows = await repo.myRegistrations(db, actor.id);
      return {
        items: rows.map((r) => ({
          ...myView(r),
          sessionId: r.sessionId,
          topic: r.topic,
          startsAt: iso(r.startsAt),
          endsAt: iso(r.endsAt),
          sessionStatus: r.sessionStatus as TrainingSessionSummary['status'],
          siteName: r.siteName,
        })),
      };
    },

    /** The projector page's current code of a site, with the QR (SVG) of the URL it opens. */
    async siteCode(actor: Actor, siteId: string): Promise<SiteCode> {
      const site = await repo.findSite(db, siteId);
      if (!site) throw errors.notFound(SITE);
      const { session } = await requireVisible(actor, site.sessionId);
      authorize(actor, 'training.attendance', { unitPath: session.unitPath });
      const at = now();
      const { code, expiresAt, rotatesAt } = codeFor(secret, site.id, at);
      const url = `${publicUrl.replace(/\/$/, '')}${CHECK_IN_PATH}?c=${encodeURIComponent(code)}`;
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      const counts = (await repo.sitesOf(db, site.sessionId)).find((s) => s.id === site.id)!;
      return {
        siteId: site.id,
        siteName: site.name,
        topic: session.topic,
        code,
        url,
        svg,
        expiresAt: expiresAt.toISOString(),
        refreshInSeconds: Math.max(
          5,
          Math.min(CHECK_IN_REFRESH_SECONDS, Math.floor((rotatesAt.getTime() - at.getTime()) / 1000) + 1),
        ),
        registered: counts.registered,
        attended: counts.attended,
        capacity: site.capacity,
      };
    },

    /** What a scanned code is for, before the attendee confirms (anyone holding the code; no personal data). */
    async preview(actor: Actor | null, code: string): Promise<CheckInPreview> {
      const checked = requireCode(code, now());
      const { site, session } = await openSite(db, checked.siteId);
      const mine = actor?.kind === 'user' ? await repo.findRegistration(db, session.id, actor.id) : null;
      const counts = (await repo.sitesOf(db, session.id)).find((s) => s.id === site.id)!;
      return {
        sessionId: session.id,
        topic: session.topic,
        siteId: site.id,
        siteName: site.name,
        startsAt: iso(session.startsAt),
        endsAt: iso(session.endsAt),
        myRegistration: mine ? myView(mine) : null,
        seatsLeft: siteView(counts).seatsLeft,
      };
    },

    /**
     * Checks the signed-in person in with a site's code: registered on the spot when not (capacity allowing; the
     * learner category is then needed), moved to this site when registered at another and not yet checked in.
     * Idempotent: a second scan, or concurrent ones, check in once (the update takes only a row not yet attended).
     */
    async checkIn(actor: Actor, input: z.output<typeof CheckInInput>, meta: Meta = {}): Promise<CheckInResult> {
      if (actor.kind !== 'user') throw errors.forbidden();
      const at = now();
      const checked = requireCode(input.code, at);
      return db.transaction(async (tx) => {
        const { site, session } = await openSite(tx, checked.siteId);
        const t = at.getTime();
        if (t < new Date(session.startsAt).getTime() - CHECK_IN_EARLY_MS)
          throw errors.conflict('check_in_not_open', {
            vi: `Chưa đến giờ điểm danh (buổi bắt đầu lúc ${vnDateTimeText(new Date(session.startsAt))}).`,
            en: 'Check-in has not opened yet.',
          });
        if (t > new Date(session.endsAt).getTime() + CHECK_IN_LATE_MS)
          throw errors.conflict('session_over', { vi: 'Buổi tập huấn đã kết thúc.', en: 'The session is over.' });
        let reg = await repo.findRegistration(tx, session.id, actor.id, true);
        if (reg?.attendedAt) {
          const at2 = reg.attendedAt;
          const siteName = reg.siteId === site.id ? site.name : ((await repo.findSite(tx, reg.siteId))?.name ?? '');
          return { sessionId: session.id, siteId: reg.siteId, siteName, attendedAt: iso(at2), firstTime: false };
        }
        if (!reg || reg.status === 'cancelled' || reg.siteId !== site.id) {
          const category = reg?.learnerCategory ?? input.learnerCategory;
          if (!category)
            throw field(
              'learnerCategory',
              'Hãy chọn bạn là ai (đối tượng) để đăng ký tại chỗ.',
              'Choose your learner category to register on the spot.',
            );
          await ensureSeat(tx, site, reg);
          reg = await repo.upsertRegistration(tx, {
            sessionId: session.id,
            siteId: site.id,
            userId: actor.id,
            fullName: reg?.fullName ?? (await repo.userName(tx, actor.id)) ?? '',
            learnerCategory: category,
            unitCode: reg?.unitCode ?? site.communeCode ?? session.unitCode,
          });
          if (!reg) reg = (await repo.findRegistration(tx, session.id, actor.id))!;
        }
        const marked = await repo.markAttended(tx, reg.id, at, 'qr', null);
        if (marked) await attendedHook(tx, session, { ...reg, siteId: site.id }, at);
        const final = (await repo.findRegistrationById(tx, reg.id))!;
        void meta;
        return {
          sessionId: session.id,
          siteId: final.siteId,
          siteName: final.siteId === site.id ? site.name : ((await repo.findSite(tx, final.siteId))?.name ?? ''),
          attendedAt: iso(final.attendedAt ?? at),
          firstTime: !!marked,
        };
      });
    },

    attendanceList,

    /** An officer ticks (or unticks) a registrant on the site's list; audited. */
    async tick(actor: Actor, registrationId: string, attended: boolean, meta: Meta = {}) {
      return db.transaction(async (tx) => {
        const reg = await repo.findRegistrationById(tx, registrationId, true);
        if (!reg) throw errors.notFound(REGISTRATION);
        const { session } = await requireVisible(actor, reg.sessionId, tx);
        authorize(actor, 'training.attendance', { unitPath: session.unitPath });
        if (reg.status !== 'registered')
          throw errors.conflict('registration_cancelled', {
            vi: 'Người này đã hủy đăng ký.',
            en: 'This registration was cancelled.',
          });
        const at = now();
        if (attended && !reg.attendedAt) {
          const marked = await repo.markAttended(tx, reg.id, at, 'list', actor.id);
          if (marked) await attendedHook(tx, session, reg, at);
        } else if (!attended && reg.attendedAt) await repo.unmarkAttended(tx, reg.id);
        if (!!reg.attendedAt !== attended)
          await recordAudit(
            tx,
            actor,
            {
              action: attended ? 'training.attendance_tick' : 'training.attendance_untick',
              resourceType: 'training_registration',
              resourceId: reg.id,
              unitPath: session.unitPath,
              details: { sessionId: session.id, siteId: reg.siteId },
            },
            meta.requestId,
          );
        const r = (await repo.findRegistrationById(tx, reg.id))!;
        return { id: r.id, attendedAt: r.attendedAt ? iso(r.attendedAt) : null };
      });
    },

    /** The attendance list as a workbook (names: the organiser's administrators only; audited). */
    async exportAttendance(actor: Actor, id: string, meta: Meta = {}) {
      const { session } = await requireVisible(actor, id);
      authorize(actor, 'training.export', { unitPath: session.unitPath });
      const list = await attendanceList(actor, id);
      const wb = new ExcelJS.Workbook();
      wb.creator = 'Xã Số';
      const ws = wb.addWorksheet('Điểm danh');
      ws.addRow([session.topic]).font = { bold: true };
      ws.addRow([
        `${session.organizerName} — ${vnDateTimeText(new Date(session.startsAt))} → ${vnDateTimeText(new Date(session.endsAt))}`,
      ]);
      ws.addRow([
        'Điểm cầu',
        'Họ và tên',
        'Đối tượng',
        'Đơn vị',
        'Đăng ký lúc',
        'Có mặt',
        'Điểm danh lúc',
        'Cách điểm danh',
      ]).font = { bold: true };
      const siteName = new Map(list.sites.map((s) => [s.id, s.name]));
      const order = new Map(list.sites.map((s, i) => [s.id, i]));
      const rows = [...list.rows].sort((a, b) => (order.get(a.siteId) ?? 0) - (order.get(b.siteId) ?? 0));
      for (const r of rows)
        ws.addRow([
          siteName.get(r.siteId) ?? '',
          r.fullName,
          LEARNER_CATEGORY_LABELS[r.learnerCategory].vi,
          r.unitName ?? '',
          vnDateTimeText(new Date(r.registeredAt)),
          r.attendedAt ? 'Có' : 'Không',
          r.attendedAt ? vnDateTimeText(new Date(r.attendedAt)) : '',
          r.method === 'qr' ? 'Quét mã QR' : r.method === 'list' ? 'Cán bộ đánh dấu' : '',
        ]);
      ws.addRow([]);
      ws.addRow(['Điểm cầu', 'Sức chứa', 'Đăng ký', 'Có mặt']).font = { bold: true };
      for (const s of list.sites) ws.addRow([s.name, s.capacity ?? 'Không giới hạn', s.registered, s.attended]);
      ws.addRow([
        'Tổng',
        '',
        list.sites.reduce((n, s) => n + s.registered, 0),
        list.sites.reduce((n, s) => n + s.attended, 0),
      ]).font = { bold: true };
      [24, 30, 28, 24, 18, 10, 18, 18].forEach((w, i) => {
        ws.getColumn(i + 1).width = w;
      });
      await recordAudit(
        db,
        actor,
        {
          action: 'training.export',
          resourceType: 'training_session',
          resourceId: id,
          unitPath: session.unitPath,
          details: { rows: rows.length },
        },
        meta.requestId,
      );
      return { file: Buffer.from(await wb.xlsx.writeBuffer()), name: `diem-danh-tap-huan-${id.slice(0, 8)}` };
    },

    /** Adds an uploaded PDF to a session's materials (content-sniffed: it must start with %PDF-). */
    async addPdf(actor: Actor, id: string, file: { bytes: Buffer; fileName: string; title: string }, meta: Meta = {}) {
      const { session } = await requireVisible(actor, id);
      authorize(actor, 'training.manage', { unitPath: session.unitPath });
      if (file.bytes.length === 0 || file.bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
        throw field('file', 'Tệp phải là PDF.', 'The file must be a PDF.');
      if (file.bytes.length > TRAINING_LIMITS.materialBytes)
        throw field('file', 'Tệp quá lớn (tối đa 20 MB).', 'The file is too large (20 MB at most).');
      if ((await repo.countMaterials(db, id)) >= TRAINING_LIMITS.materials)
        throw field(
          'file',
          `Tối đa ${TRAINING_LIMITS.materials} tài liệu.`,
          `At most ${TRAINING_LIMITS.materials} materials.`,
        );
      const key = await store.put(file.bytes, 'pdf');
      try {
        return await db.transaction(async (tx) => {
          const materialId = await repo.insertFileMaterial(tx, {
            sessionId: id,
            title: file.title,
            fileKey: key,
            fileName: file.fileName,
            fileBytes: file.bytes.length,
          });
          await recordAudit(
            tx,
            actor,
            {
              action: 'training.material_add',
              resourceType: 'training_session',
              resourceId: id,
              unitPath: session.unitPath,
              details: { materialId, bytes: file.bytes.length },
            },
            meta.requestId,
          );
          return detail(tx, actor, id);
        });
      } catch (e) {
        await store.remove(key).catch(() => undefined);
        throw e;
      }
    },

    /** An uploaded material's bytes: anyone who may see the session. */
    async materialFile(actor: Actor | null, materialId: string) {
      const m = await repo.findMaterial(db, materialId);
      if (!m?.fileKey) throw errors.notFound(MATERIAL);
      await requireVisible(actor, m.sessionId);
      return { ...(await store.stream(m.fileKey)), fileName: m.fileName ?? 'tai-lieu.pdf' };
    },

    statusLabel: (s: keyof typeof TRAINING_STATUS_LABELS) => TRAINING_STATUS_LABELS[s],
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;
