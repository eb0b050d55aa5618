import type { ReactNode } from 'react';

/** Category icons, inline (no icon font). Keys match the seed's `icon` values; anything else gets a speech bubble. */
const PATHS: Record<string, ReactNode> = {
  traffic: (
    <>
      <path d="M7 21 10 3M17 21 14 3" />
      <path d="M12 6v2M12 11v2M12 16v2" />
    </>
  ),
  construction: (
    <>
      <path d="M3 21h18M5 21V10l7-5 7 5v11" />
      <path d="M9 21v-6h6v6" />
    </>
  ),
  environment: (
    <>
      <path d="M4 7h16M9 7V4h6v3M6 7l1 14h10l1-14" />
      <path d="M10 11v6M14 11v6" />
    </>
  ),
  lighting: (
    <>
      <path d="M9 18h6M10 21h4" />
      <path d="M12 3a6 6 0 0 0-4 10.5c.7.7 1 1.5 1 2.5h6c0-1 .3-1.8 1-2.5A6 6 0 0 0 12 3Z" />
    </>
  ),
  water: <path d="M12 3s6 7 6 11a6 6 0 0 1-12 0c0-4 6-11 6-11Z" />,
  security: (
    <>
      <path d="M12 3 4 6v6c0 5 3.5 8 8 9 4.5-1 8-4 8-9V6l-8-3Z" />
      <path d="m9 12 2 2 4-4" />
    </>
  ),
  health: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="3" />
      <path d="M12 8v8M8 12h8" />
    </>
  ),
  education: (
    <>
      <path d="m2 9 10-5 10 5-10 5L2 9Z" />
      <path d="M6 11v5c3 2 9 2 12 0v-5" />
    </>
  ),
  land: (
    <>
      <path d="M3 20 9 8l4 7 3-4 5 9H3Z" />
      <circle cx="17" cy="5" r="2" />
    </>
  ),
  admin: (
    <>
      <rect x="5" y="3" width="14" height="18" rx="2" />
      <path d="M9 8h6M9 12h6M9 16h3" />
    </>
  ),
  emergency: (
    <>
      <path d="M12 3 2 20h20L12 3Z" />
      <path d="M12 10v4M12 17v.5" />
    </>
  ),
  other: <path d="M4 5h16v11H9l-5 4V5Z" />,
};

/** Seed icon names and category codes both lead to a drawing. */
const ALIASES: Record<string, string> = {
  road: 'traffic',
  'giao-thong': 'traffic',
  building: 'construction',
  'do-thi': 'construction',
  'do-thi-trat-tu-xay-dung': 'construction',
  trash: 'environment',
  waste: 'environment',
  'moi-truong': 'environment',
  light: 'lighting',
  bulb: 'lighting',
  'dien-chieu-sang': 'lighting',
  droplet: 'water',
  'cap-thoat-nuoc': 'water',
  shield: 'security',
  'an-ninh-trat-tu': 'security',
  'y-te': 'health',
  medical: 'health',
  school: 'education',
  'giao-duc': 'education',
  'dat-dai': 'land',
  document: 'admin',
  'thu-tuc-hanh-chinh': 'admin',
  alert: 'emergency',
  disaster: 'emergency',
  'thien-tai': 'emergency',
  khac: 'other',
};

/** The drawings an administrator can give a category, and the one an icon name (or a seed alias) shows. */
export const CATEGORY_ICONS = Object.keys(PATHS);
export const categoryIconKey = (icon?: string | null, code?: string) =>
  [icon, code].map((k) => (k && (PATHS[k] ? k : ALIASES[k])) || '').find(Boolean) ?? 'other';

export function CategoryIcon({ icon, code }: { icon?: string | null; code?: string }) {
  const key = categoryIconKey(icon, code);
  return (
    <svg
      width="28"
      height="28"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[key] ?? PATHS.other}
    </svg>
  );
}
