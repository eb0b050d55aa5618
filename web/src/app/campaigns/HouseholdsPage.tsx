import './strings';
import './campaigns.css';
import { HOUSEHOLD_IMPORT_COLUMNS } from '@common/constants/campaigns';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { HouseholdCoverage, HouseholdRow } from '../../../../common/campaigns';
import { useMe } from '../../api/auth';
import {
  downloadHouseholdErrorReport,
  type HouseholdImportOutcome,
  useHouseholds,
  useImportHouseholds,
  useSetHouseholds,
} from '../../api/campaigns';
import { currentLang, fieldError } from '../../api/client';
import { ImportErrors } from '../../components/ImportErrors';
import { Dialog, ErrorMessage, Field, FieldShell, Notice, PageHeader, QueryState } from '../../components/ui';
import { formatDate, formatNumber } from '../../i18n';
import { RequireUser } from '../shell/guards';

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

function CoverageBar({ row, id }: { row: Pick<HouseholdRow, 'coverage'>; id: string }) {
  if (row.coverage === null) return null;
  return <progress className="bar" max={100} value={Math.min(row.coverage, 100)} aria-labelledby={id} />;
}

function EditDialog({ row, onClose }: { row: HouseholdRow; onClose: () => void }) {
  const { t } = useTranslation();
  const set = useSetHouseholds();
  const [households, setHouseholds] = useState(row.households === null ? '' : String(row.households));
  const [skilled, setSkilled] = useState(row.skilled === null ? '' : String(row.skilled));
  const [asOf, setAsOf] = useState(row.asOf ?? today());
  const [source, setSource] = useState(row.source ?? '');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate(
      {
        hamletCode: row.code,
        households: households === '' ? Number.NaN : Number(households),
        skilled: skilled === '' ? null : Number(skilled),
        asOf,
        source,
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Dialog open title={t('households.editOf', { name: row.name })} onClose={onClose}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field
          label={t('households.households')}
          type="number"
          inputMode="numeric"
          min={0}
          value={households}
          onChange={(e) => setHouseholds(e.target.value)}
          error={fieldError(set.error, 'households')}
        />
        <Field
          label={t('households.skilled')}
          hint={t('households.skilledHint')}
          type="number"
          inputMode="numeric"
          min={0}
          value={skilled}
          onChange={(e) => setSkilled(e.target.value)}
          error={fieldError(set.error, 'skilled')}
        />
        <Field
          label={t('households.asOf')}
          type="date"
          value={asOf}
          max={today()}
          onChange={(e) => setAsOf(e.target.value)}
          error={fieldError(set.error, 'asOf')}
        />
        <Field
          label={t('households.source')}
          hint={t('households.sourceHint')}
          value={source}
          maxLength={200}
          onChange={(e) => setSource(e.target.value)}
          error={fieldError(set.error, 'source')}
        />
        <ErrorMessage error={set.error} />
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={set.isPending}>
            {t('households.save')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('households.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Outcome({ outcome, onReport }: { outcome: HouseholdImportOutcome; onReport: () => void }) {
  const { t } = useTranslation();
  if (outcome.ok)
    return (
      <Notice tone="success">
        {t(outcome.dryRun ? 'households.checkOk' : 'households.done', {
          updated: outcome.updated,
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
            {t('households.report')}
          </button>
          <ImportErrors errors={outcome.errors} id="household-import-errors" />
        </>
      )}
    </>
  );
}

function ImportPanel({ communeCode }: { communeCode: string }) {
  const { t } = useTranslation();
  const check = useImportHouseholds(communeCode);
  const run = useImportHouseholds(communeCode);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const checked = check.data?.ok && check.variables?.file === file ? check.data : null;
  const onCheck = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFileError(t('households.chooseFile'));
    setFileError(undefined);
    run.reset();
    check.mutate({ file, dryRun: true });
  };
  const report = () => file && downloadHouseholdErrorReport(communeCode, file);
  return (
    <section className="card stack" aria-labelledby="household-import-title">
      <h2 id="household-import-title">{t('households.import')}</h2>
      <p>{t('households.importHelp', { columns: HOUSEHOLD_IMPORT_COLUMNS.map((c) => `"${c.header}"`).join(', ') })}</p>
      <a className="btn" href={`/api/households/export.xlsx?unit=${communeCode}`} download>
        {t('households.export')}
      </a>
      <form onSubmit={onCheck} noValidate className="stack">
        <FieldShell label={t('households.file')} error={fileError}>
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
          {t('households.check')}
        </button>
      </form>
      <ErrorMessage error={check.error} />
      {check.data && !run.data && <Outcome outcome={check.data} onReport={report} />}
      {checked?.dryRun && !run.data && (
        <button
          type="button"
          className="btn btn-primary"
          disabled={run.isPending}
          onClick={() => file && run.mutate({ file, dryRun: false })}
        >
          {t('households.run', { n: checked.updated })}
        </button>
      )}
      <ErrorMessage error={run.error} />
      {run.data && <Outcome outcome={run.data} onReport={report} />}
    </section>
  );
}

function CoverageList({ coverage, onOpen }: { coverage: HouseholdCoverage; onOpen: (code: string) => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<HouseholdRow | null>(null);
  const byCommune = coverage.unit.level === 'province';
  return (
    <section className="stack" aria-labelledby="household-rows">
      <h2 id="household-rows">{coverage.unit.name}</h2>
      <ul className="list">
        {coverage.rows.map((r, i) => (
          <li key={r.code} className="list-item progress-card">
            <div className="row-between">
              <h3 id={`hh-${i}`}>
                {byCommune ? (
                  <button
                    type="button"
                    className="btn-link"
                    onClick={() => onOpen(r.code)}
                    aria-label={t('households.open', { name: r.name })}
                  >
                    {r.name}
                  </button>
                ) : (
                  r.name
                )}
              </h3>
              {!byCommune && coverage.canEdit && (
                <button
                  type="button"
                  className="btn"
                  onClick={() => setEditing(r)}
                  aria-label={t('households.editFor', { name: r.name })}
                >
                  {t('households.edit')}
                </button>
              )}
            </div>
            <p className="item-meta">
              {t('households.households')}:{' '}
              {r.households === null ? t('households.noFigure') : formatNumber(r.households)}
              {r.skilled !== null && ` · ${t('households.skilledShort')}: ${formatNumber(r.skilled)}`}
              {r.coverage !== null && ` · ${t('households.coverage')}: ${formatNumber(r.coverage)}%`}
            </p>
            <p className="item-meta">
              {t('households.reached')}: {formatNumber(r.reached)}
            </p>
            {byCommune ? (
              <p className="item-meta">{t('households.withFigure', { n: r.hamletsWithFigure, total: r.hamlets })}</p>
            ) : (
              r.asOf && (
                <p className="item-meta">
                  {t('households.asOf')} {formatDate(r.asOf)} · {r.source}
                </p>
              )
            )}
            <CoverageBar row={r} id={`hh-${i}`} />
          </li>
        ))}
      </ul>
      {editing && <EditDialog row={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

/** /households?unit=<province or commune>: households per hamlet, those with digital skills, visits; enter and import. */
export default function HouseholdsPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const home =
    me.data?.assignments.find((a) => a.role === 'province_admin' && a.unitCode)?.unitCode ??
    me.data?.assignments.find((a) => a.role === 'commune_admin' && a.unitCode)?.unitCode ??
    undefined;
  const unit = params.get('unit') ?? home;
  const coverage = useHouseholds(unit);
  const c = coverage.data;
  return (
    <RequireUser roles={['commune_admin', 'province_admin']}>
      <PageHeader title={t('households.title')} />
      <p>{t('households.intro')}</p>
      {params.get('unit') && unit !== home && (
        <p>
          <Link to="/households">← {t('households.back')}</Link>
        </p>
      )}
      <QueryState query={coverage}>
        {c && (
          <>
            <section className="card stack progress-card" aria-labelledby="household-total">
              <h2 id="household-total">
                {t('households.coverage')}: {c.total.coverage === null ? '—' : `${formatNumber(c.total.coverage)}%`}
              </h2>
              <CoverageBar row={c.total} id="household-total" />
              <p className="item-meta">
                {t('households.households')}:{' '}
                {c.total.households === null ? t('households.noFigure') : formatNumber(c.total.households)} ·{' '}
                {t('households.skilledShort')}: {c.total.skilled === null ? '—' : formatNumber(c.total.skilled)} ·{' '}
                {t('households.reached')}: {formatNumber(c.total.reached)} ·{' '}
                {t('households.withFigure', { n: c.total.hamletsWithFigure, total: c.total.hamlets })}
              </p>
              <p className="item-meta">{c.note[lang]}</p>
            </section>
            <CoverageList coverage={c} onOpen={(code) => setParams({ unit: code })} />
            {c.unit.level === 'commune' && c.canEdit && <ImportPanel communeCode={c.unit.code} />}
          </>
        )}
      </QueryState>
    </RequireUser>
  );
}
