import type { ReactNode } from 'react';

/** Navigation icons of the feedback settings (inline, decorative: the link text names the page). */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      width="24"
      height="24"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const CategoriesIcon = () => (
  <Icon>
    <rect x="3" y="3" width="7" height="7" rx="1.5" />
    <rect x="14" y="3" width="7" height="7" rx="1.5" />
    <rect x="3" y="14" width="7" height="7" rx="1.5" />
    <rect x="14" y="14" width="7" height="7" rx="1.5" />
  </Icon>
);

export const RoutingIcon = () => (
  <Icon>
    <circle cx="5" cy="12" r="2" />
    <path d="M7 12h4l4-6h4M11 12l4 6h4" />
    <path d="m17 4 2 2-2 2M17 16l2 2-2 2" />
  </Icon>
);

export const HolidaysIcon = () => (
  <Icon>
    <rect x="3" y="5" width="18" height="16" rx="2" />
    <path d="M3 10h18M8 3v4M16 3v4" />
    <path d="m10 15 1.5 1.5L15 13" />
  </Icon>
);
