import type { z } from 'zod';
import { maskPhone } from '../../../common/accounts.js';
import {
  TEAM_MEMBER_ORGANISATION_LABELS,
  TEAM_MEMBER_ORGANISATIONS,
  TEAM_MEMBER_ROLE_LABELS,
} from '../../../common/constants/teams.js';
import type {
  Coverage,
  TeamCreate,
  TeamDetail,
  TeamImportResult,
  TeamList,
  TeamMemberCreate,
  TeamMemberUpdate,
  TeamMemberView,
  TeamUpdate,
  TeamView,
} from '../../../common/teams.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { vnDate } from '../../platform/calendar.js';
import { errors } from '../../platform/errors.js';
import { classifyDbFailure } from '../../platform/failures.js';
import { authorize, can } from '../../platform/permissions.js';
import { ImportRejected, type RowError, readTable } from '../../platform/spreadsheet.js';
import type { AccountAdminService } from '../accounts/admin.js';
import type { UnitsService } from '../units/service.js';
import * as coverageRepo from './coverage-repo.js';
import { buildTeamsWorkbook, validateTeamRows } from './import.js';
import * as repo from './repo.js';

const TEAM = { vi: 'tổ công nghệ số', en: 'Team' };
const MEMBER = { vi: 'thành viên tổ', en: 'Team member' };

const field = (name: string, vi: string, en: string) => errors.invalidField(name, { vi, en });
const notAfterToday = (name: string, day: string | null | undefined, today: string) => {
  if (day && day > today) throw field(name, 'Ngày không được sau hôm nay.', 'The date cannot be after today.');
};
const teamExists = (hamletName: string) =>
  errors.conflict(
    'team_exists',
    { vi: `${hamletName} đã có tổ công nghệ số.`, en: `${hamletName} already has a team.` },
    {
      hamletCode: {
        vi: 'Mỗi thôn, tổ dân phố có một tổ đang hoạt động; sửa tổ đó hoặc giải thể trước.',
        en: 'A hamlet has one active team; edit it, or dissolve it first.',
      },
    },
  );
const memberHasAccount = () =>
  errors.conflict('member_has_account', {
    vi: 'Thành viên này đã có tài khoản đăng nhập.',
    en: 'This member already has a sign-in account.',
  });
const dissolved = () =>
  errors.conflict('team_dissolved', {
    vi: 'Tổ đã giải thể; không thể thay đổi thành viên.',
    en: 'The team is dissolved; its members cannot change.',
  });

interface Meta {
  requestId?: string;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const leaderTwice = (row: number, col: number | undefined): RowError => ({
  row,
  field: 'role',
  column: 'Vai trò',
  col,
  message: {
    vi: 'Tổ đã có tổ trưởng (trong tệp hoặc trên hệ thống).',
    en: 'The team already has a leader (in the file or here).',
  },
});

export interface TeamsDeps {
  db: Db;
  units: UnitsService;
  /** Makes a member's sign-in account (the accounts domain owns users and roles). */
  accounts: Pick<AccountAdminService, 'provision'>;
  /** The usual team size: outside it a warning, never a refusal (config TEAM_SIZE_MIN / TEAM_SIZE_MAX). */
  usualSize: { min: number; max: number };
}

/**
 * Community digital technology teams: the registry (teams per hamlet, their members) and its coverage. Commune
 * administrators manage their commune's teams, province administrators every team of the province; a team's own
 * members read it, with the other members' phones masked.
 */
export function createTeamsService({ db, units, accounts, usualSize }: TeamsDeps) {
  function warningsOf(active: number, hasLeader: boolean): TeamView['warnings'] {
    const out: TeamView['warnings'] = [];
    if (active < usualSize.min)
      out.push({
        code: 'size_below',
        message: {
          vi: `Tổ có ${active} thành viên, ít hơn mức thường là ${usualSize.min}.`,
          en: `The team has ${active} members, fewer than the usual ${usualSize.min}.`,
        },
      });
    if (active > usualSize.max)
      out.push({
        code: 'size_above',
        message: {
          vi: `Tổ có ${active} thành viên, nhiều hơn mức thường là ${usualSize.max}.`,
          en: `The team has ${active} members, more than the usual ${usualSize.max}.`,
        },
      });
    if (active > 0 && !hasLeader)
      out.push({ code: 'no_leader', message: { vi: 'Tổ chưa có tổ trưởng.', en: 'The team has no leader.' } });
    return out;
  }

  function toTeamView(t: repo.TeamWithPlace, hasLeader: boolean): TeamView {
    return {
      id: t.id,
      name: t.name,
      hamletCode: t.hamletCode,
      hamletName: t.hamletName,
      communeCode: t.communeCode,
      communeName: t.communeName,
      decisionNumber: t.decisionNumber,
      decisionDate: t.decisionDate,
      dissolvedOn: t.dissolvedOn,
      activeMembers: t.activeMembers,
      warnings: t.dissolvedOn ? [] : warningsOf(t.activeMembers, hasLeader),
    };
  }

  function toMemberView(m: repo.TeamMemberRow, fullPhone: boolean): TeamMemberView {
    return {
      id: m.id,
      teamId: m.teamId,
      fullName: m.fullName,
      phone: fullPhone ? m.phone : (maskPhone(m.phone) ?? ''),
      organisation: m.organisation,
      role: m.role,
      joinedOn: m.joinedOn,
      leftOn: m.leftOn,
      hasAccount: !!m.userId,
    };
  }

  async function requireTeam(id: string, exec: Executor = db) {
    const team = await repo.findTeam(exec, id);
    if (!team) throw errors.notFound(TEAM);
    return team;
  }

  async function detail(exec: Executor, actor: Actor, id: string): Promise<TeamDetail> {
    const team = await requireTeam(id, exec);
    const members = await repo.listMembers(exec, [id], true);
    const fullPhones = can(actor, 'team.read_contacts', { unitPath: team.unitPath });
    const hasLeader = members.some((m) => !m.leftOn && m.role === 'leader');
    return { ...toTeamView(team, hasLeader), members: members.map((m) => toMemberView(m, fullPhones)) };
  }

  /** The hamlet a team is founded in: it must be an active hamlet. */
  async function requireHamlet(code: string) {
    const hamlet = await units.requireUnit(code).catch(() => {
      throw field('hamletCode', 'Không có thôn, tổ dân phố này.', 'No such hamlet.');
    });
    if (hamlet.level !== 'hamlet' || hamlet.status !== 'active' || !hamlet.parentCode)
      throw field('hamletCode', 'Hãy chọn một thôn, tổ dân phố đang hoạt động.', 'Choose an active hamlet.');
    return hamlet;
  }

  /** A member write: the team locked (the phone and leader checks hold), active, and the actor may manage it. */
  async function lockManagedTeam(tx: Executor, actor: Actor, teamId: string) {
    const team = await repo.lockTeam(tx, teamId);
    if (!team) throw errors.notFound(TEAM);
    authorize(actor, 'team.manage', { unitPath: team.unitPath });
    if (team.dissolvedOn) throw dissolved();
    return team;
  }

  async function checkClashes(
    tx: Executor,
    teamId: string,
    m: { phone?: string; role?: string; exceptId?: string },
  ): Promise<void> {
    const clash = await repo.findClash(tx, teamId, {
      phone: m.phone,
      leader: m.role === 'leader',
      exceptId: m.exceptId,
    });
    if (clash.phone)
      throw errors.conflict(
        'member_exists',
        { vi: 'Người này đã là thành viên của tổ.', en: 'This person is already a member of the team.' },
        {
          phone: {
            vi: `Số điện thoại trùng với thành viên "${clash.phone.fullName}".`,
            en: `Same phone as member "${clash.phone.fullName}".`,
          },
        },
      );
    if (clash.leader)
      throw errors.conflict(
        'leader_exists',
        { vi: 'Tổ đã có tổ trưởng.', en: 'The team already has a leader.' },
        {
          role: {
            vi: `"${clash.leader.fullName}" đang là tổ trưởng; đổi vai trò của người đó trước.`,
            en: `"${clash.leader.fullName}" is the leader; change their role first.`,
          },
        },
      );
  }

  function audit(tx: Executor, actor: Actor, meta: Meta, e: Parameters<typeof recordAudit>[2]) {
    return recordAudit(tx, actor, e, meta.requestId);
  }

  /** The commune an import or export is for, authorized for `action`. */
  async function requireCommune(actor: Actor, code: string, action: 'team.manage' | 'team.read_contacts') {
    const unit = await units.requireUnit(code).catch(() => {
      throw field('unit', 'Không có đơn vị này.', 'No such unit.');
    });
    if (unit.level !== 'commune') throw field('unit', 'Hãy chọn một xã, phường.', 'Choose a commune.');
    authorize(actor, action, { unitPath: unit.path });
    return unit;
  }

  return {
    /**
     * The hamlets whose active team this account belongs to (a member linked to their account): the support network
     * counts them as team members even without the team member role.
     */
    activeMembershipPaths: (userId: string) => repo.activeMembershipPaths(db, userId),
    /**
     * Imports a commune's teams and members from a spreadsheet, all rows or none: a hamlet without a team gets one,
     * each member row joins its hamlet's team; a person already in the team (same phone) is skipped, so uploading the
     * same file again adds nothing. Rejected rows come back as ImportRejected (row, column, message).
     */
    async importTeams(
      actor: Actor,
      communeCode: string,
      file: Buffer,
      opts: { dryRun: boolean; fileName?: string } & Meta,
    ): Promise<TeamImportResult> {
      const commune = await requireCommune(actor, communeCode, 'team.manage');
      const table = await readTable(file);
      const hamlets = await repo.communeHamlets(db, commune.code);
      const today = vnDate(new Date());
      const { rows, errors: rowErrors, columns } = validateTeamRows(table, hamlets, today);
      const pathOf = new Map(hamlets.map((h) => [h.code, h.path]));
      const run = async (tx: Executor) => {
        const existing = await repo.lockActiveTeamsOfCommune(tx, commune.code);
        const members = await repo.listMembers(
          tx,
          existing.map((t) => t.id),
          false,
        );
        interface Planned {
          id: string | null;
          insert?: repo.NewTeam;
          phones: Set<string>;
          leader: boolean;
          members: Omit<repo.NewTeamMember, 'teamId'>[];
        }
        const byHamlet = new Map<string, Planned>();
        for (const t of existing) {
          const own = members.filter((m) => m.teamId === t.id);
          byHamlet.set(t.hamletCode, {
            id: t.id,
            phones: new Set(own.map((m) => m.phone)),
            leader: own.some((m) => m.role === 'leader'),
            members: [],
          });
        }
        let already = 0;
        for (const r of rows) {
          let team = byHamlet.get(r.hamletCode);
          if (!team) {
            team = {
              id: null,
              insert: {
                hamletCode: r.hamletCode,
                communeCode: commune.code,
                unitPath: pathOf.get(r.hamletCode)!,
                name: r.teamName ?? `Tổ công nghệ số cộng đồng ${r.hamletName}`,
                decisionNumber: r.decisionNumber,
                decisionDate: r.decisionDate,
              },
              phones: new Set(),
              leader: false,
              members: [],
            };
            byHamlet.set(r.hamletCode, team);
          }
          const m = r.member;
          if (!m) continue;
          if (team.phones.has(m.phone)) {
            already += 1;
            continue;
          }
          if (m.role === 'leader' && team.leader) {
            rowErrors.push(leaderTwice(r.row, columns.role));
            continue;
          }
          team.phones.add(m.phone);
          team.leader ||= m.role === 'leader';
          team.members.push({ ...m, joinedOn: m.joinedOn ?? today });
        }
        if (rowErrors.length)
          throw new ImportRejected(
            422,
            rowErrors.sort((a, b) => a.row - b.row),
          );
        const planned = [...byHamlet.values()];
        const result = {
          ok: true as const,
          dryRun: opts.dryRun,
          teamsCreated: planned.filter((p) => p.insert).length,
          membersAdded: planned.reduce((n, p) => n + p.members.length, 0),
          membersAlready: already,
        };
        if (opts.dryRun) return result;
        const created = await repo.insertTeams(
          tx,
          planned.flatMap((p) => (p.insert ? [p.insert] : [])),
        );
        const idOf = new Map(created.map((t) => [t.hamletCode, t.id]));
        await repo.insertMembers(
          tx,
          planned.flatMap((p) => p.members.map((m) => ({ ...m, teamId: p.id ?? idOf.get(p.insert!.hamletCode)! }))),
        );
        await audit(tx, actor, opts, {
          action: 'team.import',
          resourceType: 'unit',
          resourceId: commune.code,
          unitPath: commune.path,
          details: { ...result, ok: undefined, dryRun: undefined, file: opts.fileName ?? null },
        });
        return result;
      };
      return db.transaction(run);
    },

    /** A commune's active teams and members in the import's format (phones whole: administrators only, audited). */
    async exportTeams(actor: Actor, communeCode: string, meta: Meta = {}): Promise<{ file: Buffer; name: string }> {
      const commune = await requireCommune(actor, communeCode, 'team.read_contacts');
      const list = await repo.listTeams(db, { communeCode: commune.code, includeDissolved: false });
      const members = await repo.listMembers(
        db,
        list.map((t) => t.id),
        false,
      );
      const rows = list.flatMap((t) => {
        const team = [t.hamletName, t.name, t.decisionNumber, t.decisionDate ? dmy(t.decisionDate) : null];
        const own = members.filter((m) => m.teamId === t.id);
        return own.length
          ? own.map((m) => [
              ...team,
              m.fullName,
              m.phone,
              TEAM_MEMBER_ORGANISATION_LABELS[m.organisation].vi,
              TEAM_MEMBER_ROLE_LABELS[m.role].vi,
              dmy(m.joinedOn),
            ])
          : [[...team, null, null, null, null, null]];
      });
      await db.transaction((tx) =>
        audit(tx, actor, meta, {
          action: 'team.export',
          resourceType: 'unit',
          resourceId: commune.code,
          unitPath: commune.path,
          details: { teams: list.length, members: members.length },
        }),
      );
      return { file: await buildTeamsWorkbook(rows), name: `to-cong-nghe-so-${commune.code}` };
    },

    /** The empty spreadsheet a clerk fills in. */
    template: () => buildTeamsWorkbook([]),

    /** The teams of a commune (or one hamlet), with the commune's hamlets that have none. */
    async list(actor: Actor, q: { unit: string; dissolved: boolean }): Promise<TeamList> {
      const unit = await units.requireUnit(q.unit).catch(() => {
        throw field('unit', 'Không có đơn vị này.', 'No such unit.');
      });
      if (unit.level === 'province')
        throw field('unit', 'Hãy chọn một xã, phường hoặc thôn.', 'Choose a commune or a hamlet.');
      authorize(actor, 'team.read', { unitPath: unit.path });
      const isHamlet = unit.level === 'hamlet';
      const rows = await repo.listTeams(db, {
        communeCode: isHamlet ? undefined : unit.code,
        hamletCode: isHamlet ? unit.code : undefined,
        includeDissolved: q.dissolved,
      });
      const leaders = new Set(
        (
          await repo.listMembers(
            db,
            rows.map((t) => t.id),
            false,
          )
        )
          .filter((m) => m.role === 'leader')
          .map((m) => m.teamId),
      );
      return {
        unit: { code: unit.code, name: unit.fullName, level: unit.level },
        items: rows.map((t) => toTeamView(t, leaders.has(t.id))),
        hamletsWithoutTeam: isHamlet ? [] : await repo.hamletsWithoutTeam(db, unit.code),
      };
    },

    async read(actor: Actor, id: string): Promise<TeamDetail> {
      const team = await requireTeam(id);
      authorize(actor, 'team.read', { unitPath: team.unitPath });
      return detail(db, actor, id);
    },

    async create(actor: Actor, input: z.output<typeof TeamCreate>, meta: Meta = {}): Promise<TeamDetail> {
      const hamlet = await requireHamlet(input.hamletCode);
      authorize(actor, 'team.manage', { unitPath: hamlet.path });
      notAfterToday('decisionDate', input.decisionDate, vnDate(new Date()));
      try {
        return await db.transaction(async (tx) => {
          if (await repo.findActiveTeamOfHamlet(tx, hamlet.code)) throw teamExists(hamlet.fullName);
          const team = await repo.insertTeam(tx, {
            hamletCode: hamlet.code,
            communeCode: hamlet.parentCode!,
            unitPath: hamlet.path,
            name: input.name,
            decisionNumber: input.decisionNumber ?? null,
            decisionDate: input.decisionDate ?? null,
          });
          await audit(tx, actor, meta, {
            action: 'team.create',
            resourceType: 'team',
            resourceId: team.id,
            unitPath: hamlet.path,
            details: { hamletCode: hamlet.code, decisionNumber: team.decisionNumber },
          });
          return detail(tx, actor, team.id);
        });
      } catch (e) {
        // Two administrators founding a team in one hamlet at once: the unique index decides, with the same answer.
        if (classifyDbFailure(e)?.kind === 'duplicate') throw teamExists(hamlet.fullName);
        throw e;
      }
    },

    async update(actor: Actor, id: string, patch: z.output<typeof TeamUpdate>, meta: Meta = {}) {
      notAfterToday('decisionDate', patch.decisionDate, vnDate(new Date()));
      return db.transaction(async (tx) => {
        const team = await repo.lockTeam(tx, id);
        if (!team) throw errors.notFound(TEAM);
        authorize(actor, 'team.manage', { unitPath: team.unitPath });
        if (team.dissolvedOn) throw dissolved();
        await repo.updateTeam(tx, id, patch);
        await audit(tx, actor, meta, {
          action: 'team.update',
          resourceType: 'team',
          resourceId: id,
          unitPath: team.unitPath,
          details: { fields: Object.keys(patch) },
        });
        return detail(tx, actor, id);
      });
    },

    /** Dissolves a team: its members leave that day; the team and its history stay. */
    async dissolve(actor: Actor, id: string, input: { dissolvedOn?: string }, meta: Meta = {}) {
      const today = vnDate(new Date());
      const day = input.dissolvedOn ?? today;
      notAfterToday('dissolvedOn', day, today);
      return db.transaction(async (tx) => {
        const team = await lockManagedTeam(tx, actor, id);
        if (team.decisionDate && day < team.decisionDate)
          throw field('dissolvedOn', 'Ngày giải thể trước ngày thành lập.', 'The day is before the team was founded.');
        const left = await repo.endMemberships(tx, id, day);
        await repo.updateTeam(tx, id, { dissolvedOn: day });
        await audit(tx, actor, meta, {
          action: 'team.dissolve',
          resourceType: 'team',
          resourceId: id,
          unitPath: team.unitPath,
          details: { dissolvedOn: day, membersLeft: left },
        });
        return detail(tx, actor, id);
      });
    },

    async addMember(actor: Actor, teamId: string, input: z.output<typeof TeamMemberCreate>, meta: Meta = {}) {
      const today = vnDate(new Date());
      notAfterToday('joinedOn', input.joinedOn, today);
      return db.transaction(async (tx) => {
        const team = await lockManagedTeam(tx, actor, teamId);
        await checkClashes(tx, teamId, { phone: input.phone, role: input.role });
        const member = await repo.insertMember(tx, {
          teamId,
          fullName: input.fullName,
          phone: input.phone,
          organisation: input.organisation,
          role: input.role,
          joinedOn: input.joinedOn ?? today,
        });
        await audit(tx, actor, meta, {
          action: 'team_member.add',
          resourceType: 'team_member',
          resourceId: member.id,
          unitPath: team.unitPath,
          details: { teamId, organisation: member.organisation, role: member.role },
        });
        return detail(tx, actor, teamId);
      });
    },

    async updateMember(actor: Actor, memberId: string, patch: z.output<typeof TeamMemberUpdate>, meta: Meta = {}) {
      notAfterToday('joinedOn', patch.joinedOn, vnDate(new Date()));
      return db.transaction(async (tx) => {
        const found = await repo.findMember(tx, memberId);
        if (!found) throw errors.notFound(MEMBER);
        const team = await lockManagedTeam(tx, actor, found.teamId);
        const member = (await repo.findMember(tx, memberId))!;
        if (member.leftOn)
          throw errors.conflict('member_left', {
            vi: 'Người này đã rời tổ; thông tin được giữ làm lịch sử.',
            en: 'This person has left the team; the record is kept as history.',
          });
        await checkClashes(tx, team.id, { phone: patch.phone, role: patch.role, exceptId: memberId });
        await repo.updateMember(tx, memberId, patch);
        await audit(tx, actor, meta, {
          action: 'team_member.update',
          resourceType: 'team_member',
          resourceId: memberId,
          unitPath: team.unitPath,
          // Field names only: a name or a phone never goes into the audit trail.
          details: { teamId: team.id, fields: Object.keys(patch) },
        });
        return detail(tx, actor, team.id);
      });
    },

    async leave(actor: Actor, memberId: string, input: { leftOn?: string }, meta: Meta = {}) {
      const today = vnDate(new Date());
      const day = input.leftOn ?? today;
      notAfterToday('leftOn', day, today);
      return db.transaction(async (tx) => {
        const found = await repo.findMember(tx, memberId);
        if (!found) throw errors.notFound(MEMBER);
        const team = await lockManagedTeam(tx, actor, found.teamId);
        const member = (await repo.findMember(tx, memberId))!;
        if (member.leftOn)
          throw errors.conflict('member_left', {
            vi: 'Người này đã rời tổ.',
            en: 'This person has already left the team.',
          });
        if (day < member.joinedOn)
          throw field('leftOn', 'Ngày rời tổ trước ngày vào tổ.', 'The day is before the member joined.');
        await repo.updateMember(tx, memberId, { leftOn: day });
        await audit(tx, actor, meta, {
          action: 'team_member.leave',
          resourceType: 'team_member',
          resourceId: memberId,
          unitPath: team.unitPath,
          details: { teamId: team.id, leftOn: day },
        });
        return detail(tx, actor, team.id);
      });
    },

    /**
     * A sign-in account for a member (role team_member in the team's hamlet), so they record activities: a new
     * account with a one-time password shown once to the administrator, or the account that already has the member's
     * phone (a resident who joined the team) given the role. The membership is then linked to it.
     */
    async createMemberAccount(actor: Actor, memberId: string, meta: Meta = {}) {
      const found = await repo.findMember(db, memberId);
      if (!found) throw errors.notFound(MEMBER);
      const team = await requireTeam(found.teamId);
      authorize(actor, 'team.manage', { unitPath: team.unitPath });
      if (found.leftOn)
        throw errors.conflict('member_left', { vi: 'Người này đã rời tổ.', en: 'This person has left the team.' });
      if (found.userId) throw memberHasAccount();
      const account = await accounts.provision(
        actor,
        { role: 'team_member', unitCode: team.hamletCode, fullName: found.fullName, phone: found.phone },
        meta.requestId ?? '',
      );
      return db.transaction(async (tx) => {
        await lockManagedTeam(tx, actor, team.id);
        // Two administrators at once: the first link wins; the second is told, and made nothing twice (provision
        // found the account by phone).
        if (!(await repo.linkMemberAccount(tx, memberId, account.userId))) throw memberHasAccount();
        await audit(tx, actor, meta, {
          action: 'team_member.account',
          resourceType: 'team_member',
          resourceId: memberId,
          unitPath: team.unitPath,
          details: { teamId: team.id, userId: account.userId, created: account.created },
        });
        return {
          team: await detail(tx, actor, team.id),
          created: account.created,
          temporaryPassword: account.temporaryPassword,
        };
      });
    },

    /**
     * Coverage of any unit, public (counts only): a province by commune, a commune by hamlet, a hamlet alone; the
     * total, members by organisation and team sizes over the unit.
     */
    async coverage(unitCode: string): Promise<Coverage> {
      const unit = await units.requireUnit(unitCode).catch(() => {
        throw field('unit', 'Không có đơn vị này.', 'No such unit.');
      });
      let rows: coverageRepo.CoverageFigures[];
      let scope: coverageRepo.CoverageScope;
      if (unit.level === 'province') {
        scope = { communeCodes: await coverageRepo.communeCodesOf(db, unit.code) };
        rows = await coverageRepo.coverageByCommune(db, unit.code, scope.communeCodes);
      } else if (unit.level === 'commune') {
        scope = { communeCodes: [unit.code] };
        rows = await coverageRepo.coverageByHamlet(db, { ...scope, communeCode: unit.code });
      } else {
        const communeCode = unit.parentCode ?? '';
        scope = { communeCodes: [communeCode], hamletCode: unit.code };
        rows = await coverageRepo.coverageByHamlet(db, { ...scope, communeCode });
      }
      const byOrg = await coverageRepo.membersByOrganisation(db, scope);
      const sizes = await coverageRepo.teamSizes(db, scope);
      const sum = (k: 'hamlets' | 'hamletsWithTeam' | 'teams' | 'members') => rows.reduce((n, r) => n + r[k], 0);
      return {
        unit: { code: unit.code, name: unit.fullName, level: unit.level },
        rows,
        total: {
          hamlets: sum('hamlets'),
          hamletsWithTeam: sum('hamletsWithTeam'),
          teams: sum('teams'),
          members: sum('members'),
          rowsComplete: rows.filter((r) => r.hamlets > 0 && r.hamletsWithTeam === r.hamlets).length,
        },
        membersByOrganisation: Object.fromEntries(
          TEAM_MEMBER_ORGANISATIONS.map((o) => [o, byOrg.find((r) => r.organisation === o)?.members ?? 0]),
        ) as Coverage['membersByOrganisation'],
        teamSizes: Object.fromEntries(sizes.map((s) => [s.size >= 10 ? '10+' : String(s.size), s.teams])),
        usualSize,
      };
    },
  };
}

export type TeamsService = ReturnType<typeof createTeamsService>;
