import type { z } from 'zod';
import {
  COURSE_MEDIA,
  type CourseContent,
  CourseContent as CourseContentSchema,
  type CourseCreate,
  type CourseDraft,
  type CourseDraftSave,
  type CourseList,
  type CourseListQuery,
  type CourseManageDetail,
  type CourseManageList,
  type CourseManageSummary,
  type CourseMedia,
  type CourseMediaVariant,
  type CourseReader,
  type CourseServiceTag,
  type LessonReader,
  type PublicQuiz,
} from '../../../common/courses.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { AppError, errors, type FieldMessages } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/store.js';
import { scopedIdempotencyKey } from '../../platform/idempotency/index.js';
import { authorize, can, scopesFor } from '../../platform/permissions.js';
import { cachedReference, invalidateReference } from '../../platform/reference-cache.js';
import type { CatalogService } from '../catalog/service.js';
import type { UnitsService } from '../units/service.js';
import { cleanFilename, processCourseMedia } from './media.js';
import { mediaIdOf, type RenderImage, renderLesson } from './render.js';
import * as repo from './repo.js';

interface Meta {
  requestId?: string;
  idempotencyKey?: string;
}

const courseNotFound = () => errors.notFound({ vi: 'khóa học', en: 'Course' });
const lessonNotFound = () => errors.notFound({ vi: 'bài học', en: 'Lesson' });
const mediaNotFound = () => errors.notFound({ vi: 'tệp', en: 'File' });
const iso = (d: Date) => d.toISOString();

/** A course is authored by its owner unit's administrators (province admins for a commune's too). */
const mayManage = (actor: Actor | null, unitPath: string) => can(actor, 'course.manage', { unitPath });
export const authorizeManage = (actor: Actor | null, unitPath: string) =>
  authorize(actor, 'course.manage', { unitPath });

const HEADS = 'course-heads';
/** Published snapshots never change: kept per database handle by "id:version", the oldest dropped past 500. */
const contents = new WeakMap<object, Map<string, CourseContent>>();
const CONTENT_CACHE_SIZE = 500;

/** Field-named refusals of a draft (400, `invalid_input`). */
class Problems {
  fields: FieldMessages = {};
  add(field: string, vi: string, en: string) {
    this.fields[field] ??= { vi, en };
  }
  throwIfAny(code = 'invalid_input', text = { vi: 'Dữ liệu không hợp lệ.', en: 'Invalid input.' }) {
    if (Object.keys(this.fields).length) throw new AppError(400, code, text, this.fields);
  }
}

export interface CoursesDeps {
  db: Db;
  store: FileStore;
  units: Pick<UnitsService, 'requireUnit'>;
  catalog: Pick<CatalogService, 'publishedByIds' | 'findPublished'>;
}

/** Courses of Bình dân học vụ số: authoring (drafts, media, publication) and the published snapshots learners read. */
export function createCoursesService({ db, store, units, catalog }: CoursesDeps) {
  async function requireCourse(id: string, exec: Parameters<typeof repo.findCourse>[0] = db, forUpdate = false) {
    const row = await repo.findCourse(exec, id, forUpdate);
    if (!row) throw courseNotFound();
    return row;
  }

  const toMedia = (m: repo.MediaRecord): CourseMedia => {
    const variant = m.kind === 'pdf' ? 'pdf' : String(Math.max(...COURSE_MEDIA.imageWidths));
    const url = `/api/courses/media/${m.id}/${variant}`;
    return {
      id: m.id,
      kind: m.kind,
      filename: m.filename,
      bytes: m.bytes,
      width: m.width,
      height: m.height,
      url,
      markdown: m.kind === 'image' ? `![${m.filename.replace(/[[\]\\]/g, '')}](media:${m.id})` : url,
      createdAt: iso(m.createdAt),
    };
  };

  const toSummary = (c: repo.CourseRow): CourseManageSummary => ({
    id: c.id,
    unit: c.unit,
    status: c.status,
    title: c.draft.title,
    lessonCount: c.draft.lessons.length,
    draftRevision: c.draftRevision,
    publishedVersion: c.publishedVersion,
    unpublishedChanges: c.publishedRevision !== c.draftRevision,
    updatedAt: iso(c.updatedAt),
  });

  async function detail(id: string): Promise<CourseManageDetail> {
    const c = await requireCourse(id);
    const media = await repo.listMedia(db, id);
    return {
      ...toSummary(c),
      draft: c.draft,
      publishedAt: c.publishedAt ? iso(c.publishedAt) : null,
      media: media.map(toMedia),
    };
  }

  /** The owner unit of a new course: a province or a commune the caller administers. */
  async function create(
    actor: Actor,
    input: z.output<typeof CourseCreate>,
    meta: Meta = {},
  ): Promise<CourseManageDetail> {
    const unit = await units.requireUnit(input.unit);
    if (unit.level === 'hamlet')
      throw errors.invalidField('unit', {
        vi: 'Khóa học thuộc một tỉnh hoặc một xã, phường.',
        en: 'A course belongs to a province or a commune.',
      });
    authorizeManage(actor, unit.path);
    const key = meta.idempotencyKey ? scopedIdempotencyKey(actor, meta.idempotencyKey) : null;
    const draft: CourseDraft = {
      title: input.title,
      description: input.description ?? '',
      audiences: [],
      estimatedMinutes: 0,
      serviceIds: [],
      lessons: [],
      quiz: null,
    };
    const id = await db.transaction(async (tx) => {
      const row = await repo.insertCourse(tx, {
        ownerUnitCode: unit.code,
        ownerUnitPath: unit.path,
        draft,
        idempotencyKey: key,
        createdBy: actor.id,
        updatedBy: actor.id,
      });
      if (!row) {
        // The key was used before: the same request again answers with the course it made.
        const first = key ? await repo.findByIdempotencyKey(tx, key) : null;
        if (!first) throw errors.conflict('idempotency_conflict', { vi: 'Yêu cầu trùng.', en: 'Duplicate request.' });
        return first.id;
      }
      await recordAudit(
        tx,
        actor,
        {
          action: 'course.create',
          resourceType: 'course',
          resourceId: row.id,
          unitPath: unit.path,
          details: { title: input.title },
        },
        meta.requestId,
      );
      return row.id;
    });
    return detail(id);
  }

  /** An author's courses (drafts included): of one unit and those below it, or every unit they administer. */
  async function listManaged(actor: Actor, unitCode?: string): Promise<CourseManageList> {
    let scopes: string[];
    if (unitCode) {
      const unit = await units.requireUnit(unitCode);
      authorizeManage(actor, unit.path);
      scopes = [unit.path];
    } else {
      scopes = scopesFor(actor, 'course.manage');
      if (!scopes.length) throw errors.forbidden();
    }
    const rows = await repo.listCourses(db, scopes);
    return { items: rows.map(toSummary) };
  }

  async function getManaged(actor: Actor, id: string): Promise<CourseManageDetail> {
    const c = await requireCourse(id);
    authorizeManage(actor, c.unit.path);
    return detail(id);
  }

  /** Checks what zod cannot: ids unique, right answers among the options, services and attachments that exist. */
  async function checkDraft(courseId: string, draft: CourseDraft, p: Problems) {
    const lessonIds = new Set<string>();
    const pdfs = new Set((await repo.listMedia(db, courseId)).filter((m) => m.kind === 'pdf').map((m) => m.id));
    for (const [i, l] of draft.lessons.entries()) {
      if (lessonIds.has(l.id)) p.add(`draft.lessons.${i}.id`, 'Mã bài học bị lặp.', 'This lesson id is used twice.');
      lessonIds.add(l.id);
      for (const [j, a] of l.attachments.entries())
        if (!pdfs.has(a.mediaId))
          p.add(
            `draft.lessons.${i}.attachments.${j}.mediaId`,
            'Tệp đính kèm phải là một tệp PDF đã tải lên khóa học này.',
            'An attachment must be a PDF uploaded to this course.',
          );
    }
    if (draft.quiz) {
      const questionIds = new Set<string>();
      for (const [i, q] of draft.quiz.questions.entries()) {
        const at = `draft.quiz.questions.${i}`;
        if (questionIds.has(q.id)) p.add(`${at}.id`, 'Mã câu hỏi bị lặp.', 'This question id is used twice.');
        questionIds.add(q.id);
        const options = new Set(q.options.map((o) => o.id));
        if (options.size !== q.options.length)
          p.add(`${at}.options`, 'Mã phương án bị lặp.', 'An option id is used twice.');
        if (
          q.correctOptionIds.some((o) => !options.has(o)) ||
          new Set(q.correctOptionIds).size !== q.correctOptionIds.length
        )
          p.add(
            `${at}.correctOptionIds`,
            'Đáp án đúng phải là các phương án của câu hỏi (không lặp).',
            'Right answers must be options of the question (each once).',
          );
        if (q.kind === 'single' && q.correctOptionIds.length > 1)
          p.add(
            `${at}.correctOptionIds`,
            'Câu hỏi một lựa chọn chỉ có một đáp án đúng.',
            'A single-choice question has one right answer.',
          );
      }
    }
    if (draft.serviceIds.length) {
      const found = new Set((await catalog.publishedByIds(draft.serviceIds)).map((s) => s.id));
      for (const [i, s] of draft.serviceIds.entries())
        if (!found.has(s))
          p.add(`draft.serviceIds.${i}`, 'Không có dịch vụ này trong danh mục.', 'No such service in the catalog.');
    }
  }

  /** Saves the whole draft; based on an older revision than the stored one → 409 `stale_draft`. */
  async function saveDraft(
    actor: Actor,
    id: string,
    input: z.output<typeof CourseDraftSave>,
  ): Promise<CourseManageDetail> {
    const c = await requireCourse(id);
    authorizeManage(actor, c.unit.path);
    const p = new Problems();
    await checkDraft(id, input.draft, p);
    p.throwIfAny();
    const saved = await repo.saveDraft(db, id, input.draftRevision, input.draft, actor.id);
    if (!saved) {
      const now = await requireCourse(id);
      const text = {
        vi: `Bản nháp đã được lưu bởi người khác (bản ${now.draftRevision}); hãy tải lại trước khi lưu.`,
        en: `Someone else saved this draft (revision ${now.draftRevision}); reload it before saving.`,
      };
      throw errors.conflict('stale_draft', text, { draftRevision: text });
    }
    return detail(id);
  }

  /** Renders the draft to the snapshot learners read; refuses (400, fields named) what cannot be published. */
  async function render(courseId: string, draft: CourseDraft): Promise<CourseContent> {
    const p = new Problems();
    await checkDraft(courseId, draft, p);
    if (!draft.lessons.length)
      p.add('draft.lessons', 'Khóa học cần ít nhất một bài học.', 'A course needs at least one lesson.');
    if (draft.quiz && !draft.quiz.questions.length)
      p.add('draft.quiz.questions', 'Bài kiểm tra cần ít nhất một câu hỏi.', 'A quiz needs at least one question.');
    for (const [i, q] of (draft.quiz?.questions ?? []).entries())
      if (!q.correctOptionIds.length)
        p.add(`draft.quiz.questions.${i}.correctOptionIds`, 'Hãy chọn đáp án đúng.', 'Choose the right answer.');
    const media = await repo.listMedia(db, courseId);
    const images = new Map<string, RenderImage>();
    const pdfBytes = new Map<string, number>();
    for (const m of media) {
      if (m.kind === 'pdf') pdfBytes.set(m.id, m.bytes);
      else
        images.set(m.id, {
          width: m.width ?? 0,
          height: m.height ?? 0,
          variants: Object.fromEntries(Object.entries(m.variants).map(([v, f]) => [v, f.width ?? 0])),
        });
    }
    const lessons = draft.lessons.map((l, i) => {
      const { html, problems } = renderLesson(l.markdown, images);
      if (problems.length)
        p.add(
          `draft.lessons.${i}.markdown`,
          `Ảnh phải được tải lên khóa học này: ${problems.slice(0, 3).join(', ')}`,
          `Images must be uploaded to this course: ${problems.slice(0, 3).join(', ')}`,
        );
      return {
        id: l.id,
        title: l.title,
        html,
        minutes: l.minutes,
        videoLinks: l.videoLinks,
        attachments: l.attachments.map((a) => ({ ...a, bytes: pdfBytes.get(a.mediaId) ?? a.bytes })),
      };
    });
    p.throwIfAny('not_publishable', {
      vi: 'Chưa thể xuất bản khóa học.',
      en: 'The course cannot be published yet.',
    });
    return CourseContentSchema.parse({
      title: draft.title,
      description: draft.description,
      audiences: draft.audiences,
      estimatedMinutes: draft.estimatedMinutes || lessons.reduce((n, l) => n + l.minutes, 0),
      serviceIds: draft.serviceIds,
      lessons,
      quiz: draft.quiz,
    });
  }

  /**
   * Publishes the draft as version n+1 (lesson and question ids kept, so progress survives). Publishing a draft
   * already published is a no-op (an archived one is shown again); concurrent publishes queue on the course's row.
   */
  async function publish(actor: Actor, id: string, meta: Meta = {}): Promise<CourseManageDetail> {
    const first = await requireCourse(id);
    authorizeManage(actor, first.unit.path);
    const unchangedFirst = first.publishedVersion !== null && first.publishedRevision === first.draftRevision;
    // Rendering reads media and the catalog: done before the transaction, then checked against the locked row.
    const content = unchangedFirst ? null : await render(id, first.draft);
    await db.transaction(async (tx) => {
      const c = await requireCourse(id, tx, true);
      const unchanged = c.publishedVersion !== null && c.publishedRevision === c.draftRevision;
      if (unchanged && c.status === 'published') return;
      let version = c.publishedVersion ?? 0;
      if (unchanged) await repo.setStatus(tx, id, 'published', actor.id);
      else {
        if (!content || c.draftRevision !== first.draftRevision) {
          const text = {
            vi: 'Bản nháp vừa được lưu lại trong lúc xuất bản; hãy thử lại.',
            en: 'The draft was saved again while publishing; please try again.',
          };
          throw errors.conflict('stale_draft', text, { draftRevision: text });
        }
        version += 1;
        await repo.insertVersion(tx, { courseId: id, version, content, publishedBy: actor.id });
        await repo.setPublished(tx, id, { version, revision: c.draftRevision, actorId: actor.id });
      }
      await recordAudit(
        tx,
        actor,
        {
          action: 'course.publish',
          resourceType: 'course',
          resourceId: id,
          unitPath: c.unit.path,
          details: { version, revision: c.draftRevision, title: c.draft.title },
        },
        meta.requestId,
      );
    });
    invalidateReference(HEADS);
    return detail(id);
  }

  /** Hides a course from learners (authors still read it); idempotent. Publishing again shows it. */
  async function archive(actor: Actor, id: string, meta: Meta = {}): Promise<CourseManageDetail> {
    const first = await requireCourse(id);
    authorizeManage(actor, first.unit.path);
    await db.transaction(async (tx) => {
      const c = await requireCourse(id, tx, true);
      if (c.status === 'archived') return;
      await repo.setStatus(tx, id, 'archived', actor.id);
      await recordAudit(
        tx,
        actor,
        {
          action: 'course.archive',
          resourceType: 'course',
          resourceId: id,
          unitPath: c.unit.path,
          details: { version: c.publishedVersion, title: c.draft.title },
        },
        meta.requestId,
      );
    });
    invalidateReference(HEADS);
    return detail(id);
  }

  /** An image (re-encoded, resized) or a PDF uploaded to a course. */
  async function uploadMedia(
    actor: Actor,
    id: string,
    file: { bytes: Buffer; filename?: string },
    meta: Meta = {},
  ): Promise<CourseMedia> {
    const c = await requireCourse(id);
    authorizeManage(actor, c.unit.path);
    const processed = await processCourseMedia(file.bytes);
    const written: string[] = [];
    try {
      const variants: Record<string, { key: string; width: number | null; height: number | null; bytes: number }> = {};
      for (const v of processed.variants) {
        const key = await store.put(v.bytes, v.ext);
        written.push(key);
        variants[v.name] = { key, width: v.width, height: v.height, bytes: v.bytes.length };
      }
      const row = await db.transaction(async (tx) => {
        const m = await repo.insertMedia(tx, {
          courseId: id,
          kind: processed.kind,
          filename: cleanFilename(file.filename, processed.kind === 'pdf' ? 'tai-lieu.pdf' : 'anh'),
          bytes: processed.variants.reduce((n, v) => Math.max(n, v.bytes.length), 0),
          width: processed.width,
          height: processed.height,
          variants,
          createdBy: actor.id,
        });
        await recordAudit(
          tx,
          actor,
          {
            action: 'course.media_upload',
            resourceType: 'course',
            resourceId: id,
            unitPath: c.unit.path,
            details: { media: m.id, kind: m.kind, bytes: m.bytes },
          },
          meta.requestId,
        );
        return m;
      });
      return toMedia(row);
    } catch (e) {
      await Promise.allSettled(written.map((k) => store.remove(k)));
      throw e;
    }
  }

  /** A media file: public when its course is published, else only for the course's authors. */
  async function openMedia(actor: Actor | null, id: string, variant: CourseMediaVariant) {
    const row = await repo.findMedia(db, id);
    const isPublic = row?.status === 'published';
    if (!row || !(isPublic || mayManage(actor, row.ownerUnitPath))) throw mediaNotFound();
    const file = row.media.variants[variant];
    if (!file) throw mediaNotFound();
    const opened = await store.stream(file.key);
    return {
      ...opened,
      type: row.media.kind === 'pdf' ? 'application/pdf' : 'image/webp',
      filename: row.media.filename,
      isPublic,
    };
  }

  // ---- reading ------------------------------------------------------------------------------------------------

  const head = (id: string) => cachedReference(HEADS, db, id, () => repo.findHead(db, id));

  /** One published version's snapshot (immutable, so cached for good once read). */
  async function versionContent(courseId: string, version: number): Promise<CourseContent | null> {
    let cache = contents.get(db);
    if (!cache) {
      cache = new Map();
      contents.set(db, cache);
    }
    const key = `${courseId}:${version}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const row = await repo.findVersion(db, courseId, version);
    if (!row) return null;
    cache.set(key, row.content);
    if (cache.size > CONTENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return row.content;
  }

  /**
   * The current published snapshot of a course (for other domains: learning enrols and scores against it), or null
   * when the course is a draft, archived or missing. Cached per process by id and version; publishing invalidates.
   */
  async function publishedContent(courseId: string): Promise<{ version: number; content: CourseContent } | null> {
    const h = await head(courseId);
    if (h?.status !== 'published' || h.publishedVersion === null) return null;
    const content = await versionContent(courseId, h.publishedVersion);
    return content ? { version: h.publishedVersion, content } : null;
  }

  /** What a reader may read: published courses for everyone, an archived one's last version for its authors. */
  async function readable(actor: Actor | null, id: string) {
    const h = await head(id);
    const visible = !!h && (h.status === 'published' || (h.status === 'archived' && mayManage(actor, h.ownerUnitPath)));
    if (!h || !visible || h.publishedVersion === null) throw courseNotFound();
    const row = await repo.findVersion(db, id, h.publishedVersion);
    if (!row) throw courseNotFound();
    return { version: h.publishedVersion, ...row };
  }

  async function serviceTags(ids: string[]): Promise<Map<string, CourseServiceTag>> {
    const rows = await catalog.publishedByIds([...new Set(ids)]);
    return new Map(rows.map((s) => [s.id, { id: s.id, slug: s.slug, name: s.name, nameEn: s.nameEn }]));
  }
  const tagsOf = (ids: string[], tags: Map<string, CourseServiceTag>) =>
    ids.map((s) => tags.get(s)).filter((s): s is CourseServiceTag => !!s);

  /** Published courses, newest first; `service` (a catalog slug or id) and `q` (diacritics ignored) filter. */
  async function listPublished(query: z.output<typeof CourseListQuery>): Promise<CourseList> {
    let serviceId: string | undefined;
    if (query.service) {
      const s = await catalog.findPublished(query.service);
      if (!s) return { items: [] };
      serviceId = s.id;
    }
    const rows = await repo.listPublished(db, { serviceId, q: query.q || undefined });
    const tags = await serviceTags(rows.flatMap((r) => r.serviceIds));
    return {
      items: rows.map((r) => ({
        id: r.id,
        version: r.version,
        publishedAt: iso(r.publishedAt),
        unit: { code: r.unitCode, name: r.unitName },
        title: r.title,
        description: r.description,
        audiences: r.audiences,
        estimatedMinutes: r.estimatedMinutes,
        lessonCount: r.lessonCount,
        hasQuiz: r.hasQuiz,
        services: tagsOf(r.serviceIds, tags),
      })),
    };
  }

  /** A quiz as learners see it before an attempt: the right answers and explanations are left out, field by field. */
  const publicQuiz = (quiz: CourseContent['quiz']): PublicQuiz | null =>
    quiz && {
      passPercent: quiz.passPercent,
      maxAttempts: quiz.maxAttempts,
      questions: quiz.questions.map((q) => ({
        id: q.id,
        kind: q.kind,
        text: q.text,
        options: q.options.map((o) => ({ id: o.id, text: o.text })),
      })),
    };

  /** A published course's outline (lessons without bodies) and its quiz without answers. */
  async function getReader(actor: Actor | null, id: string): Promise<CourseReader> {
    const { version, content, publishedAt, unit } = await readable(actor, id);
    const tags = await serviceTags(content.serviceIds);
    return {
      id,
      version,
      publishedAt: iso(publishedAt),
      unit,
      title: content.title,
      description: content.description,
      audiences: content.audiences,
      estimatedMinutes: content.estimatedMinutes,
      lessonCount: content.lessons.length,
      hasQuiz: !!content.quiz,
      services: tagsOf(content.serviceIds, tags),
      lessons: content.lessons.map((l) => ({ id: l.id, title: l.title, minutes: l.minutes })),
      quiz: publicQuiz(content.quiz),
    };
  }

  async function getLesson(actor: Actor | null, id: string, lessonId: string): Promise<LessonReader> {
    const { version, content } = await readable(actor, id);
    const i = content.lessons.findIndex((l) => l.id === lessonId);
    if (i < 0) throw lessonNotFound();
    return {
      courseId: id,
      version,
      courseTitle: content.title,
      position: i + 1,
      lessonCount: content.lessons.length,
      previousId: content.lessons[i - 1]?.id ?? null,
      nextId: content.lessons[i + 1]?.id ?? null,
      lesson: content.lessons[i],
    };
  }

  /** Refuses (404, 401, 403) before a request body is read: the upload route asks first. */
  async function authorizeCourse(actor: Actor, id: string): Promise<void> {
    const c = await requireCourse(id);
    authorizeManage(actor, c.unit.path);
  }

  return {
    authorizeCourse,
    create,
    listManaged,
    getManaged,
    saveDraft,
    publish,
    archive,
    uploadMedia,
    openMedia,
    publishedContent,
    versionContent,
    listPublished,
    getReader,
    getLesson,
    /** For tests and the seed: which media ids a lesson's Markdown names. */
    mediaIdOf,
  };
}
export type CoursesService = ReturnType<typeof createCoursesService>;
