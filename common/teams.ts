import { z } from 'zod';
import { FullName, VnPhone } from './accounts.js';
import { TEAM_MEMBER_ORGANISATIONS, TEAM_MEMBER_ROLES } from './constants/teams.js';

/**
 * Community digital technology teams: request and response schemas shared by the server and the web app. The
 * labels and limits are in constants/teams.ts (no zod).
 */

export const TeamMemberOrganisation = z.enum(TEAM_MEMBER_ORGANISATIONS);
export const TeamMemberRole = z.enum(TEAM_MEMBER_ROLES);

const isoDay = z.iso.date({ message: 'Ngày dạng YYYY-MM-DD. | Use YYYY-MM-DD.' });
const teamName = z.string().trim().min(1).max(150);
const decisionNumber = z.string().trim().min(1).max(60);
const unitCode = z.string().trim().min(1).max(40);

/** `POST /api/teams`: a team founded in a hamlet. */
export const TeamCreate = z.strictObject({
  hamletCode: unitCode,
  name: teamName,
  decisionNumber: decisionNumber.nullable().optional(),
  decisionDate: isoDay.nullable().optional(),
});
export type TeamCreate = z.input<typeof TeamCreate>;

/** `PATCH /api/teams/:id`: any of the fields; null clears an optional one. */
export const TeamUpdate = z
  .strictObject({
    name: teamName.optional(),
    decisionNumber: decisionNumber.nullable().optional(),
    decisionDate: isoDay.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, {
    message: 'Cần ít nhất một trường để sửa. | At least one field to change.',
  });
export type TeamUpdate = z.input<typeof TeamUpdate>;

/** `POST /api/teams/:id/dissolve`: the members leave on that day (today by default). */
export const TeamDissolve = z.strictObject({ dissolvedOn: isoDay.optional() });

/** `POST /api/teams/:id/members`. */
export const TeamMemberCreate = z.strictObject({
  fullName: FullName,
  phone: VnPhone,
  organisation: TeamMemberOrganisation,
  role: TeamMemberRole.default('member'),
  joinedOn: isoDay.optional(),
});
export type TeamMemberCreate = z.input<typeof TeamMemberCreate>;

/** `PATCH /api/team-members/:id`. */
export const TeamMemberUpdate = z
  .strictObject({
    fullName: FullName.optional(),
    phone: VnPhone.optional(),
    organisation: TeamMemberOrganisation.optional(),
    role: TeamMemberRole.optional(),
    joinedOn: isoDay.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, {
    message: 'Cần ít nhất một trường để sửa. | At least one field to change.',
  });
export type TeamMemberUpdate = z.input<typeof TeamMemberUpdate>;

/** `POST /api/team-members/:id/leave`: the day they left (today by default). */
export const TeamMemberLeave = z.strictObject({ leftOn: isoDay.optional() });

export const TeamIdParam = z.strictObject({ id: z.uuid({ message: 'Mã không hợp lệ. | Not a valid id.' }) });

/** `GET /api/teams?unit=<commune or hamlet code>`: the teams of a commune (or of one hamlet). */
export const TeamListQuery = z.strictObject({
  unit: unitCode,
  dissolved: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});

/** `GET /api/teams/coverage?unit=<code>`. */
export const CoverageQuery = z.strictObject({ unit: unitCode });

const Label = z.object({ vi: z.string(), en: z.string() });
/** A warning that never refuses (a team outside the usual size), in both languages. */
export const TeamWarning = z.object({ code: z.string(), message: Label });

export const TeamMemberView = z.object({
  id: z.string(),
  teamId: z.string(),
  fullName: z.string(),
  /** The whole number for administrators of the team's commune; masked for the team's own members. */
  phone: z.string(),
  organisation: TeamMemberOrganisation,
  role: TeamMemberRole,
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  hasAccount: z.boolean(),
});
export type TeamMemberView = z.infer<typeof TeamMemberView>;

export const TeamView = z.object({
  id: z.string(),
  name: z.string(),
  hamletCode: z.string(),
  hamletName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
  activeMembers: z.number(),
  warnings: z.array(TeamWarning),
});
export type TeamView = z.infer<typeof TeamView>;

export const TeamDetail = TeamView.extend({ members: z.array(TeamMemberView) });
export type TeamDetail = z.infer<typeof TeamDetail>;

/** `POST /api/team-members/:id/account`: the member's sign-in account; a one-time password only when it was made. */
export const MemberAccountResult = z.object({
  team: TeamDetail,
  created: z.boolean(),
  temporaryPassword: z.string().nullable(),
});
export type MemberAccountResult = z.infer<typeof MemberAccountResult>;

export const TeamList = z.object({
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  items: z.array(TeamView),
  /** The commune's active hamlets that have no active team. */
  hamletsWithoutTeam: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type TeamList = z.infer<typeof TeamList>;

const CoverageFigures = z.object({
  hamlets: z.number(),
  hamletsWithTeam: z.number(),
  teams: z.number(),
  members: z.number(),
});

export const CoverageRow = CoverageFigures.extend({ code: z.string(), name: z.string() });
export type CoverageRow = z.infer<typeof CoverageRow>;

/**
 * Coverage of a unit: one row per commune for a province, per hamlet for a commune (or the hamlet itself), plus the
 * total; members by organisation and team sizes over the whole unit.
 */
export const Coverage = z.object({
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  rows: z.array(CoverageRow),
  total: CoverageFigures.extend({
    /** Rows whose every hamlet has a team (communes at 100% for a province). */
    rowsComplete: z.number(),
  }),
  membersByOrganisation: z.record(TeamMemberOrganisation, z.number()),
  /** How many active teams have n active members (keys "0" … "9", "10+"). */
  teamSizes: z.record(z.string(), z.number()),
  usualSize: z.object({ min: z.number(), max: z.number() }),
});
export type Coverage = z.infer<typeof Coverage>;

/** `POST /api/teams/import?unit=<commune>`: ?dryRun=1 checks only; ?report=xlsx answers a bad file with the report. */
export const TeamImportQuery = z.strictObject({
  unit: unitCode,
  dryRun: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  report: z.enum(['json', 'xlsx']).default('json'),
});

export const TeamImportResult = z.object({
  ok: z.literal(true),
  dryRun: z.boolean(),
  teamsCreated: z.number().int(),
  membersAdded: z.number().int(),
  /** Rows for people already in their team (same phone): skipped, so a file can be uploaded again safely. */
  membersAlready: z.number().int(),
});
export type TeamImportResult = z.infer<typeof TeamImportResult>;

/** `GET /api/teams/export.xlsx?unit=<commune>`. */
export const TeamExportQuery = z.strictObject({ unit: unitCode });
