import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../../api/client';
import {
  type CategoryView,
  type RoutingRuleView,
  useCommuneCommittee,
  useNamedHandlingUnits,
  useRoutingRules,
  useSetRoutingRule,
} from '../../../api/feedback-admin';
import { ErrorMessage, Notice, SelectField } from '../../../components/ui';
import { categoryLabel, HandlingUnitOptionGroups, unitLabel, useProvinceCode } from './shared';

export interface Commune {
  code: string;
  fullName: string;
}

/**
 * Where a category's reports from a place go today, by the order the server routes in: the commune's rule, the
 * province-wide rule, the category's default unit, the commune's People's Committee.
 */
function useCurrentRoute(category: CategoryView | undefined, communeCode: string) {
  const { t } = useTranslation();
  const province = useProvinceCode();
  const rules = useRoutingRules({ province, category: category?.id }, 200);
  const committee = useCommuneCommittee(communeCode || undefined);
  const named = useNamedHandlingUnits(province);
  if (!category || !rules.data) return null;
  const all = rules.data.pages.flatMap((p) => p.items);
  const nameOf = (u: RoutingRuleView['handlingUnit']) => {
    const h = named.data?.find((x) => x.id === u.id);
    return h ? unitLabel(h) : u.name;
  };
  const exact = all.find((r) => (r.communeCode ?? '') === communeCode) ?? null;
  const own = communeCode ? all.find((r) => r.communeCode === communeCode) : undefined;
  const wide = all.find((r) => r.communeCode === null);
  let text: string;
  if (own) text = `${nameOf(own.handlingUnit)} (${t('admin.fs.rule.byCommuneRule')})`;
  else if (wide) text = `${nameOf(wide.handlingUnit)} (${t('admin.fs.rule.byProvinceRule')})`;
  else if (category.defaultHandlingUnitId) {
    const h = named.data?.find((u) => u.id === category.defaultHandlingUnitId);
    text = `${h ? unitLabel(h) : '…'} (${t('admin.fs.rule.byDefault')})`;
  } else {
    const name = communeCode && committee.data ? unitLabel(committee.data) : t('admin.fs.cat.committee');
    text = `${name} (${t('admin.fs.rule.byCommittee')})`;
  }
  return { text, exact };
}

/** A rule: category + commune (or the whole province) → handling unit. Editing keeps the place, changes the unit. */
export function RuleForm({
  categories,
  communes,
  rule,
  onDone,
}: {
  categories: CategoryView[];
  communes: Commune[];
  rule?: RoutingRuleView;
  onDone: (saved: RoutingRuleView) => void;
}) {
  const { t } = useTranslation();
  const province = useProvinceCode();
  const save = useSetRoutingRule();
  const named = useNamedHandlingUnits(province);
  const [categoryId, setCategoryId] = useState(rule?.categoryId ?? '');
  const [communeCode, setCommuneCode] = useState(rule?.communeCode ?? '');
  const [unitId, setUnitId] = useState(rule?.handlingUnit.id ?? '');
  const category = categories.find((c) => c.id === categoryId);
  const committee = useCommuneCommittee(communeCode || undefined);
  const current = useCurrentRoute(category, communeCode);
  const err = (f: string) => fieldError(save.error, f);
  const place = communeCode
    ? (communes.find((c) => c.code === communeCode)?.fullName ?? communeCode)
    : t('admin.fs.rule.wholeProvince');
  const units = (named.data ?? []).filter((h) => h.active || h.id === unitId);
  // A rule may send a commune's reports back to its own committee (when a province-wide rule says otherwise).
  const committeeOption = committee.data && !units.some((h) => h.id === committee.data?.id) ? committee.data : null;
  const ruleUnit =
    rule && !units.some((h) => h.id === rule.handlingUnit.id) && committeeOption?.id !== rule.handlingUnit.id
      ? rule.handlingUnit
      : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        categoryId: categoryId || undefined,
        communeCode: communeCode || null,
        handlingUnitId: unitId || undefined,
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="stack">
      {rule ? (
        <p>
          <strong>{category ? categoryLabel(category) : rule.categoryCode}</strong> · {place}
        </p>
      ) : (
        <>
          <SelectField
            label={t('admin.fs.rule.category')}
            value={categoryId}
            onChange={(e) => {
              save.reset();
              setCategoryId(e.target.value);
            }}
            error={err('categoryId')}
          >
            <option value="">{t('admin.fs.rule.chooseCategory')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryLabel(c)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('admin.fs.rule.commune')}
            value={communeCode}
            onChange={(e) => {
              save.reset();
              setCommuneCode(e.target.value);
            }}
            error={err('communeCode')}
          >
            <option value="">{t('admin.fs.rule.wholeProvince')}</option>
            {communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.fullName}
              </option>
            ))}
          </SelectField>
        </>
      )}
      {current && (
        <Notice>
          {t('admin.fs.rule.now', { unit: current.text })}
          {!rule && current.exact && (
            <>
              <br />
              {t('admin.fs.rule.replaces')}
            </>
          )}
        </Notice>
      )}
      <SelectField
        label={t('admin.fs.rule.unit')}
        value={unitId}
        onChange={(e) => {
          save.reset();
          setUnitId(e.target.value);
        }}
        error={err('handlingUnitId')}
      >
        <option value="">{t('admin.fs.rule.chooseUnit')}</option>
        {ruleUnit && <option value={ruleUnit.id}>{ruleUnit.name}</option>}
        {committeeOption && (
          <option value={committeeOption.id}>
            {t('admin.fs.rule.committeeOf')}: {unitLabel(committeeOption)}
          </option>
        )}
        <HandlingUnitOptionGroups units={units} />
      </SelectField>
      <ErrorMessage error={save.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('admin.fs.rule.save')}
        </button>
      </div>
    </form>
  );
}
