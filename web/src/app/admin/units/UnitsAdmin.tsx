import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import type { Unit, UnitDetail } from '../../../api/types';
import { useUnit, useUnitChildren, useUnitSearch } from '../../../api/units';
import { ChevronRight } from '../../../components/icons';
import { Field, LoadMore, Notice, PageHeader, QueryState } from '../../../components/ui';
import { kindLabel } from '../../units/format';
import { Breadcrumb } from '../../units/UnitPage';
import { AdminPage, useAdminScope } from '../shared';
import { HamletFormDialog, MergeDialog, RetireDialog } from './HamletDialogs';
import { ImportPanel } from './ImportPanel';

function meta(u: Unit, t: (k: string, o?: Record<string, unknown>) => string) {
  return [
    kindLabel(u.kind),
    u.code,
    u.households != null ? t('map.households', { count: u.households }) : null,
    u.status === 'retired'
      ? u.mergedInto
        ? t('admin.units.mergedInto', { code: u.mergedInto })
        : t('unit.retired')
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function UnitLinks({ items }: { items: Unit[] }) {
  const { t } = useTranslation();
  return (
    <ul className="list">
      {items.map((u) => (
        <li key={u.code}>
          <Link to={`/admin/units/${u.code}`} className="list-link">
            <span>
              <span className="item-title">{u.fullName}</span>
              <br />
              <span className="item-meta">
                {meta(u, t)}
                {u.parentFullName && u.level !== 'commune' ? ` · ${u.parentFullName}` : ''}
              </span>
            </span>
            <ChevronRight />
          </Link>
        </li>
      ))}
    </ul>
  );
}

type Action = { kind: 'edit' | 'retire' | 'merge'; hamlet: Unit } | { kind: 'add' } | null;

function Hamlets({ commune }: { commune: UnitDetail }) {
  const { t } = useTranslation();
  const [showRetired, setShowRetired] = useState(false);
  const list = useUnitChildren(commune.code, { includeRetired: showRetired });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [action, setAction] = useState<Action>(null);
  const [message, setMessage] = useState<string>();
  const done = (m?: string) => {
    setAction(null);
    setMessage(m ?? t('admin.units.saved'));
  };
  return (
    <>
      <section className="stack" aria-labelledby="hamlets-title">
        <div className="row-between">
          <h2 id="hamlets-title">{t('admin.units.hamlets')}</h2>
          <button type="button" className="btn btn-primary" onClick={() => setAction({ kind: 'add' })}>
            {t('admin.units.add')}
          </button>
        </div>
        <label className="check">
          <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />
          <span>{t('admin.units.showRetired')}</span>
        </label>
        {message && <Notice tone="success">{message}</Notice>}
        <QueryState query={list}>
          {items.length === 0 ? (
            <p>{t('unit.noHamlets')}</p>
          ) : (
            <ul className="list">
              {items.map((h) => (
                <li key={h.code} className="list-item">
                  <p className="item-title">
                    <Link to={`/admin/units/${h.code}`}>{h.fullName}</Link>
                  </p>
                  <p className="item-meta">{meta(h, t)}</p>
                  {h.status === 'active' && (
                    // biome-ignore lint/a11y/useSemanticElements: a labelled group of buttons, not a form
                    <div
                      className="item-actions"
                      role="group"
                      aria-label={t('admin.units.actionsFor', { name: h.fullName })}
                    >
                      <button
                        type="button"
                        className="btn"
                        onClick={() => setAction({ kind: 'edit', hamlet: h })}
                        aria-label={`${t('common.edit')}: ${h.fullName}`}
                      >
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="btn"
                        onClick={() => setAction({ kind: 'merge', hamlet: h })}
                        aria-label={`${t('admin.units.merge')}: ${h.fullName}`}
                      >
                        {t('admin.units.merge')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-danger"
                        onClick={() => setAction({ kind: 'retire', hamlet: h })}
                        aria-label={`${t('admin.units.retire')}: ${h.fullName}`}
                      >
                        {t('admin.units.retire')}
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          <LoadMore query={list} />
        </QueryState>
      </section>
      {(action?.kind === 'add' || action?.kind === 'edit') && (
        <HamletFormDialog
          key={action.kind === 'edit' ? action.hamlet.code : 'new'}
          open
          communeCode={commune.code}
          hamlet={action.kind === 'edit' ? action.hamlet : undefined}
          onClose={() => setAction(null)}
          onDone={done}
        />
      )}
      {action?.kind === 'retire' && (
        <RetireDialog hamlet={action.hamlet} onClose={() => setAction(null)} onDone={() => done()} />
      )}
      {action?.kind === 'merge' && (
        <MergeDialog hamlet={action.hamlet} siblings={items} onClose={() => setAction(null)} onDone={() => done()} />
      )}
      <ImportPanel communeCode={commune.code} />
    </>
  );
}

function HamletDetail({ hamlet }: { hamlet: UnitDetail }) {
  const { t } = useTranslation();
  const siblings = useUnitChildren(hamlet.parentCode ?? undefined);
  const [action, setAction] = useState<Action>(null);
  const [message, setMessage] = useState<string>();
  const done = (m?: string) => {
    setAction(null);
    setMessage(m ?? t('admin.units.saved'));
  };
  return (
    <section className="card stack">
      <p className="item-meta">{meta(hamlet, t)}</p>
      {message && <Notice tone="success">{message}</Notice>}
      {hamlet.status === 'active' && (
        <div className="row">
          <button type="button" className="btn" onClick={() => setAction({ kind: 'edit', hamlet })}>
            {t('common.edit')}
          </button>
          <button type="button" className="btn" onClick={() => setAction({ kind: 'merge', hamlet })}>
            {t('admin.units.merge')}
          </button>
          <button type="button" className="btn btn-danger" onClick={() => setAction({ kind: 'retire', hamlet })}>
            {t('admin.units.retire')}
          </button>
        </div>
      )}
      {action?.kind === 'edit' && (
        <HamletFormDialog
          open
          communeCode={hamlet.parentCode ?? ''}
          hamlet={hamlet}
          onClose={() => setAction(null)}
          onDone={done}
        />
      )}
      {action?.kind === 'retire' && (
        <RetireDialog hamlet={hamlet} onClose={() => setAction(null)} onDone={() => done()} />
      )}
      {action?.kind === 'merge' && (
        <MergeDialog
          hamlet={hamlet}
          siblings={siblings.data?.pages.flatMap((p) => p.items) ?? []}
          onClose={() => setAction(null)}
          onDone={() => done()}
        />
      )}
    </section>
  );
}

function Search({ scopeCode, isProvince }: { scopeCode: string; isProvince: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useUnitSearch(q, isProvince ? { province: scopeCode } : { parent: scopeCode });
  return (
    <div className="stack">
      <Field
        label={t('admin.units.search')}
        hint={t('admin.units.searchHint')}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoComplete="off"
      />
      {q.trim().length >= 2 && (
        <section aria-labelledby="search-results" aria-live="polite" className="stack">
          <h2 id="search-results" className="visually-hidden">
            {t('admin.units.results')}
          </h2>
          <QueryState query={search}>
            {search.data?.items.length ? <UnitLinks items={search.data.items} /> : <p>{t('admin.units.noResults')}</p>}
          </QueryState>
        </section>
      )}
    </div>
  );
}

function Communes({ province }: { province: UnitDetail }) {
  const { t } = useTranslation();
  const list = useUnitChildren(province.code, { limit: 200 });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="stack" aria-labelledby="communes-title">
      <div className="row-between">
        <h2 id="communes-title">{t('admin.units.communes')}</h2>
        {list.data && <span className="muted">{t('unit.total', { count: list.data.pages[0].total })}</span>}
      </div>
      <QueryState query={list}>
        <UnitLinks items={items} />
        <LoadMore query={list} />
      </QueryState>
    </section>
  );
}

function UnitsBody() {
  const { t } = useTranslation();
  const { code } = useParams();
  const scope = useAdminScope();
  const unit = useUnit(code);
  const root = scope.isProvince ? scope.provinceCode : scope.communes.length === 1 ? scope.communes[0].code : null;
  if (!code) {
    if (root) return <Navigate to={`/admin/units/${root}`} replace />;
    return (
      <>
        <PageHeader title={t('admin.units.title')} />
        <p>{t('admin.units.chooseCommune')}</p>
        <ul className="list">
          {scope.communes.map((c) => (
            <li key={c.code}>
              <Link className="list-link" to={`/admin/units/${c.code}`}>
                {c.name}
                <ChevronRight />
              </Link>
            </li>
          ))}
        </ul>
      </>
    );
  }
  const u = unit.data;
  const searchScope = scope.isProvince ? scope.provinceCode : u?.level === 'commune' ? u.code : u?.parentCode;
  return (
    <QueryState query={unit}>
      {u && (
        <div className="stack-lg">
          <div>
            <p className="eyebrow">{t('admin.units.title')}</p>
            <Breadcrumb unit={u} base="/admin/units" />
            <PageHeader title={u.fullName}>
              {u.level === 'commune' && (
                <Link to={`/map?commune=${u.code}`} className="btn">
                  {t('unit.onMap')}
                </Link>
              )}
            </PageHeader>
          </div>
          {searchScope && <Search scopeCode={searchScope} isProvince={scope.isProvince} />}
          {u.level === 'province' && <Communes province={u} />}
          {u.level === 'commune' && <Hamlets commune={u} />}
          {u.level === 'hamlet' && <HamletDetail hamlet={u} />}
        </div>
      )}
    </QueryState>
  );
}

export default function UnitsAdmin() {
  return (
    <AdminPage>
      <UnitsBody />
    </AdminPage>
  );
}
