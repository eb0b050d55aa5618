import './strings';
import './indicators.css';
import { INDICATOR_BY_CODE } from '@common/constants/indicators';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type {
  IndicatorDefinition,
  IndicatorEntryView,
  IndicatorValue,
  IndicatorValues,
} from '../../../../common/indicators';
import { currentLang, fieldError } from '../../api/client';
import {
  downloadIndicatorErrorReport,
  type IndicatorImportOutcome,
  useEnterIndicator,
  useImportIndicators,
  useIndicatorDefinitions,
  useIndicatorEntries,
  useIndicatorMonth,
} from '../../api/indicators';
import { ImportErrors } from '../../components/ImportErrors';
import { ErrorMessage, Field, FieldShell, Notice, PageHeader, QueryState } from '../../components/ui';
import { formatDateTime, formatMonth, formatNumber } from '../../i18n';
import { AdminPage, UnitScopeSelect, useAdminScope } from '../admin/shared';

const thisMonth = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
const lastMonth = () => {
  const [y, m] = thisMonth().split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};
const pct = (n: number, d: number) => Math.round((n / d) * 10000) / 100;
const num = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));
const newKey = () => crypto.randomUUID();

/** "447.369" or "62,45% (612/980)": a figure as the page writes it. */
function useFigureText() {
  const { t } = useTranslation();
  return (def: IndicatorDefinition, f: Pick<IndicatorValue, 'value' | 'numerator' | 'denominator'>) => {
    if (f.value === null) return '—';
    if (def.kind === 'ratio' && f.numerator !== null && f.denominator !== null)
      return t('indicatorEntry.percentOf', {
        pct: formatNumber(f.value),
        n: formatNumber(f.numerator),
        d: formatNumber(f.denominator),
      });
    return formatNumber(f.value);
  };
}

function TargetBadge({ met, target }: { met: boolean | null; target: number | null }) {
  const { t } = useTranslation();
  if (met === null || target === null) return null;
  return (
    <span className={`badge ${met ? '' : 'badge-danger'}`}>
      {t(met ? 'indicatorEntry.met' : 'indicatorEntry.missed')} ({formatNumber(target)}%)
    </span>
  );
}

/** One figure's form: a value, or a numerator and a denominator (with the agency for per-agency indicators). */
function FigureForm({
  def,
  unit,
  month,
  subject: fixedSubject,
  current,
  target,
  idPrefix,
  onDone,
}: {
  def: IndicatorDefinition;
  unit: string;
  month: string;
  subject?: string;
  current: IndicatorEntryView | null;
  target: number | null;
  idPrefix: string;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const enter = useEnterIndicator();
  const [subject, setSubject] = useState(fixedSubject ?? '');
  const [value, setValue] = useState(current?.value == null ? '' : String(current.value));
  const [numerator, setNumerator] = useState(current?.numerator == null ? '' : String(current.numerator));
  const [denominator, setDenominator] = useState(current?.denominator == null ? '' : String(current.denominator));
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const key = useRef(newKey());
  const changed = () => {
    key.current = newKey();
    enter.reset();
  };
  const ratio = def.kind === 'ratio';
  const n = num(numerator);
  const d = num(denominator);
  const preview = ratio && n !== undefined && d ? pct(n, d) : null;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    enter.mutate(
      {
        key: key.current,
        body: {
          indicator: def.code,
          unitCode: unit,
          month,
          subject: def.bySubject ? subject.trim() || undefined : undefined,
          value: ratio ? undefined : num(value),
          numerator: ratio ? n : undefined,
          denominator: ratio ? d : undefined,
          note: note.trim() || undefined,
          reason: reason.trim() || undefined,
        },
      },
      {
        onSuccess: () => {
          key.current = newKey();
          setReason('');
          onDone?.();
        },
      },
    );
  };
  const measure = def.measure[lang];
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      {def.bySubject && fixedSubject === undefined && (
        <Field
          id={`${idPrefix}-subject`}
          label={INDICATOR_BY_CODE.get(def.code)?.subjectLabel?.[lang] ?? t('indicatorEntry.agencies')}
          value={subject}
          maxLength={200}
          onChange={(e) => {
            setSubject(e.target.value);
            changed();
          }}
          error={fieldError(enter.error, 'subject')}
        />
      )}
      {ratio ? (
        <div className="figure-pair">
          <Field
            id={`${idPrefix}-numerator`}
            label={INDICATOR_BY_CODE.get(def.code)?.numeratorLabel?.[lang] ?? t('indicatorEntry.numerator')}
            type="number"
            inputMode="numeric"
            min={0}
            value={numerator}
            onChange={(e) => {
              setNumerator(e.target.value);
              changed();
            }}
            error={fieldError(enter.error, 'numerator')}
          />
          <Field
            id={`${idPrefix}-denominator`}
            label={INDICATOR_BY_CODE.get(def.code)?.denominatorLabel?.[lang] ?? t('indicatorEntry.denominator')}
            type="number"
            inputMode="numeric"
            min={0}
            value={denominator}
            onChange={(e) => {
              setDenominator(e.target.value);
              changed();
            }}
            error={fieldError(enter.error, 'denominator')}
          />
        </div>
      ) : (
        <Field
          id={`${idPrefix}-value`}
          label={t('indicatorEntry.value', { measure })}
          type="number"
          inputMode="numeric"
          min={0}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            changed();
          }}
          error={fieldError(enter.error, 'value')}
        />
      )}
      {preview !== null && (
        <p className="item-meta" aria-live="polite">
          {t('indicatorEntry.preview', { pct: formatNumber(preview) })}{' '}
          {target !== null && <TargetBadge met={preview >= target} target={target} />}
        </p>
      )}
      <Field
        id={`${idPrefix}-note`}
        label={t('indicatorEntry.note')}
        optional
        value={note}
        maxLength={1000}
        onChange={(e) => setNote(e.target.value)}
        error={fieldError(enter.error, 'note')}
      />
      {current && (
        <Field
          id={`${idPrefix}-reason`}
          label={t('indicatorEntry.reason')}
          hint={t('indicatorEntry.reasonHint')}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          error={fieldError(enter.error, 'reason')}
        />
      )}
      <ErrorMessage error={enter.error} />
      {enter.isSuccess && <Notice tone="success">{t('indicatorEntry.saved')}</Notice>}
      <button type="submit" className="btn btn-primary" disabled={enter.isPending}>
        {t('indicatorEntry.save')}
      </button>
    </form>
  );
}

function History({ entries }: { entries: IndicatorEntryView[] }) {
  const { t } = useTranslation();
  const text = useFigureText();
  if (entries.length === 0) return null;
  return (
    <details className="history">
      <summary>{t('indicatorEntry.history', { count: entries.length })}</summary>
      <ul className="list">
        {entries.map((e) => (
          <li key={e.id} className="list-item">
            <p>
              {e.subject && <strong>{e.subject}: </strong>}
              {text(
                {
                  kind: e.numerator !== null ? 'ratio' : 'flow',
                } as IndicatorDefinition,
                {
                  value: e.numerator !== null && e.denominator ? pct(e.numerator, e.denominator) : e.value,
                  numerator: e.numerator,
                  denominator: e.denominator,
                },
              )}{' '}
              <span className={`badge ${e.current ? '' : 'badge-muted'}`}>
                {t(e.current ? 'indicatorEntry.inUse' : 'indicatorEntry.replaced')}
              </span>
            </p>
            <p className="item-meta">
              {t('indicatorEntry.enteredBy', { who: e.enteredBy, at: formatDateTime(e.enteredAt) })}
              {e.reason && ` · ${t('indicatorEntry.reason')}: ${e.reason}`}
              {e.note && ` · ${e.note}`}
            </p>
          </li>
        ))}
      </ul>
    </details>
  );
}

function IndicatorCard({
  def,
  value,
  entries,
  unit,
  month,
}: {
  def: IndicatorDefinition;
  value: IndicatorValue | undefined;
  entries: IndicatorEntryView[];
  unit: string;
  month: string;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const text = useFigureText();
  const current = entries.find((e) => e.current) ?? null;
  const inMonth = value && value.coveredFrom.slice(0, 7) === month && value.coveredTo.slice(0, 7) === month;
  const titleId = `ind-${def.code.replace(/\W/g, '-')}`;
  return (
    <section className="card stack indicator-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{def.name[lang]}</h2>
      <p className="item-meta">{def.description[lang]}</p>
      <p className="item-meta">{t('indicatorEntry.source', { source: def.source[lang] })}</p>
      <p className="indicator-current">
        {value && value.value !== null && inMonth
          ? t('indicatorEntry.current', { month: formatMonth(month), value: text(def, value) })
          : t('indicatorEntry.notEntered', { month: formatMonth(month) })}
        {value && value.value !== null && inMonth && !current && ` ${t('indicatorEntry.fromChildren')}`}{' '}
        {inMonth && value && <TargetBadge met={value.targetMet} target={value.target} />}
      </p>
      <FigureForm
        key={`${unit}-${month}-${current?.id ?? 'new'}`}
        def={def}
        unit={unit}
        month={month}
        current={current}
        target={value?.target ?? null}
        idPrefix={titleId}
      />
      <History entries={entries} />
    </section>
  );
}

/** Per agency: each agency's share against the target, the unit's total, a form for one agency, the history. */
function AgencyCard({
  def,
  value,
  entries,
  unit,
  month,
}: {
  def: IndicatorDefinition;
  value: IndicatorValue | undefined;
  entries: IndicatorEntryView[];
  unit: string;
  month: string;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const text = useFigureText();
  const [editing, setEditing] = useState<string | null>(null);
  const titleId = `ind-${def.code.replace(/\W/g, '-')}`;
  const subjects = value?.subjects ?? [];
  const currentOf = (subject: string) => entries.find((e) => e.current && e.subject === subject) ?? null;
  return (
    <section className="card stack indicator-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{def.name[lang]}</h2>
      <p className="item-meta">{def.description[lang]}</p>
      <p className="item-meta">{t('indicatorEntry.source', { source: def.source[lang] })}</p>
      {value?.target != null && <p>{t('indicatorEntry.target', { target: formatNumber(value.target) })}</p>}
      <h3>{t('indicatorEntry.agencies')}</h3>
      {subjects.length === 0 ? (
        <p className="muted">{t('indicatorEntry.noAgencies')}</p>
      ) : (
        <ul className="list">
          {subjects.map((s) => (
            <li key={s.subject} className="list-item agency-row">
              <div className="row-between">
                <strong>{s.subject}</strong>
                {currentOf(s.subject) && (
                  <button
                    type="button"
                    className="btn-link"
                    onClick={() => setEditing(s.subject)}
                    aria-label={t('indicatorEntry.editAgency', { name: s.subject })}
                  >
                    {t('indicatorEntry.edit')}
                  </button>
                )}
              </div>
              <p>
                {text(def, s)} <TargetBadge met={s.targetMet} target={s.target} />
              </p>
              {s.value !== null && (
                <progress className="bar" max={100} value={Math.min(s.value, 100)} aria-label={s.subject} />
              )}
            </li>
          ))}
        </ul>
      )}
      {value && value.value !== null && (
        <p className="indicator-current">
          {t('indicatorEntry.total', { figure: text(def, value) })}{' '}
          <TargetBadge met={value.targetMet} target={value.target} />
        </p>
      )}
      <h3>{editing ? t('indicatorEntry.editAgency', { name: editing }) : t('indicatorEntry.agencyForm')}</h3>
      <FigureForm
        key={`${unit}-${month}-${editing ?? 'new'}-${editing ? currentOf(editing)?.id : ''}`}
        def={def}
        unit={unit}
        month={month}
        subject={editing ?? undefined}
        current={editing ? currentOf(editing) : null}
        target={value?.target ?? null}
        idPrefix={`${titleId}-form`}
        onDone={() => setEditing(null)}
      />
      <History entries={entries} />
    </section>
  );
}

function ImportOutcome({ outcome, onReport }: { outcome: IndicatorImportOutcome; onReport: () => void }) {
  const { t } = useTranslation();
  if (outcome.ok)
    return (
      <Notice tone="success">
        {t(outcome.dryRun ? 'indicatorEntry.checkOk' : 'indicatorEntry.done', {
          entered: outcome.entered,
          corrected: outcome.corrected,
          unchanged: outcome.unchanged,
        })}
      </Notice>
    );
  return (
    <>
      <div className="alert alert-error" role="alert">
        {outcome.error.message}
      </div>
      {outcome.errors.length > 0 && (
        <>
          <button type="button" className="btn" onClick={onReport}>
            {t('indicatorEntry.report')}
          </button>
          <ImportErrors errors={outcome.errors} id="indicator-import-errors" />
        </>
      )}
    </>
  );
}

function ImportPanel({ unit }: { unit: string }) {
  const { t } = useTranslation();
  const check = useImportIndicators(unit);
  const run = useImportIndicators(unit);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const checked = check.data?.ok && check.variables?.file === file ? check.data : null;
  const onCheck = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFileError(t('indicatorEntry.chooseFile'));
    setFileError(undefined);
    run.reset();
    check.mutate({ file, dryRun: true });
  };
  const report = () => file && downloadIndicatorErrorReport(unit, file);
  return (
    <section className="card stack" aria-labelledby="indicator-import-title">
      <h2 id="indicator-import-title">{t('indicatorEntry.import')}</h2>
      <p>{t('indicatorEntry.importHelp')}</p>
      <a className="btn" href={`/api/indicators/import-template.xlsx?unit=${encodeURIComponent(unit)}`} download>
        {t('indicatorEntry.template')}
      </a>
      <form onSubmit={onCheck} noValidate className="stack">
        <FieldShell label={t('indicatorEntry.file')} error={fileError}>
          {(p) => (
            <input
              {...p}
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                check.reset();
                run.reset();
              }}
            />
          )}
        </FieldShell>
        <button type="submit" className="btn btn-primary" disabled={check.isPending}>
          {t('indicatorEntry.check')}
        </button>
      </form>
      <ErrorMessage error={check.error} />
      {check.data && !run.data && <ImportOutcome outcome={check.data} onReport={report} />}
      {checked?.dryRun && !run.data && checked.entered + checked.corrected > 0 && (
        <button
          type="button"
          className="btn btn-primary"
          disabled={run.isPending}
          onClick={() => file && run.mutate({ file, dryRun: false })}
        >
          {t('indicatorEntry.run', { n: checked.entered + checked.corrected })}
        </button>
      )}
      <ErrorMessage error={run.error} />
      {run.data && <ImportOutcome outcome={run.data} onReport={report} />}
    </section>
  );
}

function Indicators({ unit, month, values }: { unit: string; month: string; values: IndicatorValues }) {
  const { t } = useTranslation();
  const defs = useIndicatorDefinitions();
  const entries = useIndicatorEntries(unit, month);
  const entered = (defs.data?.indicators ?? []).filter(
    (d) => d.origin === 'entered' && d.levels.includes(values.unit.level),
  );
  const byCode = new Map(values.values.map((v) => [v.code, v]));
  const entriesOf = (code: string) => (entries.data?.entries ?? []).filter((e) => e.indicator === code);
  return (
    <QueryState query={entries}>
      {entered.length === 0 && <p>{t('indicatorEntry.none')}</p>}
      {entered.map((def) =>
        def.bySubject ? (
          <AgencyCard
            key={def.code}
            def={def}
            value={byCode.get(def.code)}
            entries={entriesOf(def.code)}
            unit={unit}
            month={month}
          />
        ) : (
          <IndicatorCard
            key={def.code}
            def={def}
            value={byCode.get(def.code)}
            entries={entriesOf(def.code)}
            unit={unit}
            month={month}
          />
        ),
      )}
      {entered.length > 0 && <ImportPanel unit={unit} />}
    </QueryState>
  );
}

/** /indicators/entry?unit&month: an administrator enters a unit's monthly figures from elsewhere, or imports them. */
export default function IndicatorEntryPage() {
  const { t } = useTranslation();
  const scope = useAdminScope();
  const [params, setParams] = useSearchParams();
  const home = scope.provinceCode ?? scope.communes[0]?.code;
  const unit = params.get('unit') ?? home ?? undefined;
  const month = params.get('month') ?? lastMonth();
  const values = useIndicatorMonth(unit, month);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  return (
    <AdminPage>
      <PageHeader title={t('indicatorEntry.title')} />
      <p>{t('indicatorEntry.intro')}</p>
      {!unit ? (
        <Notice>{t('indicatorEntry.noUnit')}</Notice>
      ) : (
        <>
          <div className="card stack">
            <UnitScopeSelect
              value={unit}
              onChange={(code) => code && set('unit', code)}
              mode={scope.isProvince ? 'any' : 'commune'}
              label={t('indicatorEntry.unit')}
            />
            <Field
              label={t('indicatorEntry.month')}
              type="month"
              value={month}
              max={thisMonth()}
              onChange={(e) => e.target.value && set('month', e.target.value)}
            />
          </div>
          <QueryState query={values}>
            {values.data && <Indicators unit={unit} month={month} values={values.data} />}
          </QueryState>
        </>
      )}
    </AdminPage>
  );
}
