import { useTranslation } from 'react-i18next';
import i18n from '../i18n';
import { ScrollRegion } from './ui';

// Shared by every spreadsheet import (hamlets, teams): its few words travel with it.
i18n.addResourceBundle(
  'vi',
  'translation',
  { importErrors: { caption: 'Các lỗi trong tệp', row: 'Dòng', column: 'Cột', problem: 'Lỗi' } },
  true,
  false,
);
i18n.addResourceBundle(
  'en',
  'translation',
  { importErrors: { caption: 'Errors in the file', row: 'Row', column: 'Column', problem: 'Error' } },
  true,
  false,
);

export interface ImportRowError {
  row: number;
  field: string;
  column?: string;
  message: string;
}

/** The row-by-row problems of a rejected spreadsheet (stacked as cards on a phone). */
export function ImportErrors({ errors, id }: { errors: ImportRowError[]; id: string }) {
  const { t } = useTranslation();
  return (
    <ScrollRegion labelledBy={id} className="stacked">
      <table>
        <caption id={id}>{t('importErrors.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('importErrors.row')}</th>
            <th scope="col">{t('importErrors.column')}</th>
            <th scope="col">{t('importErrors.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e) => (
            <tr key={`${e.row}-${e.field}-${e.message}`}>
              <td data-label={t('importErrors.row')}>{e.row}</td>
              <td data-label={t('importErrors.column')}>{e.column ?? e.field}</td>
              <td data-label={t('importErrors.problem')}>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
