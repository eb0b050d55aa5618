import type { z } from 'zod';
import {
  isAlertKind,
  NEWS_IMAGE_WIDTHS,
  NEWS_LIMITS,
  type NewsAlertChannel,
  type NewsFollow,
  type NewsFollowList,
  type NewsHome,
  type NewsImage,
  type NewsList,
  type NewsListQuery,
  type NewsManageItem,
  type NewsManageList,
  type NewsPostCreate,
  type NewsPostUpdate,
  type NewsPostView,
  type NewsPreview,
  type NewsSummary,
  type NewsUnit,
} from '../../../common/news.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { decodeOffset, nextOffsetCursor } from '../../platform/cursor.js';
import { errors, type FieldMessages } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/store.js';
import { cleanFilename, processWebImage } from '../../platform/files/web-images.js';
import { scopedIdempotencyKey } from '../../platform/idempotency/index.js';
import type { MarkdownImage } from '../../platform/markdown.js';
import { authorize, can, scopesFor } from '../../platform/permissions.js';
import type { UnitsService } from '../units/service.js';
import { alertStepKey, newsAlertJob } from './jobs.js';
import { imageIdsIn, imageUrl, renderPost, summaryOf } from './render.js';
import * as repo from './repo.js';

interface Meta {
  requestId?: string;
  idempotencyKey?: string;
}

const postNotFound = () => errors.notFound({ vi: 'tin', en: 'Post' });
const imageNotFound = () => errors.notFound({ vi: 'ảnh', en: 'Image' });
const iso = (d: Date) => d.toISOString();
/** A scheduled time may lag the author's clock by this much (the form was filled in a minute ago). */
const PAST_TOLERANCE_MS = 5 * 60_000;

export interface NewsDeps {
  db: Db;
  store: FileStore;
  units: Pick<UnitsService, 'requireUnit'>;
  /** The province the installation serves: anonymous visitors' news. */
  provinceCode: string;
  /** The clock (tests pass one in: scheduled posts appear by it). */
  now?: () => Date;
}

export type PostState = NewsManageItem['state'];

/** Official news and alerts of a province or a commune: publishing, reading, following, the Atom feed's data. */
export function createNewsService({ db, store, units, provinceCode, now = () => new Date() }: NewsDeps) {
  const toUnit = (u: repo.PostUnit): NewsUnit => ({ code: u.code, name: u.name, level: u.level });

  const toSummary = (p: repo.PostRow): NewsSummary => ({
    id: p.id,
    unit: toUnit(p.unit),
    kind: p.kind,
    hazard: p.hazard ?? null,
    isAlert: p.isAlert,
    title: p.title,
    summary: p.summary,
    pinned: p.pinned,
    publishAt: iso(p.publishAt),
    updatedAt: iso(p.updatedAt),
  });
  const toView = (p: repo.PostRow): NewsPostView => ({ ...toSummary(p), html: p.bodyHtml });

  const stateOf = (p: repo.PostRecord, at = now()): PostState =>
    p.withdrawnAt ? 'withdrawn' : p.publishAt.getTime() > at.getTime() ? 'scheduled' : 'published';

  const toManaged = (p: repo.PostRow, notified: number): NewsManageItem => ({
    ...toView(p),
    state: stateOf(p),
    body: p.bodyMd,
    withdrawnAt: p.withdrawnAt ? iso(p.withdrawnAt) : null,
    withdrawReason: p.withdrawReason,
    notified: p.isAlert ? notified : null,
  });

  /** The unit a post belongs to: a province or a commune (never a hamlet) the actor publishes for. */
  async function publishingUnit(actor: Actor | null, code: string) {
    const unit = await units.requireUnit(code);
    if (unit.level === 'hamlet')
      throw errors.invalidField('unit', {
        vi: 'Tin được đăng bởi tỉnh hoặc một xã, phường.',
        en: 'News is published by a province or a commune.',
      });
    authorize(actor, 'news.publish', { unitPath: unit.path });
    return unit;
  }

  /** Renders the body with the unit's images; an image of no upload of this unit is a 400 naming `body`. */
  async function render(exec: Executor, unitCode: string, body: string) {
    const rows = await repo.imagesOfUnit(exec, unitCode, imageIdsIn(body));
    const images = new Map<string, MarkdownImage>(
      rows.map((r) => [
        r.id,
        {
          width: r.width,
          height: r.height,
          variants: Object.fromEntries(Object.entries(r.variants).map(([v, f]) => [v, f.width])),
        },
      ]),
    );
    return renderPost(body, images);
  }

  /** What zod cannot check: a hazard only on an alert, a publish time not in the past, images of this unit. */
  async function checked(
    unitCode: string,
    input: z.output<typeof NewsPostUpdate>,
    at: Date,
    keepPublishAt: Date | null,
  ) {
    const fields: FieldMessages = {};
    const alert = isAlertKind(input.kind);
    if (input.hazard && !alert)
      fields.hazard = {
        vi: 'Chỉ cảnh báo thiên tai mới ghi loại thiên tai.',
        en: 'Only a disaster warning names a hazard.',
      };
    let publishAt = input.publishAt ? new Date(input.publishAt) : (keepPublishAt ?? at);
    if (input.publishAt && publishAt.getTime() < at.getTime() - PAST_TOLERANCE_MS) {
      if (keepPublishAt && publishAt.getTime() === keepPublishAt.getTime()) publishAt = keepPublishAt;
      else
        fields.publishAt = {
          vi: 'Thời điểm đăng không được ở quá khứ.',
          en: 'The publishing time cannot be in the past.',
        };
    }
    const { html, problems } = await render(db, unitCode, input.body);
    if (problems.length)
      fields.body = {
        vi: `Ảnh phải được tải lên cho đơn vị này: ${problems.slice(0, 3).join(', ')}`,
        en: `Images must be uploaded for this unit: ${problems.slice(0, 3).join(', ')}`,
      };
    if (Object.keys(fields).length)
      throw errors.badRequest('invalid_input', { vi: 'Dữ liệu không hợp lệ.', en: 'Invalid input.' }, fields);
    return {
      kind: input.kind,
      hazard: alert ? input.hazard : null,
      isAlert: alert,
      title: input.title,
      bodyMd: input.body,
      bodyHtml: html,
      summary: summaryOf(input.body),
      pinned: input.pinned,
      publishAt,
    };
  }

  /** An alert, written or edited, pushes to its followers at its publish time (a job per chain; claims per person). */
  async function enqueueAlert(tx: Executor, p: repo.PostRecord) {
    if (!p.isAlert || p.withdrawnAt) return;
    const payload = { postId: p.id, version: p.version, after: null };
    await newsAlertJob.enqueue(tx, payload, { runAt: p.publishAt, dedupeKey: alertStepKey(payload) });
  }

  async function managedItem(id: string): Promise<NewsManageItem> {
    const p = await repo.findPost(db, id);
    if (!p) throw postNotFound();
    return toManaged(p, p.isAlert ? await repo.countNotified(db, id) : 0);
  }

  /** Publishes (or schedules) a post of a province or a commune; an alert is pushed to followers at its time. */
  async function create(
    actor: Actor,
    input: z.output<typeof NewsPostCreate>,
    meta: Meta = {},
  ): Promise<NewsManageItem> {
    const unit = await publishingUnit(actor, input.unit);
    const at = now();
    const values = await checked(unit.code, input, at, null);
    const key = meta.idempotencyKey ? scopedIdempotencyKey(actor, meta.idempotencyKey) : null;
    const id = await db.transaction(async (tx) => {
      const row = await repo.insertPost(tx, {
        ...values,
        unitCode: unit.code,
        unitPath: unit.path,
        provinceCode: unit.provinceCode,
        idempotencyKey: key,
        createdBy: actor.id,
        updatedBy: actor.id,
      });
      if (!row) {
        const first = key ? await repo.findByIdempotencyKey(tx, key) : null;
        if (!first) throw errors.conflict('idempotency_conflict', { vi: 'Yêu cầu trùng.', en: 'Duplicate request.' });
        return first.id;
      }
      await enqueueAlert(tx, row);
      await recordAudit(
        tx,
        actor,
        {
          action: 'news.create',
          resourceType: 'news_post',
          resourceId: row.id,
          unitPath: unit.path,
          details: { kind: row.kind, title: row.title, publishAt: iso(row.publishAt), pinned: row.pinned },
        },
        meta.requestId,
      );
      return row.id;
    });
    return managedItem(id);
  }

  /** Edits a post (its unit stays); a withdrawn post stays withdrawn. Audited with what changed. */
  async function update(
    actor: Actor,
    id: string,
    input: z.output<typeof NewsPostUpdate>,
    meta: Meta = {},
  ): Promise<NewsManageItem> {
    const first = await repo.findPost(db, id);
    if (!first) throw postNotFound();
    authorize(actor, 'news.publish', { unitPath: first.unitPath });
    const at = now();
    // A published post keeps its time unless a new one is given; a scheduled one without a time goes out now.
    const keep = stateOf(first, at) === 'published' || first.withdrawnAt ? first.publishAt : null;
    const values = await checked(first.unitCode, input, at, keep);
    await db.transaction(async (tx) => {
      const before = await repo.findPost(tx, id, true);
      if (!before) throw postNotFound();
      const row = await repo.updatePost(tx, id, { ...values, updatedBy: actor.id });
      await enqueueAlert(tx, row);
      const changed = (['kind', 'hazard', 'title', 'bodyMd', 'pinned'] as const).filter((k) => before[k] !== row[k]);
      if (before.publishAt.getTime() !== row.publishAt.getTime()) changed.push('publishAt' as never);
      await recordAudit(
        tx,
        actor,
        {
          action: 'news.update',
          resourceType: 'news_post',
          resourceId: id,
          unitPath: before.unitPath,
          details: { changed, title: row.title, publishAt: iso(row.publishAt), version: row.version },
        },
        meta.requestId,
      );
    });
    return managedItem(id);
  }

  /** Withdraws a post from the public (kept, with who, when and why; audited). Idempotent. */
  async function withdraw(actor: Actor, id: string, reason: string, meta: Meta = {}): Promise<NewsManageItem> {
    const first = await repo.findPost(db, id);
    if (!first) throw postNotFound();
    authorize(actor, 'news.publish', { unitPath: first.unitPath });
    await db.transaction(async (tx) => {
      const p = await repo.findPost(tx, id, true);
      if (!p || p.withdrawnAt) return;
      await repo.updatePost(tx, id, {
        withdrawnAt: now(),
        withdrawnBy: actor.id,
        withdrawReason: reason,
        updatedBy: actor.id,
      });
      await recordAudit(
        tx,
        actor,
        {
          action: 'news.withdraw',
          resourceType: 'news_post',
          resourceId: id,
          unitPath: p.unitPath,
          details: { title: p.title, reason },
        },
        meta.requestId,
      );
    });
    return managedItem(id);
  }

  /** An administrator's posts: of one unit (and its communes), or of every unit they publish for. */
  async function listManaged(actor: Actor, unitCode?: string): Promise<NewsManageList> {
    let scopes: string[];
    if (unitCode) scopes = [(await publishingUnit(actor, unitCode)).path];
    else {
      scopes = scopesFor(actor, 'news.publish');
      if (!scopes.length) throw errors.forbidden();
    }
    const rows = await repo.listManaged(db, scopes);
    return { items: rows.map((r) => toManaged(r, r.notified)) };
  }

  async function getManaged(actor: Actor, id: string): Promise<NewsManageItem> {
    const p = await repo.findPost(db, id);
    if (!p) throw postNotFound();
    authorize(actor, 'news.publish', { unitPath: p.unitPath });
    return managedItem(id);
  }

  /** The body as it will read (the author's preview), with the image sources that would be refused. */
  async function preview(actor: Actor, unitCode: string, body: string): Promise<NewsPreview> {
    const unit = await publishingUnit(actor, unitCode);
    return render(db, unit.code, body);
  }

  /** Refuses (404, 401, 403, 400) before an upload's body is read. */
  async function authorizeUnit(actor: Actor, unitCode: string): Promise<void> {
    await publishingUnit(actor, unitCode);
  }

  /** An image for the unit's posts: sniffed, re-encoded to WebP (480/960 px, no metadata), stored. */
  async function uploadImage(
    actor: Actor,
    unitCode: string,
    file: { bytes: Buffer; filename?: string },
    meta: Meta = {},
  ): Promise<NewsImage> {
    const unit = await publishingUnit(actor, unitCode);
    const processed = await processWebImage(file.bytes, {
      widths: NEWS_IMAGE_WIDTHS,
      maxBytes: NEWS_LIMITS.imageMaxBytes,
    });
    const written: string[] = [];
    try {
      const variants: Record<string, { key: string; width: number; height: number; bytes: number }> = {};
      for (const v of processed.variants) {
        const key = await store.put(v.bytes, v.ext);
        written.push(key);
        variants[v.name] = { key, width: v.width, height: v.height, bytes: v.bytes.length };
      }
      const filename = cleanFilename(file.filename, 'anh');
      const row = await db.transaction(async (tx) => {
        const img = await repo.insertImage(tx, {
          unitCode: unit.code,
          unitPath: unit.path,
          filename,
          width: processed.width,
          height: processed.height,
          bytes: processed.variants.reduce((n, v) => Math.max(n, v.bytes.length), 0),
          variants,
          createdBy: actor.id,
        });
        await recordAudit(
          tx,
          actor,
          {
            action: 'news.image_upload',
            resourceType: 'news_image',
            resourceId: img.id,
            unitPath: unit.path,
            details: { bytes: img.bytes },
          },
          meta.requestId,
        );
        return img;
      });
      const largest = String(Math.max(...NEWS_IMAGE_WIDTHS));
      return {
        id: row.id,
        url: imageUrl(row.id, largest),
        width: row.width,
        height: row.height,
        markdown: `![${filename.replace(/[[\]\\]/g, '')}](image:${row.id})`,
      };
    } catch (e) {
      await Promise.allSettled(written.map((k) => store.remove(k)));
      throw e;
    }
  }

  /**
   * An image of a post. Its id is random (unguessable) and a post's images are public once it is; an image of a
   * post not yet published is reachable only by whoever holds its id (its authors).
   */
  async function openImage(id: string, variant: string) {
    const row = await repo.findImage(db, id);
    const file = row?.variants[variant];
    if (!row || !file) throw imageNotFound();
    return { ...(await store.stream(file.key)), type: 'image/webp' };
  }

  // ---- reading ------------------------------------------------------------------------------------------------

  const mayPublish = (actor: Actor | null, unitPath: string) => can(actor, 'news.publish', { unitPath });

  /**
   * Published posts, pinned first, then newest: of one unit (`unit`: the province's own, or one commune's), or of the
   * province and all its communes; `kind` filters.
   */
  async function list(query: z.output<typeof NewsListQuery>): Promise<NewsList> {
    const offset = decodeOffset(query.cursor);
    const f = query.unit ? { unitCodes: [(await units.requireUnit(query.unit)).code] } : { provinceCode };
    const rows = await repo.listLive(db, { ...f, kind: query.kind, now: now(), offset, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > query.limit ? nextOffsetCursor(offset, query.limit, offset + rows.length) : null,
    };
  }

  /** One post: public once published and until withdrawn; before and after, only its unit's publishers see it. */
  async function get(actor: Actor | null, id: string): Promise<NewsPostView> {
    const p = await repo.findPost(db, id);
    if (!p || (stateOf(p) !== 'published' && !mayPublish(actor, p.unitPath))) throw postNotFound();
    return toView(p);
  }

  /** The commune of a person's own unit (a citizen's assignment at a commune or one of its hamlets), if any. */
  const ownCommuneCode = (actor: Actor) => {
    for (const a of actor.assignments) {
      const parts = a.unitPath?.split('/') ?? [];
      if (parts.length >= 2 && parts[0] === provinceCode) return parts[1];
    }
    return null;
  };

  /**
   * The home page's news: the province's and, for a signed-in person, the communes they follow (or their own
   * commune when they follow none), pinned first, then newest.
   */
  async function home(actor: Actor | null): Promise<NewsHome> {
    const codes = [provinceCode];
    if (actor?.kind === 'user') {
      const follows = await repo.listFollows(db, actor.id);
      for (const f of follows) if (!codes.includes(f.unit.code)) codes.push(f.unit.code);
      const own = ownCommuneCode(actor);
      if (own && follows.length === 0) codes.push(own);
    }
    const unitRows = await Promise.all(codes.map((c) => units.requireUnit(c).catch(() => null)));
    const rows = await repo.listLive(db, { unitCodes: codes, now: now(), offset: 0, limit: NEWS_LIMITS.home });
    return {
      units: unitRows.filter((u) => !!u).map((u) => ({ code: u.code, name: u.fullName, level: u.level })),
      items: rows.map(toSummary),
    };
  }

  // ---- following ----------------------------------------------------------------------------------------------

  async function followableUnit(code: string) {
    const unit = await units.requireUnit(code);
    if (unit.level === 'hamlet')
      throw errors.invalidField('unitCode', {
        vi: 'Chỉ theo dõi được tỉnh hoặc một xã, phường.',
        en: 'Only a province or a commune can be followed.',
      });
    return unit;
  }
  const followOf = (
    unit: { code: string; fullName: string; level: string },
    channel: NewsAlertChannel | null,
  ): NewsFollow => ({
    unit: { code: unit.code, name: unit.fullName, level: unit.level },
    following: channel !== null,
    alertChannel: channel,
  });

  return {
    create,
    update,
    withdraw,
    listManaged,
    getManaged,
    preview,
    authorizeUnit,
    uploadImage,
    openImage,
    list,
    get,
    home,

    /** Follows a province or commune (a repeat only changes how alerts reach the person). */
    async follow(actor: Actor, unitCode: string, alertChannel: NewsAlertChannel): Promise<NewsFollow> {
      const unit = await followableUnit(unitCode);
      await repo.upsertFollow(db, {
        userId: actor.id,
        unitCode: unit.code,
        provinceCode: unit.provinceCode,
        alertChannel,
      });
      return followOf(unit, alertChannel);
    },
    /** Stops following (nothing to stop is no error). */
    async unfollow(actor: Actor, unitCode: string): Promise<NewsFollow> {
      const unit = await followableUnit(unitCode);
      await repo.deleteFollow(db, actor.id, unit.code);
      return followOf(unit, null);
    },
    async followState(actor: Actor, unitCode: string): Promise<NewsFollow> {
      const unit = await followableUnit(unitCode);
      return followOf(unit, (await repo.findFollow(db, actor.id, unit.code))?.alertChannel ?? null);
    },
    async listFollows(actor: Actor): Promise<NewsFollowList> {
      const rows = await repo.listFollows(db, actor.id);
      return { items: rows.map((r) => ({ unit: toUnit(r.unit), following: true, alertChannel: r.alertChannel })) };
    },

    /** A unit's own published posts, newest first (pinned not first: a feed is a timeline), for its Atom feed. */
    async feedOf(unitCode: string) {
      const unit = await followableUnit(unitCode);
      const rows = await repo.listLive(db, { unitCodes: [unit.code], now: now(), offset: 0, limit: NEWS_LIMITS.feed });
      rows.sort((a, b) => b.publishAt.getTime() - a.publishAt.getTime() || (a.id < b.id ? 1 : -1));
      return { unit: { code: unit.code, name: unit.fullName }, posts: rows };
    },
  };
}
export type NewsService = ReturnType<typeof createNewsService>;
