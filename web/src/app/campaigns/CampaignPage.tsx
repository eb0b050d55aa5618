import './strings';
import './campaigns.css';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import type { CampaignProgress, CommuneSplit } from '../../../../common/campaigns';
import { useMe } from '../../api/auth';
import { useCampaign, useCampaignProgress, useCommuneSplit, useSaveSplit } from '../../api/campaigns';
import { currentLang } from '../../api/client';
import { ErrorMessage, Notice, PageHeader, QueryState } from '../../components/ui';
import { formatMonth, formatNumber } from '../../i18n';
import { RequireUser } from '../shell/guards';
import { MetricBars, metricKey } from './Bars';

function Progress({ progress, onOpen }: { progress: CampaignProgress; onOpen: (code: string) => void }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const byCommune = progress.unit.level === 'province';
  return (
    <section className="stack" aria-labelledby="progress-title">
      <h2 id="progress-title">{t('campaigns.progressOf', { name: progress.unit.name })}</h2>
      <p className="item-meta">{progress.note[lang]}</p>
      <div className="card progress-card">
        <h3>{t('campaigns.total')}</h3>
        <MetricBars metrics={progress.metrics} figures={progress.total} idPrefix="total" />
      </div>
      <h3>{byCommune ? t('campaigns.byCommune') : t('campaigns.byTeam')}</h3>
      {progress.rows.length === 0 && <p>{byCommune ? t('campaigns.noRows') : t('campaigns.noTeams')}</p>}
      <ul className="list">
        {progress.rows.map((r, i) => (
          <li key={r.code} className="list-item progress-card">
            <h3>
              {byCommune ? (
                <button
                  type="button"
                  className="btn-link"
                  onClick={() => onOpen(r.code)}
                  aria-label={t('campaigns.openCommune', { name: r.name })}
                >
                  {r.name}
                </button>
              ) : (
                r.name
              )}
            </h3>
            <MetricBars metrics={progress.metrics} figures={r.figures} idPrefix={`row-${i}`} />
          </li>
        ))}
      </ul>
      <a
        className="btn"
        href={`/api/campaigns/${progress.campaign.id}/progress.xlsx?unit=${progress.unit.code}`}
        download
      >
        {t('campaigns.export')}
      </a>
    </section>
  );
}

function SplitEditor({ split }: { split: CommuneSplit }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const save = useSaveSplit(split.campaign.id, split.commune.code);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      split.teams.flatMap((team) => team.targets.map((x) => [`${team.id}|${metricKey(x)}`, String(x.target)])),
    ),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const targets = split.teams.flatMap((team) =>
      split.metrics
        .filter((m) => (values[`${team.id}|${metricKey(m)}`] ?? '') !== '')
        .map((m) => ({
          teamId: team.id,
          serviceId: m.serviceId,
          action: m.action,
          target: Number(values[`${team.id}|${metricKey(m)}`]),
        })),
    );
    save.mutate({ targets });
  };
  const current = save.data ?? split;
  return (
    <section className="card stack" aria-labelledby="split-title">
      <h2 id="split-title">{t('campaigns.split')}</h2>
      <p className="item-meta">{t('campaigns.splitHelp')}</p>
      {current.differences
        .filter((d) => d.message)
        .map((d) => (
          <Notice key={metricKey(d)} tone="warning">
            ⚠ {split.metrics.find((m) => metricKey(m) === metricKey(d))?.label[lang]}: {d.message![lang]}
          </Notice>
        ))}
      <ul className="plain-list">
        {split.metrics.map((m) => (
          <li key={metricKey(m)}>
            {m.label[lang]} —{' '}
            {t('campaigns.communeTarget', {
              n: formatNumber(current.differences.find((d) => metricKey(d) === metricKey(m))?.communeTarget ?? 0),
            })}
          </li>
        ))}
      </ul>
      {split.teams.length === 0 ? (
        <p>{t('campaigns.noTeams')}</p>
      ) : (
        <form className="stack" onSubmit={onSubmit} noValidate>
          {split.teams.map((team) => (
            <fieldset key={team.id} className="metric-row">
              <legend>{team.name}</legend>
              {split.metrics.map((m) => {
                const k = `${team.id}|${metricKey(m)}`;
                const id = `split-${k.replace(/[^a-z0-9]/gi, '')}`;
                return (
                  <div key={k} className="row-between">
                    <label htmlFor={id}>{m.label[lang]}</label>
                    <input
                      id={id}
                      className="num-input"
                      type="number"
                      inputMode="numeric"
                      min={0}
                      value={values[k] ?? ''}
                      disabled={!split.canEdit}
                      onChange={(e) => setValues({ ...values, [k]: e.target.value })}
                    />
                  </div>
                );
              })}
            </fieldset>
          ))}
          <ErrorMessage error={save.error} />
          {save.isSuccess && <Notice tone="success">{t('campaigns.splitSaved')}</Notice>}
          {split.canEdit && (
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {t('campaigns.saveSplit')}
            </button>
          )}
        </form>
      )}
    </section>
  );
}

/** /campaigns/:id?unit=<province or commune>: the campaign, its progress, and a commune's split per team. */
export default function CampaignPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const campaign = useCampaign(id);
  const home =
    me.data?.assignments.find((a) => a.role === 'province_admin' && a.unitCode)?.unitCode ??
    me.data?.assignments.find((a) => a.role === 'commune_admin' && a.unitCode)?.unitCode ??
    undefined;
  const unit = params.get('unit') ?? home;
  const progress = useCampaignProgress(id, campaign.data ? unit : undefined);
  const isCommune = progress.data?.unit.level === 'commune';
  const split = useCommuneSplit(id, isCommune ? unit : undefined);
  const c = campaign.data;
  return (
    <RequireUser roles={['team_member', 'commune_admin', 'province_admin']}>
      <QueryState query={campaign}>
        {c && (
          <>
            <PageHeader title={c.title}>
              {c.canEdit && (
                <Link className="btn" to={`/campaigns/${c.id}/edit`}>
                  {t('campaigns.edit')}
                </Link>
              )}
            </PageHeader>
            <p>
              <Link to="/campaigns">← {t('campaigns.back')}</Link>
              {params.get('unit') && unit !== home && (
                <>
                  {' · '}
                  <Link to={`/campaigns/${c.id}`}>{t('campaigns.backProvince')}</Link>
                </>
              )}
            </p>
            {(location.state as { saved?: boolean } | null)?.saved && (
              <Notice tone="success">{t('campaigns.saved')}</Notice>
            )}
            <p className="item-meta">
              {c.fromMonth === c.toMonth
                ? t('campaigns.periodOne', { from: formatMonth(c.fromMonth) })
                : t('campaigns.period', { from: formatMonth(c.fromMonth), to: formatMonth(c.toMonth) })}{' '}
              · {t(`campaigns.status.${c.status}`)}
            </p>
            {c.whatToDo && <p className="pre-line">{c.whatToDo}</p>}
            {c.focus.length > 0 && (
              <section aria-labelledby="focus-list">
                <h2 id="focus-list">{t('campaigns.focus')}</h2>
                <ul className="plain-list">
                  {c.focus.map((f) => (
                    <li key={f.id}>
                      <Link to={`/catalog/${f.slug}`}>{f.name}</Link>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {unit && (
              <QueryState query={progress}>
                {progress.data && <Progress progress={progress.data} onOpen={(code) => setParams({ unit: code })} />}
              </QueryState>
            )}
            {isCommune && split.data && <SplitEditor key={split.data.commune.code} split={split.data} />}
          </>
        )}
      </QueryState>
    </RequireUser>
  );
}
