import './strings';
import { foldVn } from '@common/constants/units';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePublicConfig, useUnitChildren } from '../../api/units';
import { ChevronRight } from '../../components/icons';
import { Field, PageHeader, QueryState } from '../../components/ui';
import { unitName } from '../units/format';

/**
 * /transparency: the province's communes and wards, filtered as one types (accents optional: "dinh hoa" finds "Xã Định
 * Hoá"), each leading to its public figures. The ~100 names come in one request and are filtered on the phone.
 */
export default function CommunePicker() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const config = usePublicConfig();
  const communes = useUnitChildren(config.data?.provinceCode, { limit: 200 });
  const all = useMemo(
    () =>
      (communes.data?.pages.flatMap((p) => p.items) ?? []).map((c) => ({
        ...c,
        fold: `${foldVn(c.fullName)} ${foldVn(c.fullNameEn ?? '')}`,
      })),
    [communes.data],
  );
  const words = foldVn(q).split(' ').filter(Boolean);
  const shown = words.length ? all.filter((c) => words.every((w) => c.fold.includes(w))) : all;
  const setQ = (v: string) => setParams(v ? { q: v } : {}, { replace: true });
  return (
    <div className="stack">
      <PageHeader title={t('transparency.title')} />
      <p>{t('transparency.pickerLead')}</p>
      <Field
        label={t('transparency.search')}
        hint={t('transparency.searchHint')}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoComplete="off"
      />
      <QueryState query={{ isPending: communes.isPending, error: communes.error, refetch: communes.refetch }}>
        <p className="muted" role="status">
          {t('transparency.count', { count: shown.length })}
        </p>
        {shown.length === 0 ? (
          <p>{t('transparency.none', { q })}</p>
        ) : (
          <ul className="list">
            {shown.map((c) => (
              <li key={c.code}>
                <Link to={`/transparency/${c.code}`} className="list-link">
                  <span className="item-title">{unitName(c, i18n.language)}</span>
                  <ChevronRight />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}
