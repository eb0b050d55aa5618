import { TEAM_IMPORT_COLUMNS, TEAM_IMPORT_MAX_ROWS } from '@common/constants/teams';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadErrorReport, type TeamImportOutcome, useImportTeams } from '../../api/teams';
import { ImportErrors } from '../../components/ImportErrors';
import { ErrorMessage, FieldShell, Notice } from '../../components/ui';
import { formatNumber } from '../../i18n';

function Outcome({ outcome, onReport }: { outcome: TeamImportOutcome; onReport: () => void }) {
  const { t } = useTranslation();
  if (outcome.ok)
    return (
      <Notice tone="success">
        {t(outcome.dryRun ? 'teams.import.checkOk' : 'teams.import.done', {
          teams: outcome.teamsCreated,
          members: outcome.membersAdded,
          already: outcome.membersAlready,
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
            {t('teams.import.report')}
          </button>
          <ImportErrors errors={outcome.errors} id="team-import-errors" />
        </>
      )}
    </>
  );
}

/** A commune's teams and members in and out of Excel: template, check, import (all rows or none), export. */
export function TeamImportPanel({ communeCode }: { communeCode: string }) {
  const { t } = useTranslation();
  const check = useImportTeams(communeCode);
  const run = useImportTeams(communeCode);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const [progress, setProgress] = useState<number | null>(null);
  const checked = check.data?.ok && check.variables?.file === file ? check.data : null;
  const onCheck = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFileError(t('teams.import.chooseFile'));
    setFileError(undefined);
    run.reset();
    check.mutate({ file, dryRun: true, onProgress: setProgress }, { onSettled: () => setProgress(null) });
  };
  const columns = TEAM_IMPORT_COLUMNS.map((c) => `"${c.header}"`).join(', ');
  return (
    <section className="card stack" aria-labelledby="team-import-title">
      <h2 id="team-import-title">{t('teams.import.title')}</h2>
      <p>{t('teams.import.help', { columns, rows: formatNumber(TEAM_IMPORT_MAX_ROWS) })}</p>
      <div className="row">
        <a className="btn" href="/api/teams/import-template.xlsx" download>
          {t('teams.import.template')}
        </a>
        <a className="btn" href={`/api/teams/export.xlsx?unit=${communeCode}`} download>
          {t('teams.import.export')}
        </a>
      </div>
      <form onSubmit={onCheck} noValidate className="stack">
        <FieldShell label={t('teams.import.file')} error={fileError}>
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
          {t('teams.import.check')}
        </button>
        {progress !== null && (
          <progress max={1} value={progress} aria-label={t('teams.import.uploading')}>
            {Math.round(progress * 100)}%
          </progress>
        )}
      </form>
      <ErrorMessage error={check.error} />
      {check.data && !run.data && (
        <Outcome outcome={check.data} onReport={() => file && downloadErrorReport(communeCode, file)} />
      )}
      {checked?.dryRun && !run.data && (
        <button
          type="button"
          className="btn btn-primary"
          disabled={run.isPending}
          onClick={() =>
            file && run.mutate({ file, dryRun: false, onProgress: setProgress }, { onSettled: () => setProgress(null) })
          }
        >
          {t('teams.import.run', { members: checked.membersAdded, teams: checked.teamsCreated })}
        </button>
      )}
      <ErrorMessage error={run.error} />
      {run.data && <Outcome outcome={run.data} onReport={() => file && downloadErrorReport(communeCode, file)} />}
    </section>
  );
}
