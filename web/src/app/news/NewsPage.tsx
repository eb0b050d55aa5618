import './strings';
import './news.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { NEWS_KINDS, type NewsKind } from '../../../../common/constants/news';
import { rolesOf, useMe } from '../../api/auth';
import { useNewsList } from '../../api/news';
import { usePublicConfig, useUnit, useUnitChildren } from '../../api/units';
import { LoadMore, PageHeader, QueryState, SelectField } from '../../components/ui';
import { FollowBox } from './FollowBox';
import { NewsItem, useNewsLabels } from './shared';

/** /news: published news, pinned first; filter by unit (the province's own, or one commune) and kind chips. */
export default function NewsPage() {
  const { t } = useTranslation();
  const labels = useNewsLabels();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? undefined;
  const kindParam = params.get('kind');
  const kind = (NEWS_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as NewsKind) : undefined;
  const config = usePublicConfig();
  const province = config.data?.provinceCode;
  // The communes are fetched only once the filter is used (or a commune is chosen): the page draws its list first.
  const [wantCommunes, setWantCommunes] = useState(!!unit);
  const communes = useUnitChildren(wantCommunes ? province : undefined, { limit: 100 });
  const selected = useUnit(unit);
  const list = useNewsList({ unit, kind });
  const me = useMe();
  const roles = rolesOf(me.data);
  const canManage = roles.has('commune_admin') || roles.has('province_admin');

  const update = (next: { unit?: string; kind?: string }) => {
    const p = new URLSearchParams();
    const u = 'unit' in next ? next.unit : unit;
    const k = 'kind' in next ? next.kind : kind;
    if (u) p.set('unit', u);
    if (k) p.set('kind', k);
    setParams(p, { replace: true });
  };
  const communeOptions = communes.data?.pages.flatMap((pg) => pg.items) ?? [];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = communes;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="stack">
      <PageHeader title={t('news.title')}>
        {canManage && (
          <Link to="/news/manage" className="btn">
            {t('news.manage')}
          </Link>
        )}
      </PageHeader>
      <p className="lead">{t('news.intro')}</p>
      <SelectField
        label={t('news.unit')}
        value={unit ?? ''}
        onFocus={() => setWantCommunes(true)}
        onPointerDown={() => setWantCommunes(true)}
        onChange={(e) => update({ unit: e.target.value || undefined })}
      >
        <option value="">{t('news.wholeProvince')}</option>
        {province && <option value={province}>{t('news.provinceOnly')}</option>}
        {unit && unit !== province && !communeOptions.some((c) => c.code === unit) && (
          <option value={unit}>{selected.data?.fullName ?? unit}</option>
        )}
        {communeOptions.map((c) => (
          <option key={c.code} value={c.code}>
            {c.fullName}
          </option>
        ))}
      </SelectField>
      <fieldset className="stack-sm">
        <legend>{t('news.kinds')}</legend>
        <ul className="news-chips">
          <li>
            <button type="button" className="btn" aria-pressed={!kind} onClick={() => update({ kind: undefined })}>
              {t('news.all')}
            </button>
          </li>
          {NEWS_KINDS.map((k) => (
            <li key={k}>
              <button type="button" className="btn" aria-pressed={kind === k} onClick={() => update({ kind: k })}>
                {labels.kind(k)}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      {unit && selected.data && selected.data.level !== 'hamlet' && (
        <FollowBox unitCode={unit} unitName={selected.data.fullName} />
      )}
      <QueryState query={list}>
        {items.length === 0 ? (
          <p role="status">{t('news.none')}</p>
        ) : (
          <ul className="news-list">
            {items.map((p) => (
              <NewsItem key={p.id} post={p} headingLevel={2} />
            ))}
          </ul>
        )}
        <LoadMore query={list} />
      </QueryState>
      {unit && (
        <p>
          <a href={`/api/news/feed/${encodeURIComponent(unit)}.atom`}>{t('news.feed')}</a>
        </p>
      )}
    </div>
  );
}
