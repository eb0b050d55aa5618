import './strings';
import '../support/strings';
import { TEAM_MEMBER_ORGANISATION_LABELS, TEAM_MEMBER_ORGANISATIONS } from '@common/constants/teams';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Coverage } from '../../../../common/teams';
import { rolesOf, useMe } from '../../api/auth';
import { currentLang } from '../../api/client';
import { useCreateTeam, useTeamCoverage, useTeams } from '../../api/teams';
import { ChevronRight } from '../../components/icons';
import { Notice, PageHeader, QueryState, ScrollRegion } from '../../components/ui';
import { formatDate, formatNumber } from '../../i18n';
import { RequireUser } from '../shell/guards';
import { homeUnit, TEAM_ROLES } from './home-unit';
import { TeamImportPanel } from './ImportPanel';
import { TeamDialog } from './TeamDialog';

// Leaflet and the boundaries load only for the province's map.
const CoverageMap = lazy(() => import('./CoverageMap'));

function CoverageSummary({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const { total } = coverage;
  const sizes = Object.entries(coverage.teamSizes).sort(([a], [b]) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  return (
    <section className="card stack" aria-labelledby="coverage-title">
      <h2 id="coverage-title">{t('teams.coverageOf', { name: coverage.unit.name })}</h2>
      <p className="item-title">
        {t('teams.hamletsCovered', {
          covered: formatNumber(total.hamletsWithTeam),
          total: formatNumber(total.hamlets),
        })}
        {total.hamlets > 0 && ` (${formatNumber(Math.round((100 * total.hamletsWithTeam) / total.hamlets))}%)`}
      </p>
      <p className="item-meta">
        {t('teams.teamsCount', { count: total.teams })} · {t('teams.membersCount', { count: total.members })}
        {coverage.unit.level === 'province' && ` · ${t('teams.communesComplete', { count: total.rowsComplete })}`}
      </p>
      <h3>{t('teams.byOrganisation')}</h3>
      <ul className="plain-list">
        {TEAM_MEMBER_ORGANISATIONS.map((o) => (
          <li key={o}>
            {TEAM_MEMBER_ORGANISATION_LABELS[o][lang]}:{' '}
            <strong>{formatNumber(coverage.membersByOrganisation[o])}</strong>
          </li>
        ))}
      </ul>
      {sizes.length > 0 && (
        <>
          <h3>{t('teams.teamSizes')}</h3>
          <p className="item-meta">{t('teams.usualSize', coverage.usualSize)}</p>
          <ul className="plain-list">
            {sizes.map(([size, count]) => (
              <li key={size}>{t('teams.sizeTeams', { size, count })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function CoverageTable({ coverage, onOpen }: { coverage: Coverage; onOpen: (code: string) => void }) {
  const { t } = useTranslation();
  const byCommune = coverage.unit.level === 'province';
  if (coverage.rows.length <= 1 && !byCommune) return null;
  return (
    <section className="stack" aria-labelledby="coverage-rows">
      <h2 id="coverage-rows">{byCommune ? t('teams.byCommune') : t('teams.byHamlet')}</h2>
      <ScrollRegion labelledBy="coverage-rows">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('teams.colUnit')}</th>
              <th scope="col">{t('teams.colCovered')}</th>
              <th scope="col">{t('teams.colTeams')}</th>
              <th scope="col">{t('teams.colMembers')}</th>
            </tr>
          </thead>
          <tbody>
            {coverage.rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">
                  {byCommune ? (
                    <button type="button" className="btn-link" onClick={() => onOpen(r.code)}>
                      {r.name}
                    </button>
                  ) : (
                    r.name
                  )}
                </th>
                <td>
                  {r.hamletsWithTeam}/{r.hamlets}
                </td>
                <td>{r.teams}</td>
                <td>{r.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function FoundTeamDialog({
  hamlet,
  onClose,
  onDone,
}: {
  hamlet: { code: string; name: string };
  onClose: () => void;
  onDone: (id: string) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateTeam();
  return (
    <TeamDialog
      title={t('teams.foundIn', { name: hamlet.name })}
      submitLabel={t('teams.found')}
      initial={{ name: t('teams.nameDefault', { hamlet: hamlet.name }), decisionNumber: null, decisionDate: null }}
      busy={create.isPending}
      error={create.error}
      onSubmit={(v) => create.mutate({ hamletCode: hamlet.code, ...v }, { onSuccess: (team) => onDone(team.id) })}
      onClose={onClose}
    />
  );
}

function TeamList({ unit, canManage }: { unit: string; canManage: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [showDissolved, setShowDissolved] = useState(false);
  const list = useTeams(unit, showDissolved);
  const [founding, setFounding] = useState<{ code: string; name: string } | null>(null);
  return (
    <QueryState query={list}>
      {list.data && (
        <>
          <section className="stack" aria-labelledby="teams-title">
            <h2 id="teams-title">{t('teams.teams')}</h2>
            <label className="check">
              <input type="checkbox" checked={showDissolved} onChange={(e) => setShowDissolved(e.target.checked)} />
              <span>{t('teams.showDissolved')}</span>
            </label>
            {list.data.items.length === 0 ? (
              <p>{t('teams.noTeams')}</p>
            ) : (
              <ul className="list">
                {list.data.items.map((team) => (
                  <li key={team.id}>
                    <Link to={`/teams/${team.id}`} className="list-link">
                      <span>
                        <span className="item-title">{team.name}</span>
                        <br />
                        <span className="item-meta">
                          {team.hamletName} · {t('teams.membersCount', { count: team.activeMembers })}
                          {team.dissolvedOn && ` · ${t('teams.dissolvedOn', { date: formatDate(team.dissolvedOn) })}`}
                        </span>
                        {team.warnings.map((w) => (
                          <span key={w.code} className="item-meta warning-text">
                            <br />⚠ {w.message[currentLang()]}
                          </span>
                        ))}
                      </span>
                      <ChevronRight />
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {list.data.unit.level === 'commune' && (
            <section className="stack" aria-labelledby="without-title">
              <h2 id="without-title">{t('teams.withoutTeam')}</h2>
              {list.data.hamletsWithoutTeam.length === 0 ? (
                <p>{t('teams.allCovered')}</p>
              ) : (
                <ul className="list">
                  {list.data.hamletsWithoutTeam.map((h) => (
                    <li key={h.code} className="list-item row-between">
                      <span className="item-title">{h.name}</span>
                      {canManage && (
                        <button
                          type="button"
                          className="btn"
                          onClick={() => setFounding(h)}
                          aria-label={t('teams.foundIn', { name: h.name })}
                        >
                          {t('teams.found')}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
          {founding && (
            <FoundTeamDialog
              hamlet={founding}
              onClose={() => setFounding(null)}
              onDone={(id) => navigate(`/teams/${id}`, { state: { created: true } })}
            />
          )}
        </>
      )}
    </QueryState>
  );
}

/** /teams?unit=<code>: coverage of a unit, and for a commune or hamlet its teams. */
export default function TeamsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const assignments = me.data?.assignments ?? [];
  const unit = params.get('unit') ?? homeUnit(assignments);
  const coverage = useTeamCoverage(unit);
  const roles = rolesOf(me.data);
  const canManage = roles.has('commune_admin') || roles.has('province_admin');
  const level = coverage.data?.unit.level;
  return (
    <RequireUser roles={[...TEAM_ROLES]}>
      <PageHeader title={t('teams.title')}>
        <Link to="/support" className="btn">
          {t('support.title')}
        </Link>
      </PageHeader>
      <p>{t('teams.intro')}</p>
      {canManage && (
        <p className="row">
          <Link to="/campaigns">{t('nav.campaigns')}</Link>
          <Link to={level === 'commune' && unit ? `/households?unit=${unit}` : '/households'}>
            {t('nav.households')}
          </Link>
        </p>
      )}
      {params.get('unit') && unit !== homeUnit(assignments) && (
        <p>
          <Link to="/teams">← {t('teams.back')}</Link>
        </p>
      )}
      {!unit && <Notice>{t('teams.chooseCommune')}</Notice>}
      <QueryState query={coverage}>
        {coverage.data && (
          <>
            <CoverageSummary coverage={coverage.data} />
            <p>
              <Link className="btn" to={`/teams/activity?unit=${coverage.data.unit.code}`}>
                {t('teams.activity.open')}
              </Link>
            </p>
            {level === 'province' && (
              <Suspense fallback={null}>
                <CoverageMap coverage={coverage.data} />
              </Suspense>
            )}
            <CoverageTable coverage={coverage.data} onOpen={(code) => setParams({ unit: code })} />
          </>
        )}
      </QueryState>
      {unit && level && level !== 'province' && <TeamList unit={unit} canManage={canManage} />}
      {unit && level === 'commune' && canManage && <TeamImportPanel communeCode={unit} />}
    </RequireUser>
  );
}
