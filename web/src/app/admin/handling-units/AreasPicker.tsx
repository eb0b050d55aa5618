import { foldVn } from '@common/constants/units';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetHandlingUnitAreas } from '../../../api/admin';
import type { HandlingUnitDetail } from '../../../api/types';
import { useUnitChildren } from '../../../api/units';
import { ErrorMessage, Field, Notice, QueryState } from '../../../components/ui';

/** The communes a handling unit serves: a filterable checkbox list of the province's communes. */
export function AreasPicker({ unit, provinceCode }: { unit: HandlingUnitDetail; provinceCode: string }) {
  const { t } = useTranslation();
  const communes = useUnitChildren(provinceCode, { limit: 200 });
  const save = useSetHandlingUnitAreas(unit.id);
  const [selected, setSelected] = useState(() => new Set(unit.servedCommunes.map((c) => c.code)));
  const [filter, setFilter] = useState('');
  const all = communes.data?.pages.flatMap((p) => p.items) ?? [];
  const shown = useMemo(() => {
    const q = foldVn(filter);
    return q ? all.filter((c) => foldVn(c.fullName).includes(q)) : all;
  }, [all, filter]);
  const toggle = (code: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(code);
    else next.delete(code);
    setSelected(next);
    save.reset();
  };
  return (
    <section className="card stack" aria-labelledby="areas-title">
      <h2 id="areas-title">{t('admin.hu.areas')}</h2>
      <p>{t('admin.hu.areasHelp')}</p>
      <Field
        label={t('admin.hu.filterAreas')}
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div className="row-between">
        <span role="status">{t('admin.hu.selectedCount', { count: selected.size })}</span>
        <span className="row">
          <button
            type="button"
            className="btn"
            onClick={() => setSelected(new Set([...selected, ...shown.map((c) => c.code)]))}
          >
            {t('admin.hu.selectAll')}
          </button>
          <button type="button" className="btn" onClick={() => setSelected(new Set())}>
            {t('admin.hu.selectNone')}
          </button>
        </span>
      </div>
      <QueryState query={communes}>
        <fieldset className="picker">
          <legend className="visually-hidden">{t('admin.hu.areas')}</legend>
          {shown.map((c) => (
            <label key={c.code} className="check">
              <input
                type="checkbox"
                checked={selected.has(c.code)}
                onChange={(e) => toggle(c.code, e.target.checked)}
              />
              <span>{c.fullName}</span>
            </label>
          ))}
        </fieldset>
      </QueryState>
      <ErrorMessage error={save.error} />
      {save.isSuccess && <Notice tone="success">{t('admin.hu.areasSaved')}</Notice>}
      <button
        type="button"
        className="btn btn-primary"
        disabled={save.isPending}
        onClick={() => save.mutate([...selected])}
      >
        {t('admin.hu.saveAreas')}
      </button>
    </section>
  );
}
