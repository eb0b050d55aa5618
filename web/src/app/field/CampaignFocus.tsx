import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, currentLang } from '../../api/client';
import { formatNumber } from '../../i18n';

/**
 * The answer of `GET /api/campaigns/current` (the campaigns domain, built on its own branch: `CurrentFocus` in
 * common/campaigns.ts there). Kept here as a type until both are merged; then import that one instead.
 */
interface CurrentFocus {
  month: string;
  campaign: {
    id: string;
    title: string;
    fromMonth: string;
    toMonth: string;
    whatToDo: string;
    focus: { id: string; slug: string; name: string; nameEn: string | null; guides: { id: string; title: string }[] }[];
  } | null;
  metrics: {
    serviceId: string;
    action: string;
    label: { vi: string; en: string };
    target: number | null;
    done: number;
  }[];
}

/**
 * "Trọng tâm tháng này", first on the member's pages: the province's campaign for this month, its focus services and
 * guides, and the team's progress. Shows what the server says and nothing else: no campaign, no route (a 404 before
 * the campaigns domain is merged) or no connection and no copy → nothing at all, never a made-up focus.
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
