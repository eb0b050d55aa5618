import './strings';
import './campaigns.css';
import { ACTIVITY_ACTION_LABELS, ACTIVITY_ACTIONS, type ActivityAction } from '@common/constants/activities';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { CampaignDetail } from '../../../../common/campaigns';
import { useMe } from '../../api/auth';
import { useCampaign, useSaveCampaign } from '../../api/campaigns';
import { useManagedServices } from '../../api/catalog';
import { currentLang, fieldError } from '../../api/client';
import { useUnitChildren } from '../../api/units';
import { ErrorMessage, Field, PageHeader, QueryState, SelectField, TextareaField } from '../../components/ui';
import { RequireUser } from '../shell/guards';
import { metricKey } from './Bars';

interface Metric {
  /** A key for the row while it is edited (a metric's service and action change as it is typed). */
  uid: number;
  serviceId: string;
  action: ActivityAction;
}
let uids = 0;

function thisMonth() {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
}

function Editor({ provinceCode, initial }: { provinceCode: string; initial: CampaignDetail | null }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const navigate = useNavigate();
  const services = useManagedServices();
  const communesQuery = useUnitChildren(provinceCode, { limit: 200 });
  const communes = useMemo(
    () => (communesQuery.data?.pages.flatMap((p) => p.items) ?? []).filter((u) => u.level === 'commune'),
    [communesQuery.data],
  );
  const save = useSaveCampaign(initial?.id);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [fromMonth, setFrom] = useState(initial?.fromMonth ?? thisMonth());
  const [toMonth, setTo] = useState(initial?.toMonth ?? thisMonth());
  const [whatToDo, setWhatToDo] = useState(initial?.whatToDo ?? '');
  const [status, setStatus] = useState<'draft' | 'published'>(initial?.status ?? 'draft');
  const [focus, setFocus] = useState<string[]>(initial?.focus.map((f) => f.id) ?? []);
  const [metrics, setMetrics] = useState<Metric[]>(
    initial?.metrics.map((m) => ({ uid: ++uids, serviceId: m.serviceId, action: m.action })) ?? [],
  );
  /** commune code → metric key → target as typed. */
  const [targets, setTargets] = useState<Record<string, Record<string, string>>>(() => {
    const out: Record<string, Record<string, string>> = {};
    for (const ct of initial?.communeTargets ?? [])
      out[ct.communeCode] = { ...out[ct.communeCode], [metricKey(ct)]: String(ct.target) };
    return out;
  });
  const [adding, setAdding] = useState('');
  const serviceName = (id: string) => {
    const s = services.data?.items.find((x) => x.id === id);
    return s ? (lang === 'en' && s.nameEn ? s.nameEn : s.name) : '';
  };
  const metricLabel = (m: Metric) => `${serviceName(m.serviceId)}: ${ACTIVITY_ACTION_LABELS[m.action][lang]}`;
  useEffect(() => {
    if (!metrics.length && services.data?.items.length)
      setMetrics([{ uid: ++uids, serviceId: services.data.items[0].id, action: 'installed_app' }]);
  }, [services.data, metrics.length]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const communeTargets = Object.entries(targets).flatMap(([communeCode, byMetric]) =>
      metrics
        .filter((m) => byMetric[metricKey(m)] !== undefined && byMetric[metricKey(m)] !== '')
        .map((m) => ({
          communeCode,
          serviceId: m.serviceId,
          action: m.action,
          target: Number(byMetric[metricKey(m)]),
        })),
    );
    save.mutate(
      {
        provinceCode,
        title,
        fromMonth,
        toMonth,
        whatToDo,
        status,
        focusServiceIds: focus,
        metrics: metrics.map((m) => ({ serviceId: m.serviceId, action: m.action })),
        communeTargets,
      },
      { onSuccess: (c) => navigate(`/campaigns/${c.id}`, { state: { saved: true } }) },
    );
  };
  const communeName = (code: string) => communes.find((c) => c.code === code)?.fullName ?? code;
  return (
    <QueryState query={services}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field
          label={t('campaigns.fieldTitle')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          maxLength={200}
          error={fieldError(save.error, 'title')}
        />
        <div className="row">
          <Field
            label={t('campaigns.fromMonth')}
            type="month"
            value={fromMonth}
            onChange={(e) => setFrom(e.target.value)}
            error={fieldError(save.error, 'fromMonth')}
          />
          <Field
            label={t('campaigns.toMonth')}
            type="month"
            value={toMonth}
            onChange={(e) => setTo(e.target.value)}
            error={fieldError(save.error, 'toMonth')}
          />
        </div>
        <TextareaField
          label={t('campaigns.whatToDo')}
          hint={t('campaigns.whatToDoHint')}
          value={whatToDo}
          rows={4}
          onChange={(e) => setWhatToDo(e.target.value)}
          error={fieldError(save.error, 'whatToDo')}
        />
        <fieldset className="stack">
          <legend>{t('campaigns.focus')}</legend>
          {services.data?.items.map((s) => (
            <div key={s.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={focus.includes(s.id)}
                  onChange={(e) => setFocus(e.target.checked ? [...focus, s.id] : focus.filter((x) => x !== s.id))}
                />
                <span>{lang === 'en' && s.nameEn ? s.nameEn : s.name}</span>
              </label>
            </div>
          ))}
          {fieldError(save.error, 'focusServiceIds') && (
            <p className="field-error">{fieldError(save.error, 'focusServiceIds')}</p>
          )}
        </fieldset>
        <fieldset className="stack">
          <legend>{t('campaigns.metrics')}</legend>
          {metrics.map((m, i) => (
            <div className="metric-row" key={m.uid}>
              <SelectField
                label={`${t('campaigns.metricService')} ${i + 1}`}
                value={m.serviceId}
                onChange={(e) => setMetrics(metrics.map((x, k) => (k === i ? { ...x, serviceId: e.target.value } : x)))}
              >
                {services.data?.items.map((s) => (
                  <option key={s.id} value={s.id}>
                    {lang === 'en' && s.nameEn ? s.nameEn : s.name}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={`${t('campaigns.metricAction')} ${i + 1}`}
                value={m.action}
                onChange={(e) =>
                  setMetrics(metrics.map((x, k) => (k === i ? { ...x, action: e.target.value as ActivityAction } : x)))
                }
              >
                {ACTIVITY_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {ACTIVITY_ACTION_LABELS[a][lang]}
                  </option>
                ))}
              </SelectField>
              <button
                type="button"
                className="btn"
                aria-label={t('campaigns.removeMetric', { n: i + 1 })}
                onClick={() => setMetrics(metrics.filter((_, k) => k !== i))}
              >
                {t('campaigns.remove')}
              </button>
            </div>
          ))}
          {fieldError(save.error, 'metrics') && <p className="field-error">{fieldError(save.error, 'metrics')}</p>}
          <button
            type="button"
            className="btn"
            disabled={!services.data?.items.length || metrics.length >= 10}
            onClick={() =>
              setMetrics([...metrics, { uid: ++uids, serviceId: services.data!.items[0].id, action: 'installed_app' }])
            }
          >
            {t('campaigns.addMetric')}
          </button>
        </fieldset>
        <fieldset className="stack">
          <legend>{t('campaigns.targets')}</legend>
          {metrics.length === 0 && <p>{t('campaigns.needMetric')}</p>}
          {Object.keys(targets).map((code) => (
            <div key={code} className="metric-row">
              <div className="row-between">
                <strong>{communeName(code)}</strong>
                <button
                  type="button"
                  className="btn"
                  aria-label={`${t('campaigns.remove')} ${communeName(code)}`}
                  onClick={() => setTargets(Object.fromEntries(Object.entries(targets).filter(([k]) => k !== code)))}
                >
                  {t('campaigns.remove')}
                </button>
              </div>
              {metrics.map((m) => (
                <Field
                  key={metricKey(m)}
                  label={metricLabel(m)}
                  aria-label={t('campaigns.targetFor', { metric: metricLabel(m), unit: communeName(code) })}
                  className="num-field"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  value={targets[code]?.[metricKey(m)] ?? ''}
                  onChange={(e) =>
                    setTargets({ ...targets, [code]: { ...targets[code], [metricKey(m)]: e.target.value } })
                  }
                />
              ))}
            </div>
          ))}
          {fieldError(save.error, 'communeTargets') && (
            <p className="field-error">{fieldError(save.error, 'communeTargets')}</p>
          )}
          <div className="row">
            <SelectField
              label={t('campaigns.chooseCommune')}
              value={adding}
              onChange={(e) => setAdding(e.target.value)}
            >
              <option value="">—</option>
              {communes
                .filter((c) => !(c.code in targets))
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.fullName}
                  </option>
                ))}
            </SelectField>
            <button
              type="button"
              className="btn"
              disabled={!adding}
              onClick={() => {
                setTargets({ ...targets, [adding]: {} });
                setAdding('');
              }}
            >
              {t('campaigns.addCommune')}
            </button>
          </div>
        </fieldset>
        <SelectField
          label={t('campaigns.statusField')}
          value={status}
          onChange={(e) => setStatus(e.target.value as 'draft' | 'published')}
        >
          <option value="draft">{t('campaigns.status.draft')}</option>
          <option value="published">{t('campaigns.status.published')}</option>
        </SelectField>
        <ErrorMessage error={save.error} />
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('campaigns.save')}
          </button>
          <Link className="btn" to={initial ? `/campaigns/${initial.id}` : '/campaigns'}>
            {t('campaigns.cancel')}
          </Link>
        </div>
      </form>
    </QueryState>
  );
}

/** /campaigns/new and /campaigns/:id/edit: the province administrator's campaign editor. */
export default function CampaignEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const campaign = useCampaign(id);
  const province =
    campaign.data?.provinceCode ??
    me.data?.assignments.find((a) => a.role === 'province_admin' && a.unitCode)?.unitCode ??
    undefined;
  return (
    <RequireUser roles={['province_admin']}>
      <PageHeader title={id ? t('campaigns.editTitle') : t('campaigns.newTitle')} />
      {id ? (
        <QueryState query={campaign}>
          {campaign.data && province && <Editor provinceCode={province} initial={campaign.data} />}
        </QueryState>
      ) : (
        province && <Editor provinceCode={province} initial={null} />
      )}
    </RequireUser>
  );
}
