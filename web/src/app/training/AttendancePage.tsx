import './strings';
import './training.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { attendanceExportUrl, useAttendance, useTick } from '../../api/training';
import { ErrorMessage, Notice, PageHeader, QueryState, SelectField } from '../../components/ui';
import { RequireUser } from '../shell/guards';
import { categoryLabel, formatWhen, SiteCounts } from './shared';

/** /tap-huan/:id/diem-danh: the organiser's attendance list per site, ticked by an officer; export to XLSX. */
export default function AttendancePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const list = useAttendance(id);
  const tick = useTick(id ?? '');
  const [siteId, setSiteId] = useState('');
  const data = list.data;
  const rows = data?.rows.filter((r) => !siteId || r.siteId === siteId) ?? [];
  const sites = data?.sites.filter((s) => !siteId || s.id === siteId) ?? [];
  return (
    <RequireUser roles={['commune_admin', 'province_admin']}>
      <div className="stack">
        <p>
          <Link to={`/tap-huan/${id}`}>{t('training.back')}</Link>
        </p>
        <PageHeader title={t('training.attendance')} />
        <QueryState query={list}>
          {data && (
            <>
              <p className="item-meta">{data.topic}</p>
              <Notice tone="warning">{t('training.personalNote')}</Notice>
              <SelectField label={t('training.site')} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
                <option value="">{t('training.allSites')}</option>
                {data.sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </SelectField>
              {tick.error && <ErrorMessage error={tick.error} />}
              {sites.map((s) => {
                const here = rows.filter((r) => r.siteId === s.id);
                return (
                  <section key={s.id} className="card stack" aria-labelledby={`site-${s.id}`}>
                    <h2 id={`site-${s.id}`}>{s.name}</h2>
                    <SiteCounts site={s} />
                    {here.length === 0 ? (
                      <p>{t('training.noRegistrations')}</p>
                    ) : (
                      <ul className="list">
                        {here.map((r) => (
                          <li key={r.id} className="list-item training-tick">
                            <span className="training-item">
                              <span className="item-title">{r.fullName}</span>
                              <span className="item-meta">
                                {categoryLabel(r.learnerCategory)}
                                {r.unitName ? ` · ${r.unitName}` : ''}
                              </span>
                              {r.attendedAt && (
                                <span className="item-meta">
                                  {formatWhen(r.attendedAt)} · {r.method ? t(`training.method.${r.method}`) : ''}
                                </span>
                              )}
                            </span>
                            <label className="check">
                              <input
                                type="checkbox"
                                checked={!!r.attendedAt}
                                disabled={tick.isPending}
                                onChange={(e) => tick.mutate({ id: r.id, attended: e.target.checked })}
                                aria-label={`${t('training.present')}: ${r.fullName}`}
                              />
                              <span aria-hidden="true">{t('training.present')}</span>
                            </label>
                          </li>
                        ))}
                      </ul>
                    )}
                  </section>
                );
              })}
              <a className="btn" href={attendanceExportUrl(data.sessionId)} download>
                {t('training.exportXlsx')}
              </a>
            </>
          )}
        </QueryState>
      </div>
    </RequireUser>
  );
}
