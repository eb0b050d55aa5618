import './strings';
import '../../components/figures.css';
import './teams.css';
import { ACTIVITY_ACTION_LABELS } from '@common/constants/activities';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { TeamActivity } from '../../../../common/team-activity';
import { useMe } from '../../api/auth';
import { currentLang, fieldError, unitPeriodQuery } from '../../api/client';
import { useTeamActivity } from '../../api/team-activity';
import { Field, Notice, PageHeader, QueryState, ScrollRegion } from '../../components/ui';
import { formatMonth, formatNumber } from '../../i18n';
import { RequireUser } from '../shell/guards';
import { homeUnit, TEAM_ROLES } from './home-unit';

function Totals({ data }: { data: TeamActivity }) {
  const { t } = useTranslation();
  const hours = Math.round(data.totals.minutes / 60);
  const figures: [string, number][] = [
    [t('teams.activity.sessions'), data.totals.activities],
    [t('teams.activity.households'), data.totals.households],
    [t('teams.activity.people'), data.totals.people],
    [t('teams.activity.itemsDone'), data.totals.itemsDone],
    [t('teams.activity.hours'), hours],
  ];
  return (
    <dl className="kpis">
      {figures.map(([label, n]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{formatNumber(n)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Sessions per month as bars, with the numbers written out (a table, so screen readers read it too). */
function ByMonth({ data }: { data: TeamActivity }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.byMonth.map((m) => m.activities));
  return (
    <section className="stack" aria-labelledby="act-month">
      <h2 id="act-month">{t('teams.activity.byMonth')}</h2>
      <table className="bars">
        <thead>
          <tr>
            <th scope="col">{t('teams.activity.month')}</th>
            <th scope="col">{t('teams.activity.sessions')}</th>
            <th scope="col">{t('teams.activity.itemsDone')}</th>
          </tr>
        </thead>
        <tbody>
          {data.byMonth.map((m) => (
            <tr key={m.month}>
              <th scope="row">{formatMonth(m.month)}</th>
              <td>
                <span className="bar" style={{ width: `${(100 * m.activities) / max}%` }} aria-hidden="true" />
                <span className="bar-value">{formatNumber(m.activities)}</span>
              </td>
              <td>{formatNumber(m.itemsDone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ByService({ data }: { data: TeamActivity }) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <section className="stack" aria-labelledby="act-service">
      <h2 id="act-service">{t('teams.activity.byService')}</h2>
      {data.byService.length === 0 ? (
        <p>{t('teams.activity.none')}</p>
      ) : (
        <ScrollRegion labelledBy="act-service">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('teams.activity.service')}</th>
                <th scope="col">{t('teams.activity.done')}</th>
                <th scope="col">{t('teams.activity.followUp')}</th>
                <th scope="col">{t('teams.activity.failed')}</th>
              </tr>
            </thead>
            <tbody>
              {data.byService.map((s) => (
                <tr key={`${s.serviceId}-${s.action}`}>
                  <th scope="row">
                    {s.serviceName ?? t('teams.activity.noService')}
                    <br />
                    <span className="item-meta">{ACTIVITY_ACTION_LABELS[s.action][lang]}</span>
                  </th>
                  <td>{formatNumber(s.done)}</td>
                  <td>{formatNumber(s.followUp)}</td>
                  <td>{formatNumber(s.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function ByUnit({ data, link }: { data: TeamActivity; link: (code: string) => string }) {
  const { t } = useTranslation();
  if (data.byUnit.length === 0) return null;
  const province = data.unit.level === 'province';
  return (
    <section className="stack" aria-labelledby="act-unit">
      <h2 id="act-unit">{province ? t('teams.activity.byCommune') : t('teams.activity.byHamlet')}</h2>
      <ScrollRegion labelledBy="act-unit">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('teams.colUnit')}</th>
              <th scope="col">{t('teams.activity.sessions')}</th>
              <th scope="col">{t('teams.activity.households')}</th>
              <th scope="col">{t('teams.activity.itemsDone')}</th>
            </tr>
          </thead>
          <tbody>
            {data.byUnit.map((u) => (
              <tr key={u.code}>
                <th scope="row">{province ? <Link to={link(u.code)}>{u.name}</Link> : u.name}</th>
                <td>{formatNumber(u.activities)}</td>
                <td>{formatNumber(u.households)}</td>
                <td>{formatNumber(u.itemsDone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

/** /teams/activity?unit=&from=&to=: what the teams of a province, commune or hamlet did, month by month. */
export default function ActivityPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? homeUnit(me.data?.assignments ?? []);
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const activity = useTeamActivity(unit ? { unit, from, to } : undefined);
  const data = activity.data;
  const set = (key: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    // The other end stays where it is shown (else it would move with the default period).
    const other = key === 'from' ? 'to' : 'from';
    if (!next.get(other) && data) next.set(other, data[other]);
    setParams(next, { replace: true });
  };
  const link = (code: string) => `/teams/activity?${unitPeriodQuery({ unit: code, from, to })}`;
  return (
    <RequireUser roles={[...TEAM_ROLES]}>
      <PageHeader title={data ? t('teams.activity.titleOf', { name: data.unit.name }) : t('teams.activity.title')} />
      <p>
        <Link to={unit ? `/teams?unit=${unit}` : '/teams'}>← {t('teams.activity.backToCoverage')}</Link>
      </p>
      {!unit && <Notice>{t('teams.chooseCommune')}</Notice>}
      <div className="period">
        <Field
          label={t('teams.activity.from')}
          type="month"
          value={data?.from ?? from ?? ''}
          onChange={(e) => set('from', e.target.value)}
          error={fieldError(activity.error, 'from')}
        />
        <Field
          label={t('teams.activity.to')}
          type="month"
          value={data?.to ?? to ?? ''}
          onChange={(e) => set('to', e.target.value)}
          error={fieldError(activity.error, 'to')}
        />
      </div>
      <QueryState query={activity}>
        {data && (
          <>
            <p className="item-meta">
              {t('teams.activity.period', { from: formatMonth(data.from), to: formatMonth(data.to) })}
            </p>
            <Totals data={data} />
            <p>
              <a
                className="btn"
                href={`/api/team-activity/export.xlsx?${unitPeriodQuery({ unit: data.unit.code, from: data.from, to: data.to })}`}
                download
              >
                {t('teams.activity.export')}
              </a>
            </p>
            <ByMonth data={data} />
            <ByService data={data} />
            <ByUnit data={data} link={link} />
          </>
        )}
      </QueryState>
    </RequireUser>
  );
}
