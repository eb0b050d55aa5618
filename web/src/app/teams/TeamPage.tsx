import './strings';
import '../support/strings';
import {
  TEAM_MEMBER_ORGANISATION_LABELS,
  TEAM_MEMBER_ORGANISATIONS,
  TEAM_MEMBER_ROLE_LABELS,
  TEAM_MEMBER_ROLES,
} from '@common/constants/teams';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { TeamDetail, TeamMemberCreate, TeamMemberView } from '../../../../common/teams';
import { rolesOf, useMe } from '../../api/auth';
import { currentLang, fieldError } from '../../api/client';
import {
  useAddMember,
  useDissolveTeam,
  useMemberAccount,
  useMemberLeaves,
  useTeam,
  useUpdateMember,
  useUpdateTeam,
} from '../../api/teams';
import { DateField } from '../../components/DateField';
import {
  CopyButton,
  Dialog,
  ErrorMessage,
  Field,
  Notice,
  PageHeader,
  QueryState,
  SelectField,
} from '../../components/ui';
import { formatDate } from '../../i18n';
import { ConfirmDialog } from '../admin/shared';
import { RequireUser } from '../shell/guards';
import { TeamDialog } from './TeamDialog';

type Organisation = TeamMemberCreate['organisation'];
type Role = NonNullable<TeamMemberCreate['role']>;

/** Add a member (no `member`) or edit one. */
function MemberDialog({
  team,
  member,
  onClose,
  onDone,
}: {
  team: TeamDetail;
  member?: TeamMemberView;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const add = useAddMember(team.id);
  const update = useUpdateMember();
  const mutation = member ? update : add;
  const [fullName, setFullName] = useState(member?.fullName ?? '');
  const [phone, setPhone] = useState(member?.phone ?? '');
  const [organisation, setOrganisation] = useState<Organisation>(member?.organisation ?? 'doan_thanh_nien');
  const [role, setRole] = useState<Role>(member?.role ?? 'member');
  const [joinedOn, setJoinedOn] = useState(member?.joinedOn ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { fullName, phone, organisation, role, ...(joinedOn ? { joinedOn } : {}) };
    if (member) update.mutate({ id: member.id, ...body }, { onSuccess: onDone });
    else add.mutate(body, { onSuccess: onDone });
  };
  const err = (f: string) => fieldError(mutation.error, f);
  return (
    <Dialog
      open
      title={member ? t('teams.editMember', { name: member.fullName }) : t('teams.addMember')}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="stack">
        <Field
          label={t('teams.fullName')}
          autoComplete="off"
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
          error={err('fullName')}
          required
          maxLength={120}
        />
        <Field
          label={t('teams.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={err('phone')}
          required
          maxLength={20}
        />
        <SelectField
          label={t('teams.organisation')}
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value as Organisation)}
          error={err('organisation')}
        >
          {TEAM_MEMBER_ORGANISATIONS.map((o) => (
            <option key={o} value={o}>
              {TEAM_MEMBER_ORGANISATION_LABELS[o][lang]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('teams.role')}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          error={err('role')}
        >
          {TEAM_MEMBER_ROLES.map((r) => (
            <option key={r} value={r}>
              {TEAM_MEMBER_ROLE_LABELS[r][lang]}
            </option>
          ))}
        </SelectField>
        <DateField
          label={t('teams.joinedOn')}
          optional
          value={joinedOn}
          onChange={setJoinedOn}
          error={err('joinedOn')}
        />
        <ErrorMessage error={mutation.error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
            {t('common.save')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function EditTeamDialog({ team, onClose, onDone }: { team: TeamDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateTeam(team.id);
  return (
    <TeamDialog
      title={t('teams.editTeam')}
      submitLabel={t('common.save')}
      initial={team}
      busy={update.isPending}
      error={update.error}
      onSubmit={(v) => update.mutate(v, { onSuccess: onDone })}
      onClose={onClose}
    />
  );
}

function MemberItem({
  m,
  canManage,
  onEdit,
  onLeave,
  onAccount,
}: {
  m: TeamMemberView;
  canManage: boolean;
  onEdit: () => void;
  onLeave: () => void;
  onAccount?: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <li className="list-item">
      <p className="item-title">
        {m.fullName} — {TEAM_MEMBER_ROLE_LABELS[m.role][lang]}
      </p>
      <p className="item-meta">
        {TEAM_MEMBER_ORGANISATION_LABELS[m.organisation][lang]} · <span className="member-phone">{m.phone}</span> ·{' '}
        {m.leftOn
          ? t('teams.left', { date: formatDate(m.leftOn) })
          : t('teams.joined', { date: formatDate(m.joinedOn) })}
        {m.hasAccount && ` · ${t('teams.hasAccount')}`}
      </p>
      {canManage && !m.leftOn && (
        // biome-ignore lint/a11y/useSemanticElements: a labelled group of buttons, not a form
        <div className="item-actions" role="group" aria-label={m.fullName}>
          <button type="button" className="btn" onClick={onEdit} aria-label={`${t('common.edit')}: ${m.fullName}`}>
            {t('common.edit')}
          </button>
          <button type="button" className="btn" onClick={onLeave} aria-label={`${t('teams.leave')}: ${m.fullName}`}>
            {t('teams.leave')}
          </button>
          {!m.hasAccount && onAccount && (
            <button
              type="button"
              className="btn"
              onClick={onAccount}
              aria-label={`${t('teams.makeAccount')}: ${m.fullName}`}
            >
              {t('teams.makeAccount')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

type Action =
  | { kind: 'add' }
  | { kind: 'edit'; member: TeamMemberView }
  | { kind: 'leave'; member: TeamMemberView }
  | { kind: 'account'; member: TeamMemberView }
  | { kind: 'team' }
  | { kind: 'dissolve' }
  | null;

function Team({ team }: { team: TeamDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const roles = rolesOf(me.data);
  const canManage = (roles.has('commune_admin') || roles.has('province_admin')) && !team.dissolvedOn;
  const [action, setAction] = useState<Action>(null);
  const [message, setMessage] = useState<string | undefined>(
    (location.state as { created?: boolean } | null)?.created ? t('teams.created', { name: team.name }) : undefined,
  );
  const [day, setDay] = useState('');
  const leaves = useMemberLeaves();
  const account = useMemberAccount();
  const dissolve = useDissolveTeam(team.id);
  const done = () => {
    setAction(null);
    setDay('');
    setMessage(t('teams.saved'));
  };
  const current = team.members.filter((m) => !m.leftOn);
  const former = team.members.filter((m) => m.leftOn);
  const masked = current.some((m) => m.phone.includes('*'));
  return (
    <>
      <PageHeader title={team.name}>
        <Link to="/support" className="btn">
          {t('support.title')}
        </Link>
      </PageHeader>
      <p>
        <Link to={`/teams?unit=${team.communeCode}`}>← {t('teams.back')}</Link>
      </p>
      <section className="card stack">
        <p className="item-meta">
          {team.hamletName} · {team.communeName}
        </p>
        {team.decisionNumber && (
          <p>
            {t('teams.decision', {
              number: team.decisionNumber,
              date: team.decisionDate ? formatDate(team.decisionDate) : '—',
            })}
          </p>
        )}
        {team.dissolvedOn && <Notice>{t('teams.dissolvedOn', { date: formatDate(team.dissolvedOn) })}</Notice>}
        {team.warnings.map((w) => (
          <Notice key={w.code} tone="warning">
            {w.message[currentLang()]}
          </Notice>
        ))}
        {message && <Notice tone="success">{message}</Notice>}
        {canManage && (
          <div className="row">
            <button type="button" className="btn" onClick={() => setAction({ kind: 'team' })}>
              {t('teams.editTeam')}
            </button>
            <button type="button" className="btn btn-danger" onClick={() => setAction({ kind: 'dissolve' })}>
              {t('teams.dissolve')}
            </button>
          </div>
        )}
      </section>
      <section className="stack" aria-labelledby="members-title">
        <div className="row-between">
          <h2 id="members-title">
            {t('teams.members')} ({current.length})
          </h2>
          {canManage && (
            <button type="button" className="btn btn-primary" onClick={() => setAction({ kind: 'add' })}>
              {t('teams.addMember')}
            </button>
          )}
        </div>
        {masked && <p className="item-meta">{t('teams.phoneMasked')}</p>}
        {current.length === 0 ? (
          <p>{t('teams.noMembers')}</p>
        ) : (
          <ul className="list">
            {current.map((m) => (
              <MemberItem
                key={m.id}
                m={m}
                canManage={canManage}
                onEdit={() => setAction({ kind: 'edit', member: m })}
                onLeave={() => setAction({ kind: 'leave', member: m })}
                onAccount={() => {
                  account.reset();
                  setAction({ kind: 'account', member: m });
                }}
              />
            ))}
          </ul>
        )}
        {former.length > 0 && (
          <details>
            <summary>
              {t('teams.formerMembers')} ({former.length})
            </summary>
            <ul className="list">
              {former.map((m) => (
                <MemberItem key={m.id} m={m} canManage={false} onEdit={() => {}} onLeave={() => {}} />
              ))}
            </ul>
          </details>
        )}
      </section>
      {(action?.kind === 'add' || action?.kind === 'edit') && (
        <MemberDialog
          team={team}
          member={action.kind === 'edit' ? action.member : undefined}
          onClose={() => setAction(null)}
          onDone={done}
        />
      )}
      {action?.kind === 'team' && <EditTeamDialog team={team} onClose={() => setAction(null)} onDone={done} />}
      {action?.kind === 'account' && (
        <ConfirmDialog
          open
          title={t('teams.makeAccountTitle', { name: action.member.fullName })}
          text={account.data ? '' : t('teams.makeAccountText', { phone: action.member.phone })}
          confirmLabel={account.data ? t('common.close') : t('teams.makeAccount')}
          busy={account.isPending}
          onConfirm={() => (account.data ? setAction(null) : account.mutate(action.member.id))}
          onClose={() => setAction(null)}
        >
          {account.data?.temporaryPassword && (
            <div className="stack">
              <Notice tone="success">{t('teams.accountMade')}</Notice>
              <p>{t('teams.tempPassword')}</p>
              <code className="secret">{account.data.temporaryPassword}</code>
              <CopyButton text={account.data.temporaryPassword} />
            </div>
          )}
          {account.data && !account.data.temporaryPassword && (
            <Notice tone="success">{t('teams.accountLinked')}</Notice>
          )}
          <ErrorMessage error={account.error} />
        </ConfirmDialog>
      )}
      {action?.kind === 'leave' && (
        <ConfirmDialog
          open
          title={t('teams.leaveTitle', { name: action.member.fullName })}
          text={t('teams.leaveText')}
          confirmLabel={t('teams.leave')}
          busy={leaves.isPending}
          onConfirm={() => leaves.mutate({ id: action.member.id, leftOn: day || undefined }, { onSuccess: done })}
          onClose={() => setAction(null)}
        >
          <DateField
            label={t('teams.leftOn')}
            optional
            value={day}
            onChange={setDay}
            error={fieldError(leaves.error, 'leftOn')}
          />
          <ErrorMessage error={leaves.error} />
        </ConfirmDialog>
      )}
      {action?.kind === 'dissolve' && (
        <ConfirmDialog
          open
          danger
          title={t('teams.dissolve')}
          text={t('teams.dissolveText')}
          confirmLabel={t('teams.dissolve')}
          busy={dissolve.isPending}
          onConfirm={() => dissolve.mutate(day ? { dissolvedOn: day } : {}, { onSuccess: done })}
          onClose={() => setAction(null)}
        >
          <ErrorMessage error={dissolve.error} />
        </ConfirmDialog>
      )}
    </>
  );
}

/** /teams/:id — a team, its members and (for administrators) its changes. */
export default function TeamPage() {
  const { id } = useParams();
  const team = useTeam(id);
  return (
    <RequireUser roles={['team_member', 'commune_admin', 'province_admin']}>
      <QueryState query={team}>{team.data && <Team team={team.data} />}</QueryState>
    </RequireUser>
  );
}
