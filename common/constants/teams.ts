/**
 * Community digital technology teams (tổ công nghệ số cộng đồng): the constants and labels the server and the web
 * app share. No zod here, so citizen and team pages import them without the validation library.
 */

/** Where a member comes from (the seeds: youth union, women's union, farmers' union, police, hamlet heads…). */
export const TEAM_MEMBER_ORGANISATIONS = [
  'doan_thanh_nien',
  'hoi_phu_nu',
  'hoi_nong_dan',
  'cong_an',
  'truong_thon',
  'tinh_nguyen_vien',
  'khac',
] as const;
export type TeamMemberOrganisation = (typeof TEAM_MEMBER_ORGANISATIONS)[number];

export const TEAM_MEMBER_ORGANISATION_LABELS: Record<TeamMemberOrganisation, { vi: string; en: string }> = {
  doan_thanh_nien: { vi: 'Đoàn Thanh niên', en: 'Youth Union' },
  hoi_phu_nu: { vi: 'Hội Liên hiệp Phụ nữ', en: "Women's Union" },
  hoi_nong_dan: { vi: 'Hội Nông dân', en: "Farmers' Union" },
  cong_an: { vi: 'Công an', en: 'Police' },
  truong_thon: { vi: 'Trưởng thôn / tổ trưởng tổ dân phố', en: 'Hamlet head / residential group head' },
  tinh_nguyen_vien: { vi: 'Tình nguyện viên / sinh viên', en: 'Volunteer / student' },
  khac: { vi: 'Khác', en: 'Other' },
};

export const TEAM_MEMBER_ROLES = ['leader', 'deputy', 'member'] as const;
export type TeamMemberRole = (typeof TEAM_MEMBER_ROLES)[number];

export const TEAM_MEMBER_ROLE_LABELS: Record<TeamMemberRole, { vi: string; en: string }> = {
  leader: { vi: 'Tổ trưởng', en: 'Team leader' },
  deputy: { vi: 'Tổ phó', en: 'Deputy leader' },
  member: { vi: 'Thành viên', en: 'Member' },
};

/**
 * The usual size of a team ("2–5 members" in the guidance): outside it a team gets a warning, never a refusal.
 * The server's TEAM_SIZE_MIN / TEAM_SIZE_MAX settings override these defaults.
 */
export const TEAM_SIZE_DEFAULT = { min: 2, max: 5 } as const;

/** Page size of team lists. */
export const TEAM_PAGE_MAX = 200;

/** The columns of the teams and members spreadsheet (one row per member; a team without members: a row of its own). */
export const TEAM_IMPORT_COLUMNS = [
  {
    field: 'hamlet',
    header: 'Thôn, tổ dân phố',
    aliases: ['thon', 'to dan pho', 'thon, xom', 'hamlet'],
    required: true,
  },
  { field: 'teamName', header: 'Tên tổ', aliases: ['ten to cong nghe so', 'team'] },
  { field: 'decisionNumber', header: 'Số quyết định', aliases: ['so qd', 'quyet dinh', 'decision'] },
  { field: 'decisionDate', header: 'Ngày quyết định', aliases: ['ngay qd', 'decision date'] },
  { field: 'fullName', header: 'Họ và tên', aliases: ['ho ten', 'ten thanh vien', 'name'] },
  { field: 'phone', header: 'Số điện thoại', aliases: ['dien thoai', 'sdt', 'phone'] },
  { field: 'organisation', header: 'Tổ chức', aliases: ['don vi', 'organisation', 'organization'] },
  { field: 'role', header: 'Vai trò', aliases: ['chuc vu', 'role'] },
  { field: 'joinedOn', header: 'Ngày vào tổ', aliases: ['ngay tham gia', 'joined'] },
] as const;
export type TeamImportField = (typeof TEAM_IMPORT_COLUMNS)[number]['field'];
export const TEAM_IMPORT_MAX_ROWS = 10_000;
export const TEAM_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
