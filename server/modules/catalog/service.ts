import type { z } from 'zod';
import type {
  CatalogGuideCreate,
  CatalogGuideDetail,
  CatalogGuideUpdate,
  CatalogLinksInput,
  CatalogListQuery,
  CatalogServiceCreate,
  CatalogServiceDetail,
  CatalogServiceList,
  CatalogServiceUpdate,
} from '../../../common/catalog.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { isUuid } from '../../platform/cursor.js';
import { AppError, errors } from '../../platform/errors.js';
import { processPhoto, removeStored, type StoredPhoto, storePhotos } from '../../platform/files/photos.js';
import { fileStoreFor } from '../../platform/files/store.js';
import { authorize, can, scopesFor } from '../../platform/permissions.js';
import { renderGuidePdf } from './pdf.js';
import * as repo from './repo.js';

interface Meta {
  requestId?: string;
}
type ServiceRow = repo.ServiceRow;

const serviceNotFound = (slug: string) => errors.notFound({ vi: `dịch vụ "${slug}"`, en: `Service "${slug}"` });
const guideNotFound = () => errors.notFound({ vi: 'hướng dẫn', en: 'Guide' });
const stepNotFound = () => errors.notFound({ vi: 'bước hướng dẫn', en: 'Guide step' });

/** A province's catalog is edited by its administrators: the province's path is its code ("19"). */
const mayEdit = (actor: Actor | null, provinceCode: string) => can(actor, 'catalog.manage', { unitPath: provinceCode });
export const authorizeEdit = (actor: Actor | null, provinceCode: string) =>
  authorize(actor, 'catalog.manage', { unitPath: provinceCode });

const toSummary = (s: ServiceRow) => ({
  id: s.id,
  slug: s.slug,
  provinceCode: s.provinceCode,
  name: s.name,
  nameEn: s.nameEn,
  publisher: s.publisher,
  publisherEn: s.publisherEn,
  pillar: s.pillar,
  purpose: s.purpose,
  purposeEn: s.purposeEn,
  published: s.published,
  sortOrder: s.sortOrder,
  guideCount: s.guideCount,
});
const toLink = (l: repo.LinkRecord) => ({
  id: l.id,
  kind: l.kind,
  url: l.url,
  verified: !!(l.checkedOn && l.checkedSource),
  checkedOn: l.checkedOn,
  checkedSource: l.checkedSource,
});
const toGuideSummary = (g: repo.GuideRow) => ({
  id: g.id,
  title: g.title,
  titleEn: g.titleEn,
  summary: g.summary,
  summaryEn: g.summaryEn,
  reviewedOn: g.reviewedOn,
  published: g.published,
  stepCount: g.stepCount,
});
/** Fields of a change that the audit trail records (names of what changed, and the publication flag). */
const changed = (input: object) => ({
  fields: Object.entries(input)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k),
});

/** A photo's refusal (not an image, too big, damaged) names the `image` field. */
async function checkedImage(bytes: Buffer) {
  try {
    return await processPhoto(bytes);
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.status, e.code, e.text, { image: e.text });
    throw e;
  }
}

/** Services catalog: public reads of what is published; a province's administrators edit its catalog. */
export function createCatalogService(ctx: AppContext) {
  const db = ctx.db;
  const store = fileStoreFor(ctx);

  async function requireService(slug: string): Promise<ServiceRow> {
    const row = await repo.findService(db, slug, true);
    if (!row) throw serviceNotFound(slug);
    return row;
  }

  async function requireGuide(id: string) {
    const row = await repo.findGuide(db, id);
    if (!row) throw guideNotFound();
    return row;
  }

  async function requireStep(id: string) {
    const row = await repo.findStep(db, id);
    if (!row) throw stepNotFound();
    return row;
  }

  /** Published services by id (what another domain may tag with). */
  const publishedByIds = (ids: string[]) => repo.findPublishedByIds(db, ids);

  /** A published service by id or slug (another domain's filter or page), or null. */
  async function findPublished(idOrSlug: string): Promise<repo.ServiceRecord | null> {
    const uuid = isUuid(idOrSlug);
    const row = uuid ? await repo.findServiceById(db, idOrSlug) : await repo.findService(db, idOrSlug, false);
    return row?.published ? row : null;
  }

  /** Published services for everyone (optionally of one province, one pillar, or matching `q`). */
  async function listPublished(query: z.output<typeof CatalogListQuery>): Promise<CatalogServiceList> {
    const rows = await repo.listServices(db, {
      publishedOnly: true,
      provinceCodes: query.province ? [query.province] : undefined,
      pillar: query.pillar,
      q: query.q || undefined,
    });
    return { items: rows.map(toSummary) };
  }

  /** Every service, published or not, of the provinces the caller administers (the editor's list). */
  async function listManaged(actor: Actor): Promise<CatalogServiceList> {
    const provinces = scopesFor(actor, 'catalog.manage').filter((p) => !p.includes('/'));
    if (!provinces.length) throw errors.forbidden();
    const rows = await repo.listServices(db, { publishedOnly: false, provinceCodes: provinces });
    return { items: rows.map(toSummary) };
  }

  /** A service with links and guides; unpublished services and guides exist only for their editors. */
  async function getService(actor: Actor | null, slug: string): Promise<CatalogServiceDetail> {
    const s = await repo.findService(db, slug, true);
    const canEdit = !!s && mayEdit(actor, s.provinceCode);
    if (!s || (!s.published && !canEdit)) throw serviceNotFound(slug);
    const [links, guides] = await Promise.all([repo.listLinks(db, s.id), repo.listGuides(db, s.id, canEdit)]);
    return {
      ...toSummary(s),
      guideCount: guides.length,
      links: links.map(toLink),
      guides: guides.map(toGuideSummary),
      canEdit,
    };
  }

  /** A guide is public when it and its service are published. */
  async function readableGuide(actor: Actor | null, id: string) {
    const row = await repo.findGuide(db, id);
    const canEdit = !!row && mayEdit(actor, row.service.provinceCode);
    if (!row || (!(row.guide.published && row.service.published) && !canEdit)) throw guideNotFound();
    return { ...row, canEdit };
  }

  async function getGuide(actor: Actor | null, id: string): Promise<CatalogGuideDetail> {
    const { guide, service, canEdit } = await readableGuide(actor, id);
    const steps = await repo.listSteps(db, guide.id);
    return {
      ...toGuideSummary(guide),
      service: { slug: service.slug, name: service.name, nameEn: service.nameEn, published: service.published },
      steps: steps.map((s) => ({
        id: s.id,
        position: s.position,
        text: s.text,
        textEn: s.textEn,
        imageUrl: s.imageKey ? `/api/catalog/steps/${s.id}/image` : null,
        imageWidth: s.imageWidth,
        imageHeight: s.imageHeight,
      })),
      canEdit,
    };
  }

  /** The guide as a one-page A4 PDF, with a QR code to its web page. */
  async function guidePdf(actor: Actor | null, id: string): Promise<{ pdf: Buffer; title: string }> {
    const { guide, service } = await readableGuide(actor, id);
    const steps = await repo.listSteps(db, guide.id);
    const { pdf } = await renderGuidePdf({
      title: guide.title,
      serviceName: service.name,
      publisher: service.publisher,
      reviewedOn: guide.reviewedOn,
      steps: steps.map((s) => s.text),
      url: `${ctx.config.PUBLIC_URL}/catalog/guides/${guide.id}`,
    });
    return { pdf, title: guide.title };
  }

  /** The province a new service joins: the one given, or the administrator's only province. */
  function provinceForCreate(actor: Actor, provinceCode: string | undefined): string {
    if (provinceCode) return provinceCode;
    const provinces = scopesFor(actor, 'catalog.manage').filter((p) => !p.includes('/'));
    if (provinces.length === 0) throw errors.forbidden();
    if (provinces.length > 1)
      throw errors.invalidField('provinceCode', { vi: 'Hãy chọn tỉnh.', en: 'Choose the province.' });
    return provinces[0];
  }

  async function createService(
    actor: Actor,
    provinceCode: string,
    input: z.output<typeof CatalogServiceCreate>,
    meta: Meta = {},
  ): Promise<CatalogServiceDetail> {
    await db.transaction(async (tx) => {
      if (await repo.slugTaken(tx, input.slug))
        throw errors.conflict(
          'duplicate_slug',
          { vi: 'Địa chỉ (slug) đã được dùng.', en: 'This slug is already used.' },
          { slug: { vi: `"${input.slug}" đã có.`, en: `"${input.slug}" already exists.` } },
        );
      const { provinceCode: _, ...values } = input;
      const row = await repo.insertService(tx, { ...values, provinceCode });
      await recordAudit(
        tx,
        actor,
        {
          action: 'catalog.service_create',
          resourceType: 'catalog_service',
          resourceId: row.id,
          unitPath: provinceCode,
          details: { slug: row.slug, published: row.published },
        },
        meta.requestId,
      );
    });
    return getService(actor, input.slug);
  }

  async function updateService(
    actor: Actor,
    s: ServiceRow,
    input: z.output<typeof CatalogServiceUpdate>,
    meta: Meta = {},
  ): Promise<CatalogServiceDetail> {
    await db.transaction(async (tx) => {
      await repo.updateService(tx, s.id, input);
      await recordAudit(
        tx,
        actor,
        {
          action: 'catalog.service_update',
          resourceType: 'catalog_service',
          resourceId: s.id,
          unitPath: s.provinceCode,
          details: { slug: s.slug, ...changed(input), published: input.published },
        },
        meta.requestId,
      );
    });
    return getService(actor, s.slug);
  }

  async function setLinks(
    actor: Actor,
    s: ServiceRow,
    input: z.output<typeof CatalogLinksInput>,
    meta: Meta = {},
  ): Promise<CatalogServiceDetail> {
    await db.transaction(async (tx) => {
      await repo.replaceLinks(
        tx,
        s.id,
        input.links.map((l) => ({
          kind: l.kind,
          url: l.url,
          checkedOn: l.checkedOn ?? null,
          checkedSource: l.checkedSource ?? null,
        })),
      );
      await recordAudit(
        tx,
        actor,
        {
          action: 'catalog.links_set',
          resourceType: 'catalog_service',
          resourceId: s.id,
          unitPath: s.provinceCode,
          details: {
            slug: s.slug,
            links: input.links.map((l) => ({ kind: l.kind, url: l.url, verified: !!l.checkedOn })),
          },
        },
        meta.requestId,
      );
    });
    return getService(actor, s.slug);
  }

  async function createGuide(
    actor: Actor,
    s: ServiceRow,
    input: z.output<typeof CatalogGuideCreate>,
    meta: Meta = {},
  ): Promise<CatalogGuideDetail> {
    const id = await db.transaction(async (tx) => {
      const { steps, ...values } = input;
      const guide = await repo.insertGuide(tx, { ...values, serviceId: s.id });
      await repo.insertSteps(
        tx,
        guide.id,
        steps.map((step, position) => ({ position, text: step.text, textEn: step.textEn ?? null })),
      );
      await recordAudit(
        tx,
        actor,
        {
          action: 'catalog.guide_create',
          resourceType: 'catalog_guide',
          resourceId: guide.id,
          unitPath: s.provinceCode,
          details: { service: s.slug, steps: steps.length, published: guide.published },
        },
        meta.requestId,
      );
      return guide.id;
    });
    return getGuide(actor, id);
  }

  async function updateGuide(
    actor: Actor,
    row: Awaited<ReturnType<typeof requireGuide>>,
    input: z.output<typeof CatalogGuideUpdate>,
    meta: Meta = {},
  ): Promise<CatalogGuideDetail> {
    const { steps, ...values } = input;
    const removed = await db.transaction(async (tx) => {
      let gone: repo.StepRecord[] = [];
      if (steps) {
        const existing = new Set((await repo.listSteps(tx, row.guide.id)).map((s) => s.id));
        const seen = new Set<string>();
        for (const [i, s] of steps.entries())
          if (s.id && (!existing.has(s.id) || seen.has(s.id)))
            throw errors.invalidField(`steps.${i}.id`, {
              vi: 'Bước này không thuộc hướng dẫn (hoặc bị lặp).',
              en: 'This step is not one of the guide’s (or is repeated).',
            });
          else if (s.id) seen.add(s.id);
        gone = await repo.replaceSteps(tx, row.guide.id, steps);
      }
      await repo.updateGuide(tx, row.guide.id, values);
      await recordAudit(
        tx,
        actor,
        {
          action: 'catalog.guide_update',
          resourceType: 'catalog_guide',
          resourceId: row.guide.id,
          unitPath: row.service.provinceCode,
          details: { service: row.service.slug, ...changed(input), published: input.published },
        },
        meta.requestId,
      );
      return gone;
    });
    // Files of removed steps go once their rows are gone for good.
    await removeStored(store, removed.flatMap(storedOf));
    return getGuide(actor, row.guide.id);
  }

  const storedOf = (s: repo.StepRecord): StoredPhoto[] =>
    s.imageKey && s.thumbKey
      ? [
          {
            storageKey: s.imageKey,
            thumbKey: s.thumbKey,
            width: s.imageWidth ?? 0,
            height: s.imageHeight ?? 0,
            bytes: 0,
          },
        ]
      : [];

  /** Sets (or with `bytes` null, removes) a step's image: checked and re-encoded like a report's photo. */
  async function setStepImage(
    actor: Actor,
    row: Awaited<ReturnType<typeof requireStep>>,
    bytes: Buffer | null,
    meta: Meta = {},
  ): Promise<CatalogGuideDetail> {
    const stored = bytes ? await storePhotos(store, [await checkedImage(bytes)]) : [];
    try {
      await db.transaction(async (tx) => {
        const [p] = stored;
        await repo.setStepImage(
          tx,
          row.step.id,
          p ? { imageKey: p.storageKey, thumbKey: p.thumbKey, imageWidth: p.width, imageHeight: p.height } : null,
        );
        await recordAudit(
          tx,
          actor,
          {
            action: bytes ? 'catalog.step_image_set' : 'catalog.step_image_remove',
            resourceType: 'catalog_step',
            resourceId: row.step.id,
            unitPath: row.service.provinceCode,
            details: { guide: row.step.guideId },
          },
          meta.requestId,
        );
      });
    } catch (e) {
      await removeStored(store, stored);
      throw e;
    }
    await removeStored(store, storedOf(row.step));
    return getGuide(actor, row.step.guideId);
  }

  /** A step's image, to whoever may read its guide. */
  async function openStepImage(actor: Actor | null, id: string) {
    const row = await repo.findStep(db, id);
    const visible =
      !!row && ((row.guidePublished && row.service.published) || mayEdit(actor, row.service.provinceCode));
    if (!row || !visible || !row.step.imageKey) throw errors.notFound({ vi: 'ảnh', en: 'Image' });
    return { ...(await store.stream(row.step.imageKey)), isPublic: row.guidePublished && row.service.published };
  }

  return {
    requireService,
    publishedByIds,
    findPublished,
    requireGuide,
    requireStep,
    listPublished,
    listManaged,
    getService,
    getGuide,
    guidePdf,
    provinceForCreate,
    createService,
    updateService,
    setLinks,
    createGuide,
    updateGuide,
    setStepImage,
    openStepImage,
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
