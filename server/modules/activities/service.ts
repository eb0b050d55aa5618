import type { z } from 'zod';
import {
  type ActivityInput,
  type ActivityPage,
  type ActivityPatch,
  type ActivityResidentView,
  ActivitySyncItem,
  type ActivitySyncResponse,
  type ActivityView,
} from '../../../common/activities.js';
import { ACTIVITY_LIMITS } from '../../../common/constants/activities.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { vnDate } from '../../platform/calendar.js';
import { decodeCursor, encodeCursor, isTimestamp, keyset } from '../../platform/cursor.js';
import { AppError, describeIssue, errors } from '../../platform/errors.js';
import { processPhoto, removeStored, storePhotos } from '../../platform/files/photos.js';
import type { FileStore } from '../../platform/files/store.js';
import type { Lang, Message } from '../../platform/i18n.js';
import { authorize, can, scopesFor } from '../../platform/permissions.js';
import type { UnitsService } from '../units/service.js';
import * as repo from './repo.js';

const ACTIVITY = { vi: 'hoạt động', en: 'Activity' };
const PAGE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

type Parsed = z.output<typeof ActivitySyncItem>;
type Result = ActivitySyncResponse['results'][number];
interface Refusal {
  code: string;
  field?: string;
  text: Message;
}
interface Meta {
  requestId?: string;
}

const refusal = (code: string, field: string | undefined, vi: string, en: string): Refusal => ({
  code,
  field,
  text: { vi, en },
});

/** No active membership: who may record activities, in words. */
export const notATeamMember = () =>
  new AppError(403, 'not_a_team_member', {
    vi: 'Tài khoản của bạn chưa gắn với một thành viên đang hoạt động của tổ công nghệ số cộng đồng; hãy nhờ UBND xã gắn tài khoản.',
    en: 'Your account is not linked to an active member of a community digital technology team; ask the commune to link it.',
  });

const idTaken = () =>
  refusal(
    'id_taken',
    'id',
    'Mã hoạt động này đã được dùng; hãy tạo lại hoạt động.',
    'This activity id is already in use; record the activity again.',
  );

/** When the author may edit until: 7 days after the server first received it. */
export const editableUntil = (createdAt: Date) =>
  new Date(createdAt.getTime() + ACTIVITY_LIMITS.editWindowDays * DAY_MS);

/** Where a refusal goes in the response: its message in the request's language, both kept. */
function refusedResult(id: string, r: Refusal, lang: Lang): Result {
  return {
    id,
    status: 'refused',
    error: { code: r.code, message: r.text[lang], messages: r.text, ...(r.field ? { field: r.field } : {}) },
  };
}

/** A sync item's id as sent, for an item that did not parse (never more than a uuid's length). */
function rawId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 36) : '';
}

export interface ActivitiesDeps {
  db: Db;
  units: UnitsService;
  /** Where activity photos are kept (the platform's file store, as for report photos). */
  store: FileStore;
}

/** A photo's refusal (not an image, too big, damaged) names the `photo` field. */
async function checkedPhoto(bytes: Buffer) {
  try {
    return await processPhoto(bytes);
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.status, e.code, e.text, { photo: e.text });
    throw e;
  }
}
const PHOTO = { vi: 'ảnh', en: 'Photo' };

/**
 * The activity log of community digital technology teams. A signed-in person linked to an active team membership
 * records sessions for their team's hamlet; the id is the client's, so every write is idempotent. The author edits
 * for 7 days (based on the version they saw); a commune administrator corrects any time with a reason (audited).
 * Residents' personal data is read only by the author, their commune administrator and auditors, each read audited.
 */
export function createActivitiesService({ db, units, store }: ActivitiesDeps) {
  async function requireMemberships(exec: Executor, actor: Actor) {
    if (actor.kind !== 'user') throw notATeamMember();
    const memberships = await repo.activeMemberships(exec, actor.id);
    if (memberships.length === 0) throw notATeamMember();
    return memberships;
  }

  /**
   * What every activity must satisfy beyond its schema, checked for a whole batch with one query per kind of
   * reference: a time not ahead of the server's clock (a little tolerance), the hamlet of one of the author's teams,
   * catalog services that exist, and a report the author filed for a resident.
   */
  async function checkBatch(
    exec: Executor,
    authorId: string,
    memberships: repo.Membership[],
    inputs: Parsed[],
    now: Date,
  ): Promise<Map<Parsed, { refusal?: Refusal; membership?: repo.Membership }>> {
    const serviceIds = [
      ...new Set(inputs.flatMap((i) => i.items.map((it) => it.serviceId)).filter((s): s is string => !!s)),
    ];
    const reportCodes = [...new Set(inputs.map((i) => i.reportCode).filter((c): c is string => !!c))];
    const [services, reports] = await Promise.all([
      repo.existingServiceIds(exec, serviceIds),
      repo.assistedReportCodes(exec, authorId, reportCodes),
    ]);
    const latest = now.getTime() + ACTIVITY_LIMITS.futureToleranceMinutes * 60_000;
    const out = new Map<Parsed, { refusal?: Refusal; membership?: repo.Membership }>();
    for (const input of inputs) {
      const membership = memberships.find((m) => m.hamletCode === input.hamletCode);
      let r: Refusal | undefined;
      if (Date.parse(input.occurredAt) > latest)
        r = refusal(
          'invalid_input',
          'occurredAt',
          'Thời điểm không được sau hiện tại.',
          'The time cannot be in the future.',
        );
      else if (!membership)
        r = refusal(
          'invalid_input',
          'hamletCode',
          'Chỉ ghi hoạt động ở thôn, tổ dân phố của tổ mình.',
          "Record activities only in your own team's hamlet.",
        );
      else {
        const bad = input.items.findIndex((it) => it.serviceId && !services.has(it.serviceId));
        if (bad >= 0)
          r = refusal(
            'invalid_input',
            `items.${bad}.serviceId`,
            'Không có dịch vụ này trong danh mục.',
            'No such service in the catalog.',
          );
        else if (input.reportCode && !reports.has(input.reportCode))
          r = refusal(
            'invalid_input',
            'reportCode',
            'Không có phản ánh này do bạn gửi giúp người dân.',
            'No such report filed by you for a resident.',
          );
      }
      out.set(input, r ? { refusal: r } : { membership });
    }
    return out;
  }

  function activityRow(input: Parsed | z.output<typeof ActivitySyncItem>, m: repo.Membership, authorId: string) {
    const occurredAt = new Date(input.occurredAt);
    return {
      teamId: m.teamId,
      memberId: m.memberId,
      authorUserId: authorId,
      communeCode: m.communeCode,
      hamletCode: m.hamletCode,
      unitPath: m.unitPath,
      occurredAt,
      occurredOn: vnDate(occurredAt),
      durationMinutes: input.durationMinutes ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      households: input.households,
      people: input.people,
      note: input.note || null,
      reportCode: input.reportCode || null,
    };
  }

  function detailRows(activityId: string, input: Parsed, recordedBy: string, now: Date) {
    return {
      items: input.items.map((it, position) => ({
        activityId,
        position,
        serviceId: it.serviceId,
        action: it.action,
        procedure: it.procedure ?? null,
        outcome: it.outcome,
        failureReason: it.outcome === 'failed' ? (it.failureReason ?? null) : null,
        people: it.people,
      })),
      residents: input.residents.map((r) => ({
        activityId,
        fullName: r.fullName ?? null,
        phone: r.phone ?? null,
        birthYear: r.birthYear ?? null,
        consentPurpose: r.consent.purpose,
        consentRecordedBy: recordedBy,
        consentRecordedAt: now,
      })),
    };
  }

  /**
   * An edit's items replace the old ones. Its residents replace the old ones only when the edit names them
   * (`keepResidents`: an edit without the field keeps them); a resident named again as before keeps who recorded the
   * consent and when.
   */
  async function replaceDetails(
    tx: Executor,
    id: string,
    input: Parsed,
    recordedBy: string,
    now: Date,
    keepResidents: boolean,
  ) {
    await repo.deleteItems(tx, id);
    const d = detailRows(id, input, recordedBy, now);
    await repo.insertItems(tx, d.items);
    if (keepResidents) return;
    const before = await repo.deleteResidents(tx, id);
    const key = (r: {
      fullName: string | null;
      phone: string | null;
      birthYear: number | null;
      consentPurpose: string;
    }) => JSON.stringify([r.fullName, r.phone, r.birthYear, r.consentPurpose]);
    const kept = new Map(before.map((r) => [key(r), r]));
    await repo.insertResidents(
      tx,
      d.residents.map((r) => {
        const old = kept.get(key(r));
        return old ? { ...r, consentRecordedBy: old.consentRecordedBy, consentRecordedAt: old.consentRecordedAt } : r;
      }),
    );
  }

  async function views(exec: Executor, ids: string[]): Promise<Map<string, ActivityView>> {
    const [rows, items] = await Promise.all([repo.findNamed(exec, ids), repo.itemsOf(exec, ids)]);
    const out = new Map<string, ActivityView>();
    for (const r of rows) out.set(r.id, toView(r, items));
    return out;
  }
  async function viewOf(exec: Executor, id: string): Promise<ActivityView> {
    const v = (await views(exec, [id])).get(id);
    if (!v) throw errors.notFound(ACTIVITY);
    return v;
  }

  /**
   * Records a batch: new activities in one multi-row INSERT … ON CONFLICT (id) DO NOTHING (what it does not return
   * was already there: the author's is "exists", anyone else's is refused without a word of it), their items and
   * residents in one insert each, edits under a row lock compared with the version the device saw. One transaction:
   * a created activity always has its items; a batch cut off is rolled back and its retry creates it once.
   */
  async function syncParsed(
    actor: Actor,
    entries: { id: string; input?: Parsed; refusal?: Refusal; keepResidents?: boolean }[],
    lang: Lang,
  ): Promise<Result[]> {
    const memberships = await requireMemberships(db, actor);
    const now = new Date();
    const results: (Result | undefined)[] = entries.map((e) =>
      e.refusal ? refusedResult(e.id, e.refusal, lang) : undefined,
    );
    // The same id twice in one batch: the first is acted on, the later ones answer as it does.
    const firstOf = new Map<string, number>();
    const dupOf = new Map<number, number>();
    for (const [i, e] of entries.entries()) {
      if (!e.input) continue;
      const first = firstOf.get(e.id);
      if (first === undefined) firstOf.set(e.id, i);
      else dupOf.set(i, first);
    }
    const live = entries
      .map((e, i) => ({ i, input: e.input, keepResidents: !!e.keepResidents }))
      .filter((e): e is { i: number; input: Parsed; keepResidents: boolean } => !!e.input && !dupOf.has(e.i));
    const checks = await checkBatch(
      db,
      actor.id,
      memberships,
      live.map((e) => e.input),
      now,
    );
    const creates: { i: number; input: Parsed; m: repo.Membership; keepResidents: boolean }[] = [];
    const edits: { i: number; input: Parsed; m: repo.Membership; keepResidents: boolean }[] = [];
    for (const e of live) {
      const c = checks.get(e.input)!;
      if (c.refusal) results[e.i] = refusedResult(e.input.id, c.refusal, lang);
      else (e.input.baseVersion === undefined ? creates : edits).push({ ...e, m: c.membership! });
    }
    const conflicts: { i: number; id: string }[] = [];

    await db.transaction(async (tx) => {
      const created = await repo.insertActivities(
        tx,
        creates.map((c) => ({ id: c.input.id, ...activityRow(c.input, c.m, actor.id) })),
      );
      const items: repo.NewActivityItem[] = [];
      const residents: repo.NewActivityResident[] = [];
      for (const c of creates) {
        if (!created.has(c.input.id)) continue;
        const d = detailRows(c.input.id, c.input, actor.id, now);
        items.push(...d.items);
        residents.push(...d.residents);
        results[c.i] = { id: c.input.id, status: 'created', version: 1 };
      }
      await repo.insertItems(tx, items);
      await repo.insertResidents(tx, residents);
      const there = creates.filter((c) => !created.has(c.input.id));
      const owners = new Map(
        (
          await repo.owners(
            tx,
            there.map((c) => c.input.id),
          )
        ).map((o) => [o.id, o]),
      );
      for (const c of there) {
        const o = owners.get(c.input.id);
        results[c.i] =
          o && o.authorUserId === actor.id
            ? { id: c.input.id, status: 'exists', version: o.version }
            : refusedResult(c.input.id, idTaken(), lang);
      }

      const locked = new Map(
        (
          await repo.lockActivities(
            tx,
            edits.map((e) => e.input.id),
          )
        ).map((r) => [r.id, r]),
      );
      for (const e of edits) {
        const row = locked.get(e.input.id);
        const base = e.input.baseVersion!;
        if (!row || row.authorUserId !== actor.id) {
          results[e.i] = refusedResult(
            e.input.id,
            row
              ? idTaken()
              : refusal(
                  'not_found',
                  'id',
                  'Hoạt động này chưa có trên máy chủ; hãy gửi lại mà không có phiên bản.',
                  'This activity is not on the server; send it again without a version.',
                ),
            lang,
          );
        } else if (row.version > base) {
          conflicts.push({ i: e.i, id: row.id });
          results[e.i] = { id: row.id, status: 'conflict', version: row.version };
        } else if (row.version < base) {
          results[e.i] = refusedResult(
            row.id,
            refusal('invalid_input', 'baseVersion', 'Phiên bản không hợp lệ.', 'Not a version of this activity.'),
            lang,
          );
        } else if (editableUntil(row.createdAt) <= now) {
          results[e.i] = refusedResult(row.id, windowClosed(), lang);
        } else {
          const updated = await repo.updateActivity(tx, row.id, activityRow(e.input, e.m, actor.id));
          await replaceDetails(tx, row.id, e.input, actor.id, now, e.keepResidents);
          row.version = updated.version;
          results[e.i] = { id: row.id, status: 'updated', version: updated.version };
        }
      }
    });

    if (conflicts.length) {
      const v = await views(
        db,
        conflicts.map((c) => c.id),
      );
      for (const c of conflicts) results[c.i] = { ...results[c.i]!, activity: v.get(c.id) };
    }
    for (const [i, first] of dupOf) {
      const r = results[first]!;
      results[i] =
        r.status === 'created' || r.status === 'exists' || r.status === 'updated'
          ? { id: r.id, status: 'exists', version: r.version }
          : r;
    }
    return results.map((r) => r!);
  }

  const windowClosed = () =>
    refusal(
      'edit_window_closed',
      undefined,
      `Chỉ sửa được trong ${ACTIVITY_LIMITS.editWindowDays} ngày; hãy nhờ UBND xã điều chỉnh.`,
      `Editable for ${ACTIVITY_LIMITS.editWindowDays} days only; ask the commune to correct it.`,
    );

  async function requireRow(exec: Executor, id: string) {
    const row = await repo.findActivity(exec, id);
    if (!row) throw errors.notFound(ACTIVITY);
    return row;
  }
  const readable = (actor: Actor | null, row: repo.ActivityRow) =>
    can(actor, 'activity.read', { unitPath: row.unitPath, ownerId: row.authorUserId });
  /** A team's leader (an active membership as tổ trưởng) reads the team's activities; not its residents' data. */
  async function leads(actor: Actor | null, teamId: string, exec: Executor): Promise<boolean> {
    if (actor?.kind !== 'user') return false;
    return (await repo.activeMemberships(exec, actor.id)).some((m) => m.role === 'leader' && m.teamId === teamId);
  }
  /** Inside a transaction pass it as `exec` (PGlite has one connection: a read outside would wait for it). */
  const mayRead = async (actor: Actor | null, row: repo.ActivityRow, exec: Executor = db) =>
    readable(actor, row) || (await leads(actor, row.teamId, exec));

  async function page(
    rows: repo.ActivityWithNames[],
    limit: number,
  ): Promise<{ activities: ActivityView[]; nextCursor: string | null }> {
    const shown = rows.slice(0, limit);
    const items = await repo.itemsOf(
      db,
      shown.map((r) => r.id),
    );
    const last = shown.at(-1);
    return {
      activities: shown.map((r) => toView(r, items)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.occurredAt.toISOString(), last.id]) : null,
    };
  }
  const cursorKey = (cursor?: string) => (cursor ? decodeCursor(cursor, keyset(isTimestamp)) : null);

  async function requireUnitOf(code: string) {
    const unit = await units.requireUnit(code).catch(() => {
      throw errors.invalidField('unit', { vi: 'Không có đơn vị này.', en: 'No such unit.' });
    });
    if (unit.level !== 'commune' && unit.level !== 'hamlet')
      throw errors.invalidField('unit', { vi: 'Hãy chọn một xã hoặc thôn.', en: 'Choose a commune or a hamlet.' });
    return unit;
  }

  return {
    /** `POST /api/activities/sync`: every item parsed on its own, then recorded as one batch. */
    async sync(actor: Actor, raw: unknown[], lang: Lang): Promise<ActivitySyncResponse> {
      const entries = raw.map((item) => {
        const parsed = ActivitySyncItem.safeParse(item);
        // An edit that leaves out `residents` keeps them (a device that no longer holds them cannot erase them).
        if (parsed.success)
          return {
            id: parsed.data.id,
            input: parsed.data,
            keepResidents: !Object.hasOwn(item as object, 'residents'),
          };
        const issue = parsed.error.issues[0];
        const field = issue.path.map(String).join('.') || undefined;
        const text = describeIssue(issue as Parameters<typeof describeIssue>[0]);
        return { id: rawId(item), refusal: { code: 'invalid_input', field, text } };
      });
      return { results: await syncParsed(actor, entries, lang) };
    },

    /** `POST /api/activities`: one activity online; the same id again answers the one already there. */
    async create(
      actor: Actor,
      input: z.output<typeof ActivitySyncItem>,
      lang: Lang,
    ): Promise<{ created: boolean; activity: ActivityView }> {
      const [r] = await syncParsed(actor, [{ id: input.id, input: { ...input, baseVersion: undefined } }], lang);
      if (r.status === 'refused') {
        const e = r.error!;
        const text = (e as { messages?: Message }).messages ?? { vi: e.message, en: e.message };
        if (e.code === 'id_taken') throw errors.conflict('id_taken', text, e.field ? { [e.field]: text } : undefined);
        throw errors.badRequest(
          e.code,
          { vi: 'Dữ liệu không hợp lệ.', en: 'Invalid input.' },
          e.field ? { [e.field]: text } : undefined,
        );
      }
      return { created: r.status === 'created', activity: await viewOf(db, r.id) };
    },

    /** The signed-in member's own activities, newest first. */
    async mine(actor: Actor, cursor?: string): Promise<ActivityPage> {
      if (actor.kind !== 'user') throw errors.forbidden();
      const key = cursorKey(cursor);
      return page(await repo.listMine(db, actor.id, key, PAGE + 1), PAGE);
    },

    /**
     * A commune's or a hamlet's activities for its administrators, or a hamlet's for the leader of its team (no
     * resident's details: only their count).
     */
    async list(actor: Actor, q: { unit: string; from?: string; to?: string; cursor?: string }): Promise<ActivityPage> {
      const unit = await requireUnitOf(q.unit);
      let scopes = scopesFor(actor, 'activity.read');
      if (!can(actor, 'activity.read', { unitPath: unit.path })) {
        // The leader of the hamlet's team reads its activities (they are all in the team's hamlet).
        const leader =
          unit.level === 'hamlet' &&
          actor.kind === 'user' &&
          (await repo.activeMemberships(db, actor.id)).some((m) => m.role === 'leader' && m.hamletCode === unit.code);
        if (!leader) throw errors.forbidden();
        scopes = [unit.path];
      }
      const key = cursorKey(q.cursor);
      const rows = await repo.listInUnit(db, { unitPath: unit.path, scopes, from: q.from, to: q.to }, key, PAGE + 1);
      return page(rows, PAGE);
    },

    /**
     * One activity: its author, its team's leader and administrators in scope; anyone else is told it does not exist.
     */
    async read(actor: Actor, id: string): Promise<ActivityView> {
      const row = await requireRow(db, id);
      if (!(await mayRead(actor, row))) throw errors.notFound(ACTIVITY);
      return viewOf(db, id);
    },

    /**
     * Edits an activity based on the version the editor saw (an older one: 409 with the current one unchanged). The
     * author within 7 days of recording it; a commune administrator at any time, with a reason (audited).
     */
    async update(
      actor: Actor,
      id: string,
      patch: z.output<typeof ActivityPatch>,
      meta: Meta = {},
    ): Promise<ActivityView> {
      const now = new Date();
      return db.transaction(async (tx) => {
        const [row] = await repo.lockActivities(tx, [id]);
        if (!row || !(await mayRead(actor, row, tx))) throw errors.notFound(ACTIVITY);
        const isAuthor = actor.kind === 'user' && actor.id === row.authorUserId;
        const inWindow = editableUntil(row.createdAt) > now;
        const corrects = !(isAuthor && inWindow) && can(actor, 'activity.correct', { unitPath: row.unitPath });
        if (!(isAuthor && inWindow) && !corrects) {
          if (isAuthor) {
            const w = windowClosed();
            throw new AppError(403, w.code, w.text);
          }
          throw errors.forbidden();
        }
        if (corrects && !patch.reason)
          throw errors.invalidField('reason', {
            vi: 'Cần ghi lý do điều chỉnh.',
            en: 'A reason for the correction is required.',
          });
        if (row.version !== patch.baseVersion)
          throw errors.conflict(
            'version_conflict',
            {
              vi: 'Hoạt động đã được sửa trên máy chủ; hãy tải lại bản mới nhất.',
              en: 'The activity was changed on the server; reload the latest version.',
            },
            {
              baseVersion: {
                vi: `Phiên bản hiện tại là ${row.version}.`,
                en: `The current version is ${row.version}.`,
              },
            },
          );
        const input: Parsed = { ...patch, residents: patch.residents ?? [], id, baseVersion: patch.baseVersion };
        // A correction keeps the team; the author's edit may move it to another of their teams' hamlets.
        const memberships: repo.Membership[] = corrects
          ? [
              {
                memberId: row.memberId,
                memberName: '',
                role: '',
                teamId: row.teamId,
                teamName: '',
                hamletCode: row.hamletCode,
                communeCode: row.communeCode,
                unitPath: row.unitPath,
              },
            ]
          : await requireMemberships(tx, actor);
        const c = (await checkBatch(tx, row.authorUserId, memberships, [input], now)).get(input)!;
        if (c.refusal) throw errors.invalidField(c.refusal.field ?? 'body', c.refusal.text);
        await repo.updateActivity(tx, id, {
          ...activityRow(input, c.membership!, row.authorUserId),
          ...(corrects ? { correctedBy: actor.id, correctedAt: now } : {}),
        });
        await replaceDetails(tx, id, input, corrects ? row.authorUserId : actor.id, now, patch.residents === undefined);
        if (corrects)
          await recordAudit(
            tx,
            actor,
            {
              action: 'activity.correct',
              resourceType: 'activity',
              resourceId: id,
              unitPath: row.unitPath,
              reason: patch.reason,
              details: { fromVersion: row.version, toVersion: row.version + 1 },
            },
            meta.requestId,
          );
        return viewOf(tx, id);
      });
    },

    /**
     * Sets (or with `bytes` null, removes) an activity's photo, re-encoded like a report's (no metadata): its author
     * within the edit window, or the commune's administrators (audited). The version does not move: a photo is sent
     * after the activity is synced and never conflicts with an edit.
     */
    async setPhoto(actor: Actor, id: string, bytes: Buffer | null, meta: Meta = {}): Promise<ActivityView> {
      const row = await requireRow(db, id);
      if (!(await mayRead(actor, row))) throw errors.notFound(ACTIVITY);
      const isAuthor = actor.kind === 'user' && actor.id === row.authorUserId;
      const asAuthor = isAuthor && editableUntil(row.createdAt) > new Date();
      const corrects = !asAuthor && can(actor, 'activity.correct', { unitPath: row.unitPath });
      if (!asAuthor && !corrects) {
        if (isAuthor) {
          const w = windowClosed();
          throw new AppError(403, w.code, w.text);
        }
        throw errors.forbidden();
      }
      const stored = bytes ? await storePhotos(store, [await checkedPhoto(bytes)]) : [];
      let old: { photoKey: string | null; photoThumbKey: string | null } | null = null;
      try {
        await db.transaction(async (tx) => {
          const [p] = stored;
          old = await repo.setPhoto(
            tx,
            id,
            p
              ? { photoKey: p.storageKey, photoThumbKey: p.thumbKey, photoWidth: p.width, photoHeight: p.height }
              : null,
          );
          if (corrects)
            await recordAudit(
              tx,
              actor,
              {
                action: bytes ? 'activity.photo_set' : 'activity.photo_remove',
                resourceType: 'activity',
                resourceId: id,
                unitPath: row.unitPath,
              },
              meta.requestId,
            );
        });
      } catch (e) {
        await removeStored(store, stored);
        throw e;
      }
      const was = old as { photoKey: string | null; photoThumbKey: string | null } | null;
      if (was?.photoKey && was.photoThumbKey)
        await removeStored(store, [
          { storageKey: was.photoKey, thumbKey: was.photoThumbKey, width: 0, height: 0, bytes: 0 },
        ]);
      return viewOf(db, id);
    },

    /** An activity's photo (or its thumbnail): only for those who may read the activity; anyone else 404. */
    async openPhoto(actor: Actor, id: string, thumb: boolean) {
      const row = await repo.findActivity(db, id);
      if (!row || !(await mayRead(actor, row)) || !row.photoKey || !row.photoThumbKey) throw errors.notFound(PHOTO);
      try {
        return await store.stream(thumb ? row.photoThumbKey : row.photoKey);
      } catch (e) {
        if ((e as { code?: string }).code === 'ENOENT')
          throw new AppError(410, 'photo_gone', {
            vi: 'Tệp ảnh không còn trên máy chủ.',
            en: 'The photo file is no longer on the server.',
          });
        throw e;
      }
    },

    /** The residents named in an activity (personal data): the author, their commune administrator, auditors. */
    async residents(
      actor: Actor,
      id: string,
      meta: Meta = {},
    ): Promise<{ residents: z.infer<typeof ActivityResidentView>[] }> {
      const row = await requireRow(db, id);
      const res = { unitPath: row.unitPath, ownerId: row.authorUserId };
      if (!can(actor, 'activity.read_residents', res)) {
        if (await mayRead(actor, row)) throw errors.forbidden();
        throw errors.notFound(ACTIVITY);
      }
      return db.transaction(async (tx) => {
        const rows = await repo.residentsOf(tx, [id]);
        await recordAudit(
          tx,
          actor,
          {
            action: 'activity.read_residents',
            resourceType: 'activity',
            resourceId: id,
            unitPath: row.unitPath,
            details: { residents: rows.length },
          },
          meta.requestId,
        );
        return {
          residents: rows.map((r) => ({
            fullName: r.fullName,
            phone: r.phone,
            birthYear: r.birthYear,
            consentPurpose: r.consentPurpose,
            consentRecordedAt: r.consentRecordedAt.toISOString(),
            consentRecordedBy: r.consentRecordedBy,
          })),
        };
      });
    },

    /** Every activity of a unit in a period, for an export (the caller checked the unit). */
    async forExport(actor: Actor, q: { unit: string; from?: string; to?: string; purpose?: string }, meta: Meta = {}) {
      const unit = await requireUnitOf(q.unit);
      authorize(actor, 'activity.export', { unitPath: unit.path });
      const scopes = scopesFor(actor, 'activity.export');
      const rows: repo.ActivityWithNames[] = [];
      let key: [string, string] | null = null;
      for (;;) {
        const batch = await repo.listInUnit(db, { unitPath: unit.path, scopes, from: q.from, to: q.to }, key, 1000);
        rows.push(...batch);
        const last = batch.at(-1);
        if (batch.length < 1000 || !last || rows.length >= EXPORT_MAX) break;
        key = [last.occurredAt.toISOString(), last.id];
      }
      const ids = rows.map((r) => r.id);
      const items = await repo.itemsOf(db, ids);
      const residents = q.purpose ? await repo.residentsOf(db, ids) : [];
      await recordAudit(
        db,
        actor,
        {
          action: q.purpose ? 'activity.export_residents' : 'activity.export',
          resourceType: 'activity',
          unitPath: unit.path,
          reason: q.purpose ?? null,
          details: { unit: unit.code, from: q.from ?? null, to: q.to ?? null, rows: rows.length },
        },
        meta.requestId,
      );
      return { unit, rows, items, residents };
    },
  };
}

const EXPORT_MAX = 50_000;

export type ActivitiesService = ReturnType<typeof createActivitiesService>;

/** Items grouped by activity (an export holds thousands). */
export function itemsByActivity(items: repo.ItemWithService[]): Map<string, repo.ItemWithService[]> {
  const out = new Map<string, repo.ItemWithService[]>();
  for (const it of items) {
    const list = out.get(it.activityId);
    if (list) list.push(it);
    else out.set(it.activityId, [it]);
  }
  return out;
}

function toView(
  r: repo.ActivityWithNames,
  items: repo.ItemWithService[] | Map<string, repo.ItemWithService[]>,
): ActivityView {
  const own = items instanceof Map ? (items.get(r.id) ?? []) : items.filter((it) => it.activityId === r.id);
  return {
    id: r.id,
    version: r.version,
    teamId: r.teamId,
    teamName: r.teamName,
    memberName: r.memberName,
    communeCode: r.communeCode,
    hamletCode: r.hamletCode,
    hamletName: r.hamletName,
    occurredAt: r.occurredAt.toISOString(),
    durationMinutes: r.durationMinutes,
    lat: r.lat,
    lng: r.lng,
    households: r.households,
    people: r.people,
    items: own.map((it) => ({
      serviceId: it.serviceId,
      serviceName: it.serviceName,
      action: it.action,
      procedure: it.procedure,
      outcome: it.outcome,
      failureReason: it.failureReason,
      people: it.people,
    })),
    residentCount: r.residentCount,
    note: r.note,
    reportCode: r.reportCode,
    photoUrl: r.photoKey ? `/api/activities/${r.id}/photo` : null,
    editableUntil: editableUntil(r.createdAt).toISOString(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    correctedAt: r.correctedAt?.toISOString() ?? null,
  };
}

export type { ActivityInput };
