import { HAMLET_IMPORT_COLUMNS, HAMLET_IMPORT_MAX_ROWS } from '@common/constants/units';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImportOutcome, useImportHamlets } from '../../../api/units';
import { ImportErrors } from '../../../components/ImportErrors';
import { ErrorMessage, FieldShell, Notice } from '../../../components/ui';
import { kindLabel } from '../../units/format';

function Outcome({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation();
  if (outcome.ok) {
    return (
      <>
        <Notice tone="success">
          {outcome.dryRun
            ? t('admin.units.checkOk', { count: outcome.count })
            : t('admin.units.imported', { count: outcome.count })}
        </Notice>
        {outcome.dryRun && outcome.rows.length > 0 && (
          <details>
            <summary className="btn btn-link">{t('admin.units.preview')}</summary>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.units.row')}</th>
                    <th scope="col">{t('admin.units.name')}</th>
                    <th scope="col">{t('admin.units.kind')}</th>
                    <th scope="col">{t('admin.units.households')}</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.rows.map((r) => (
                    <tr key={r.row}>
                      <td>{r.row}</td>
                      <td>{r.fullName}</td>
                      <td>{kindLabel(r.kind)}</td>
                      <td>{r.households ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        )}
      </>
    );
  }
  return (
    <>
      <div className="alert alert-error" role="alert">
        {outcome.error.message}
      </div>
      {outcome.errors.length > 0 && <ImportErrors errors={outcome.errors} id="import-errors-caption" />}
    </>
  );
}

/** Import hamlets from XLSX/CSV: check the file first (dry run), then import all rows or none. */
export function ImportPanel({ communeCode }: { communeCode: string }) {
  const { t } = useTranslation();
  const check = useImportHamlets(communeCode);
  const run = useImportHamlets(communeCode);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const checked = check.data?.ok && check.variables?.file === file ? check.data : null;

  const onCheck = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFileError(t('signIn.required'));
    setFileError(undefined);
    run.reset();
    check.mutate({ file, dryRun: true });
  };
  const columns = HAMLET_IMPORT_COLUMNS.map((c) => `"${c.header}"${c.required ? ' *' : ''}`).join(', ');
  return (
    <section className="card stack" aria-labelledby="import-title">
      <h2 id="import-title">{t('admin.units.import')}</h2>
      <p>{t('admin.units.importHelp', { columns, rows: HAMLET_IMPORT_MAX_ROWS })}</p>
      <p>
        <a className="btn" href="/api/units/hamlets/import-template.xlsx" download>
          {t('admin.units.template')}
        </a>
      </p>
      <form onSubmit={onCheck} noValidate className="stack">
        <FieldShell label={t('admin.units.file')} error={fileError}>
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
          {t('admin.units.check')}
        </button>
      </form>
      <ErrorMessage error={check.error} />
      {check.data && !run.data && <Outcome outcome={check.data} />}
      {checked?.dryRun && !run.data && (
        <button
          type="button"
          className="btn btn-primary"
          disabled={run.isPending}
          onClick={() => file && run.mutate({ file, dryRun: false })}
        >
          {t('admin.units.doImport', { count: checked.count })}
        </button>
      )}
      <ErrorMessage error={run.error} />
      {run.data && <Outcome outcome={run.data} />}
    </section>
  );
}
