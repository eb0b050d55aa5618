import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../api/auth';
import type { UnitDetail } from '../../api/types';
import { useUnit, useUnitChildren } from '../../api/units';
import { ChevronRight } from '../../components/icons';
import { LoadMore, PageHeader, QueryState } from '../../components/ui';
import { formatNumber } from '../../i18n';
import { canManageUnit, kindLabel, unitName } from './format';

export function Breadcrumb({ unit, base }: { unit: UnitDetail; base: string }) {
  const { t, i18n } = useTranslation();
  const trail = (unit.breadcrumb ?? []).filter((b) => b.code !== unit.code);
  if (!trail.length) return null;
  return (
    <nav aria-label={t('unit.breadcrumb')} className="breadcrumb">
      <ol>
        {trail.map((b) => (
          <li key={b.code}>
            <Link to={`${base}/${b.code}`}>{unitName(b, i18n.language)}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Children({ unit }: { unit: UnitDetail }) {
  const { t, i18n } = useTranslation();
  const children = useUnitChildren(unit.code);
  const items = children.data?.pages.flatMap((p) => p.items) ?? [];
  const total = children.data?.pages[0]?.total;
  return (
    <section aria-labelledby="unit-children" className="stack">
      <div className="row-between">
        <h2 id="unit-children">{t(`unit.children.${unit.level}`)}</h2>
        {total !== undefined && <span className="muted">{t('unit.total', { count: total })}</span>}
      </div>
      <QueryState query={children}>
        {items.length === 0 ? (
          <p>{unit.level === 'commune' ? t('unit.noHamlets') : t('unit.none')}</p>
        ) : (
          <ul className="list">
            {items.map((c) => (
              <li key={c.code}>
                <Link to={`/units/${c.code}`} className="list-link">
                  <span>
                    <span className="item-title">{unitName(c, i18n.language)}</span>
                    <br />
                    <span className="item-meta">
                      {kindLabel(c.kind)}
                      {c.households != null && ` · ${t('map.households', { count: formatNumber(c.households) })}`}
                      {c.status === 'retired' && ` · ${t('unit.retired')}`}
                    </span>
                  </span>
                  <ChevronRight />
                </Link>
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={children} />
      </QueryState>
    </section>
  );
}

/** Public page of one unit: where it sits and what is below it (a commune's hamlets). */
export default function UnitPage() {
  const { code } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe();
  const unit = useUnit(code);
  const u = unit.data;
  return (
    <QueryState query={unit}>
      {u && (
        <div className="stack-lg">
          <div>
            <Breadcrumb unit={u} base="/units" />
            <PageHeader title={unitName(u, i18n.language)} />
            <div className="row">
              <span className="badge">{kindLabel(u.kind)}</span>
              <span className="badge badge-muted">
                {t('unit.code')} {u.code}
              </span>
              {u.households != null && (
                <span className="badge badge-muted">{t('map.households', { count: u.households })}</span>
              )}
              {u.status === 'retired' && <span className="badge badge-danger">{t('unit.retired')}</span>}
            </div>
            <div className="row" style={{ marginTop: 12 }}>
              {u.level === 'commune' && (
                <Link to={`/map?commune=${u.code}`} className="btn">
                  {t('unit.onMap')}
                </Link>
              )}
              {canManageUnit(me.data, u) && (
                <Link to={`/admin/units/${u.code}`} className="btn">
                  {t('unit.manage')}
                </Link>
              )}
            </div>
          </div>
          {u.level !== 'hamlet' && <Children unit={u} />}
        </div>
      )}
    </QueryState>
  );
}
