import './strings';
import './campaigns.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentFocus } from '../../api/campaigns';
import { currentLang } from '../../api/client';
import { QueryState } from '../../components/ui';
import { formatMonth } from '../../i18n';
import { MetricBars } from './Bars';

/**
 * "This month's focus" for a signed-in team member: the province's campaign this month (what to do, the focus
 * services with their guides) and the team's targets and progress. Placed first on the member's page.
 */
export function FocusCard() {
  const { t } = useTranslation();
  const focus = useCurrentFocus();
  const lang = currentLang();
  return (
    <section className="card stack progress-card" aria-labelledby="focus-title">
      <h2 id="focus-title">{t('campaigns.focusCard')}</h2>
      <QueryState query={focus}>
        {focus.data &&
          (!focus.data.campaign ? (
            <p>{t('campaigns.focusNone')}</p>
          ) : (
            <>
              <p className="item-title">{focus.data.campaign.title}</p>
              <p className="item-meta">
                {focus.data.campaign.fromMonth === focus.data.campaign.toMonth
                  ? t('campaigns.periodOne', { from: formatMonth(focus.data.campaign.fromMonth) })
                  : t('campaigns.period', {
                      from: formatMonth(focus.data.campaign.fromMonth),
                      to: formatMonth(focus.data.campaign.toMonth),
                    })}
              </p>
              {focus.data.campaign.whatToDo && <p className="pre-line">{focus.data.campaign.whatToDo}</p>}
              <ul className="plain-list">
                {focus.data.campaign.focus.map((s) => (
                  <li key={s.id}>
                    <Link to={`/catalog/${s.slug}`}>{lang === 'en' && s.nameEn ? s.nameEn : s.name}</Link>
                    {s.guides.length > 0 && (
                      <>
                        {' — '}
                        {s.guides.map((g, i) => (
                          <span key={g.id}>
                            {i > 0 && ', '}
                            <Link to={`/catalog/guides/${g.id}`}>{g.title}</Link>
                          </span>
                        ))}
                      </>
                    )}
                  </li>
                ))}
              </ul>
              {focus.data.team ? (
                <>
                  <h3>
                    {t('campaigns.focusTeamTargets')} — {focus.data.team.name}
                  </h3>
                  <MetricBars metrics={focus.data.metrics} figures={focus.data.metrics} idPrefix="focus-metric" />
                </>
              ) : (
                <p>{t('campaigns.focusNoTeam')}</p>
              )}
            </>
          ))}
      </QueryState>
    </section>
  );
}
