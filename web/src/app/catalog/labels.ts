import {
  CATALOG_LINK_LABELS,
  CATALOG_PILLAR_LABELS,
  type CatalogLinkKind,
  type CatalogPillar,
} from '@common/constants/catalog';
import { currentLang } from '../../api/client';

export const pillarLabel = (p: string) => CATALOG_PILLAR_LABELS[p as CatalogPillar]?.[currentLang()] ?? p;
export const linkLabel = (k: string) => CATALOG_LINK_LABELS[k as CatalogLinkKind]?.[currentLang()] ?? k;

/** The English text when reading in English and there is one, else the Vietnamese. */
export const inLang = (vi: string, en: string | null | undefined) => (currentLang() === 'en' && en ? en : vi);
