import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CurrentFocus } from '../../../../common/campaigns';
import { ApiError, api, currentLang } from '../../api/client';
import { formatNumber } from '../../i18n';

/**
 * "Trọng tâm tháng này", first on the member's pages: the province's campaign for this month, its focus services and
 * guides, and the team's progress. Shows what the server says and nothing else: no campaign, or no connection and no
 * copy → nothing at all, never a made-up focus. (The campaigns pages show the same answer as `campaigns/FocusCard`,
 * online; this one is the member's offline-first copy.)
 */
export function CampaignFocus() {
  const { t } = useTranslation();
  const lang = currentLang();
  const current = useQuery({
    queryKey: ['field', 'campaign-current'],
    staleTime: 30 * 60_000,
    networkMode: 'offlineFirst',
    retry: (n, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && n < 1,
    queryFn: ({ signal }) => api<CurrentFocus>('/api/campaigns/current', { signal }),
  });
  const c = current.data?.campaign;
  if (!c) return null;
  const metrics = current.data?.metrics ?? [];
  return (
    <section className="card stack field-focus" aria-labelledby="field-focus-title">
      <h2 id="field-focus-title">
        {t('field.focusSlot')}: {c.title}
      </h2>
      {c.whatToDo && <p className="field-note">{c.whatToDo}</p>}
      {c.focus.length > 0 && (
        <ul className="plain-list">
          {c.focus.map((s) => (
            <li key={s.id}>
              <Link to={`/catalog/${encodeURIComponent(s.slug)}`}>{(lang === 'en' && s.nameEn) || s.name}</Link>
              {s.guides.length > 0 && (
                <>
                  {' · '}
                  {s.guides.map((g, i) => (
                    <span key={g.id}>
                      {i > 0 && ', '}
                      <Link to={`/catalog/guides/${encodeURIComponent(g.id)}`}>{g.title}</Link>
                    </span>
                  ))}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {metrics.length > 0 && (
        <ul className="plain-list">
          {metrics.map((m) => (
            <li key={`${m.serviceId}-${m.action}`}>
              {m.label[lang]}: <strong>{formatNumber(m.done)}</strong>
              {m.target !== null && ` / ${formatNumber(m.target)}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
