/**
 * Services catalog (danh mục dịch vụ số): constants and labels the web app reads without zod
 * (the schemas are in common/catalog.ts).
 */

/** The three pillars of digital transformation the teams work in (seed 001). */
export const CATALOG_PILLARS = ['government', 'economy', 'society'] as const;
export type CatalogPillar = (typeof CATALOG_PILLARS)[number];
export const CATALOG_PILLAR_LABELS: Record<CatalogPillar, { vi: string; en: string }> = {
  government: { vi: 'Chính quyền số', en: 'Digital government' },
  economy: { vi: 'Kinh tế số', en: 'Digital economy' },
  society: { vi: 'Xã hội số', en: 'Digital society' },
};

/** Where a service is reached: the official store listings and its website. */
export const CATALOG_LINK_KINDS = ['google_play', 'app_store', 'website'] as const;
export type CatalogLinkKind = (typeof CATALOG_LINK_KINDS)[number];
export const CATALOG_LINK_LABELS: Record<CatalogLinkKind, { vi: string; en: string }> = {
  google_play: { vi: 'Google Play (Android)', en: 'Google Play (Android)' },
  app_store: { vi: 'App Store (iPhone)', en: 'App Store (iPhone)' },
  website: { vi: 'Trang web', en: 'Website' },
};
/** The hosts a store link must be on: a look-alike app is one reason this catalog exists. */
export const CATALOG_STORE_HOSTS: Partial<Record<CatalogLinkKind, string>> = {
  google_play: 'play.google.com',
  app_store: 'apps.apple.com',
};

export const CATALOG_LIMITS = {
  name: 120,
  publisher: 160,
  purpose: 2000,
  url: 500,
  source: 500,
  links: 10,
  guideTitle: 200,
  guideSummary: 1000,
  steps: 30,
  stepText: 1000,
} as const;
