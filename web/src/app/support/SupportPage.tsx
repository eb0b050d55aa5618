import './strings';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { rolesOf, useMe } from '../../api/auth';
import { useCatalogServices } from '../../api/catalog';
import { type SupportFilter, useSupportQuestions } from '../../api/support';
import { ChevronRight } from '../../components/icons';
import { Field, LoadMore, PageHeader, QueryState, SelectField } from '../../components/ui';
import { useDebounced } from '../../components/useDebounced';
import { inLang } from '../catalog/labels';
import { RequireUser } from '../shell/guards';
import { Byline, NETWORK_ROLES } from './shared';
import './support.css';

function QuestionList() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const query = useDebounced(q.trim());
  const services = useCatalogServices();
  const filter: SupportFilter = {
    q: query || undefined,
    service: params.get('service') || undefined,
    status: (params.get('status') as SupportFilter['status']) || undefined,
    mine: params.get('mine') === '1' ? '1' : undefined,
  };
  const list = useSupportQuestions(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <>
      <div className="support-filters">
        <Field
          label={t('support.search')}
          hint={t('support.searchHint')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <SelectField
          label={t('support.service')}
          value={filter.service ?? ''}
          onChange={(e) => set('service', e.target.value)}
        >
          <option value="">{t('support.anyService')}</option>
          {services.data?.items.map((s) => (
            <option key={s.id} value={s.slug}>
              {inLang(s.name, s.nameEn)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('support.status')}
          value={filter.status ?? ''}
          onChange={(e) => set('status', e.target.value)}
        >
          <option value="">{t('support.anyStatus')}</option>
          <option value="open">{t('support.open')}</option>
          <option value="answered">{t('support.answered')}</option>
        </SelectField>
        <label className="check">
          <input type="checkbox" checked={!!filter.mine} onChange={(e) => set('mine', e.target.checked ? '1' : '')} />
          <span>{t('support.mine')}</span>
        </label>
      </div>
      <QueryState query={list}>
        {items.length === 0 ? (
          <p role="status">{t('support.none')}</p>
        ) : (
          <ul className="list">
            {items.map((item) => (
              <li key={item.id}>
                <Link to={`/support/${item.id}`} className="list-link">
                  <span className="support-item">
                    <span className="item-title">{item.title}</span>
                    <span className="item-meta">{item.excerpt}</span>
                    <span className="support-tags">
                      <span className={`badge ${item.status === 'answered' ? 'badge-ok' : 'badge-muted'}`}>
                        {item.status === 'answered' ? t('support.answered') : t('support.open')}
                      </span>{' '}
                      <span className="badge badge-muted">{t('support.answers', { count: item.answerCount })}</span>{' '}
                      {item.hidden && <span className="badge badge-danger">{t('support.hidden')}</span>}{' '}
                      {item.services.map((s) => (
                        <span key={s.id} className="badge badge-muted">
                          {inLang(s.name, s.nameEn)}
                        </span>
                      ))}
                    </span>
                    <Byline author={item.author} at={item.createdAt} />
                  </span>
                  <ChevronRight />
                </Link>
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={list} />
      </QueryState>
    </>
  );
}

/** /support: the network's questions, searchable whatever the diacritics, filtered by service and status. */
export default function SupportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canAsk = rolesOf(me.data).has('team_member');
  return (
    <RequireUser roles={NETWORK_ROLES}>
      <div className="stack">
        <PageHeader title={t('support.title')}>
          {canAsk && (
            <Link to="/support/ask" className="btn btn-primary">
              {t('support.ask')}
            </Link>
          )}
        </PageHeader>
        <p className="lead">{t('support.intro')}</p>
        <QuestionList />
      </div>
    </RequireUser>
  );
}
