import './strings';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rolesOf, useMe } from '../../api/auth';
import { useCampaigns } from '../../api/campaigns';
import { ChevronRight } from '../../components/icons';
import { PageHeader, QueryState } from '../../components/ui';
import { formatMonth } from '../../i18n';
import { RequireUser } from '../shell/guards';
import { FocusCard } from './FocusCard';

/** /campaigns: the province's campaigns (drafts for its administrators); members see their focus first. */
export default function CampaignsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useCampaigns();
  const isMember = rolesOf(me.data).has('team_member');
  return (
    <RequireUser roles={['team_member', 'commune_admin', 'province_admin']}>
      <PageHeader title={t('campaigns.title')}>
        {list.data?.canCreate && (
          <Link className="btn btn-primary" to="/campaigns/new">
            {t('campaigns.create')}
          </Link>
        )}
      </PageHeader>
      <p>{t('campaigns.intro')}</p>
      {isMember && <FocusCard />}
      <QueryState query={list}>
        {list.data &&
          (list.data.items.length === 0 ? (
            <p>{t('campaigns.none')}</p>
          ) : (
            <ul className="list">
              {list.data.items.map((c) => (
                <li key={c.id}>
                  <Link to={`/campaigns/${c.id}`} className="list-link">
                    <span>
                      <span className="item-title">{c.title}</span>
                      <br />
                      <span className="item-meta">
                        {c.fromMonth === c.toMonth
                          ? t('campaigns.periodOne', { from: formatMonth(c.fromMonth) })
                          : t('campaigns.period', { from: formatMonth(c.fromMonth), to: formatMonth(c.toMonth) })}{' '}
                        · {t(`campaigns.status.${c.status}`)}
                        {c.focus.length > 0 && ` · ${c.focus.map((f) => f.name).join(', ')}`}
                      </span>
                    </span>
                    <ChevronRight />
                  </Link>
                </li>
              ))}
            </ul>
          ))}
      </QueryState>
    </RequireUser>
  );
}
