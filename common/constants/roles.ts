/** Roles and their screen names (no zod: the web app imports this file; roles.ts holds the schemas). */

export const ROLES = ['citizen', 'team_member', 'handling_officer', 'commune_admin', 'province_admin'] as const;
type Role = (typeof ROLES)[number];

/** What every role is called on screen. */
export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  citizen: { vi: 'Người dân', en: 'Citizen' },
  team_member: { vi: 'Thành viên tổ công nghệ số cộng đồng', en: 'Community digital technology team member' },
  handling_officer: { vi: 'Cán bộ xử lý', en: 'Handling officer' },
  commune_admin: { vi: 'Quản trị cấp xã', en: 'Commune administrator' },
  province_admin: { vi: 'Quản trị cấp tỉnh', en: 'Province administrator' },
};

/** Staff roles sign in with a password (+ TOTP); citizens may also use a one-time SMS code. */
export const STAFF_ROLES: Role[] = ['team_member', 'handling_officer', 'commune_admin', 'province_admin'];
