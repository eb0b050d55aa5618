import { z } from 'zod';
import { CATALOG_LINK_KINDS, CATALOG_PILLARS, CATALOG_STORE_HOSTS, CATALOG_LIMITS as L } from './constants/catalog.js';

/**
 * Services catalog (danh mục dịch vụ số): the official apps and online services that community digital technology
 * teams help people with, their official links and step-by-step guides. Shared by the server and the web app;
 * constants and labels are in constants/catalog.ts.
 */

export const CatalogPillar = z.enum(CATALOG_PILLARS);
export const CatalogLinkKind = z.enum(CATALOG_LINK_KINDS);

export const CATALOG_SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const slug = z.string().trim().toLowerCase().regex(CATALOG_SLUG, {
  message:
    'Chỉ chữ thường không dấu, số và dấu gạch ngang (2–63 ký tự). | Lower-case letters, digits and dashes (2–63).',
});
/** Words the web app's addresses use next to a slug (/admin/catalog/new, /catalog/guides/…). */
const RESERVED_SLUGS = ['new', 'guides', 'manage'];
const newSlug = slug.refine((v) => !RESERVED_SLUGS.includes(v), {
  message: 'Địa chỉ này dành riêng cho hệ thống. | This address is reserved.',
});
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    // Absent stays absent (an update leaves the field alone); empty clears it.
    .transform((v) => (v === undefined ? undefined : v || null));
const isoDate = z.iso.date({ message: 'Ngày dạng YYYY-MM-DD. | Use a date as YYYY-MM-DD.' });
const httpsUrl = z
  .string()
  .trim()
  .max(L.url)
  .refine((v) => URL.canParse(v) && new URL(v).protocol === 'https:', {
    message: 'Địa chỉ phải bắt đầu bằng https://. | The address must start with https://.',
  });

export const CatalogSlugParam = z.strictObject({ slug });
export const CatalogIdParam = z.strictObject({ id: z.uuid({ message: 'Mã không hợp lệ. | Invalid id.' }) });

/** `GET /api/catalog/services`: published services, grouped by the client; `q` is diacritic-insensitive. */
export const CatalogListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  pillar: CatalogPillar.optional(),
  province: z
    .string()
    .trim()
    .regex(/^\d{2}$/, { message: 'Mã tỉnh 2 chữ số. | A 2-digit province code.' })
    .optional(),
});

export const CatalogLinkView = z.object({
  id: z.string(),
  kind: CatalogLinkKind,
  url: z.string(),
  /** True only when someone checked the link: when (`checkedOn`) and where (`checkedSource`). */
  verified: z.boolean(),
  checkedOn: z.string().nullable(),
  checkedSource: z.string().nullable(),
});
export type CatalogLinkView = z.infer<typeof CatalogLinkView>;

export const CatalogServiceSummary = z.object({
  id: z.string(),
  slug: z.string(),
  provinceCode: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  publisher: z.string(),
  publisherEn: z.string().nullable(),
  pillar: CatalogPillar,
  purpose: z.string(),
  purposeEn: z.string().nullable(),
  published: z.boolean(),
  sortOrder: z.number().int(),
  guideCount: z.number().int(),
});
export type CatalogServiceSummary = z.infer<typeof CatalogServiceSummary>;
export const CatalogServiceList = z.object({ items: z.array(CatalogServiceSummary) });
export type CatalogServiceList = z.infer<typeof CatalogServiceList>;

export const CatalogGuideSummary = z.object({
  id: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  summary: z.string().nullable(),
  summaryEn: z.string().nullable(),
  reviewedOn: z.string(),
  published: z.boolean(),
  stepCount: z.number().int(),
});
export type CatalogGuideSummary = z.infer<typeof CatalogGuideSummary>;

/** `GET /api/catalog/services/:slug`: the service, its links and guides (unpublished ones only for its editors). */
export const CatalogServiceDetail = CatalogServiceSummary.extend({
  links: z.array(CatalogLinkView),
  guides: z.array(CatalogGuideSummary),
  /** The caller may edit it (a province administrator of its province). */
  canEdit: z.boolean(),
});
export type CatalogServiceDetail = z.infer<typeof CatalogServiceDetail>;

export const CatalogStepView = z.object({
  id: z.string(),
  position: z.number().int(),
  text: z.string(),
  textEn: z.string().nullable(),
  /** `/api/catalog/steps/:id/image` when the step has an image. */
  imageUrl: z.string().nullable(),
  imageWidth: z.number().int().nullable(),
  imageHeight: z.number().int().nullable(),
});
export type CatalogStepView = z.infer<typeof CatalogStepView>;

/** `GET /api/catalog/guides/:id`. */
export const CatalogGuideDetail = CatalogGuideSummary.extend({
  service: z.object({ slug: z.string(), name: z.string(), nameEn: z.string().nullable(), published: z.boolean() }),
  steps: z.array(CatalogStepView),
  canEdit: z.boolean(),
});
export type CatalogGuideDetail = z.infer<typeof CatalogGuideDetail>;

export const CatalogServiceCreate = z.strictObject({
  slug: newSlug,
  /** The province whose catalog it joins; by default the administrator's province. */
  provinceCode: z
    .string()
    .trim()
    .regex(/^\d{2}$/, { message: 'Mã tỉnh 2 chữ số. | A 2-digit province code.' })
    .optional(),
  name: text(L.name),
  nameEn: optionalText(L.name),
  publisher: text(L.publisher),
  publisherEn: optionalText(L.publisher),
  pillar: CatalogPillar,
  purpose: text(L.purpose),
  purposeEn: optionalText(L.purpose),
  published: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});
export type CatalogServiceCreate = z.input<typeof CatalogServiceCreate>;

export const CatalogServiceUpdate = CatalogServiceCreate.omit({ slug: true, provinceCode: true })
  .partial()
  .extend({ published: z.boolean().optional(), sortOrder: z.number().int().min(0).max(10_000).optional() });
export type CatalogServiceUpdate = z.input<typeof CatalogServiceUpdate>;

export const CatalogLinkInput = z
  .strictObject({
    kind: CatalogLinkKind,
    url: httpsUrl,
    /** Both or neither: a link is verified only with when and where it was checked. */
    checkedOn: isoDate.nullish(),
    checkedSource: optionalText(L.source),
  })
  .superRefine((link, ctx) => {
    const host = CATALOG_STORE_HOSTS[link.kind];
    if (host && URL.canParse(link.url) && new URL(link.url).hostname !== host)
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: `Liên kết cửa hàng phải ở ${host}. | A store link must be on ${host}.`,
      });
    if (!!link.checkedOn !== !!link.checkedSource)
      ctx.addIssue({
        code: 'custom',
        path: [link.checkedOn ? 'checkedSource' : 'checkedOn'],
        message:
          'Ghi cả ngày kiểm tra và nơi kiểm tra (hoặc để trống cả hai). | Give both when and where it was checked (or neither).',
      });
  });

/** `PUT /api/catalog/services/:slug/links`: the whole list, in order. */
export const CatalogLinksInput = z.strictObject({ links: z.array(CatalogLinkInput).max(L.links) });
export type CatalogLinksInput = z.input<typeof CatalogLinksInput>;

export const CatalogStepInput = z.strictObject({
  /** An existing step keeps its id (and its image); a step without id is new. */
  id: z.uuid({ message: 'Mã không hợp lệ. | Invalid id.' }).optional(),
  text: text(L.stepText),
  textEn: optionalText(L.stepText),
});

export const CatalogGuideCreate = z.strictObject({
  title: text(L.guideTitle),
  titleEn: optionalText(L.guideTitle),
  summary: optionalText(L.guideSummary),
  summaryEn: optionalText(L.guideSummary),
  reviewedOn: isoDate,
  published: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
  steps: z
    .array(CatalogStepInput.omit({ id: true }))
    .min(1)
    .max(L.steps),
});
export type CatalogGuideCreate = z.input<typeof CatalogGuideCreate>;

/** `PATCH /api/catalog/guides/:id`: `steps`, when given, is the whole ordered list (steps left out are removed). */
export const CatalogGuideUpdate = z.strictObject({
  title: text(L.guideTitle).optional(),
  titleEn: optionalText(L.guideTitle),
  summary: optionalText(L.guideSummary),
  summaryEn: optionalText(L.guideSummary),
  reviewedOn: isoDate.optional(),
  published: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  steps: z.array(CatalogStepInput).min(1).max(L.steps).optional(),
});
export type CatalogGuideUpdate = z.input<typeof CatalogGuideUpdate>;
