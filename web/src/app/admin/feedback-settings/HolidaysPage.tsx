import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, currentLang, fieldError } from '../../../api/client';
import {
  type HolidayView,
  useAddHoliday,
  useFillDefaultHolidays,
  useHolidays,
  useRemoveHoliday,
} from '../../../api/feedback-admin';
import { DateField, formatDmy } from '../../../components/DateField';
import { ErrorMessage, Field, Notice, PageHeader, QueryState } from '../../../components/ui';
import { ConfirmDialog } from '../shared';
import { longDate, ProvinceAdminPage, useProvinceCode } from './shared';

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const thisYear = () =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format());

const holidayName = (h: HolidayView) => (currentLang() === 'en' ? h.nameEn || h.nameVi : h.nameVi);

function AddHoliday({ province, onAdded }: { province: string; onAdded: (h: HolidayView) => void }) {
  const { t } = useTranslation();
  const add = useAddHoliday();
  const [date, setDate] = useState('');
  const [nameVi, setNameVi] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [compensatory, setCompensatory] = useState(false);
  const [missingDate, setMissingDate] = useState(false);
  const err = (f: string) => fieldError(add.error, f);
  // "Already a holiday" is about the date: say it there.
  const taken =
    add.error instanceof ApiError && add.error.code === 'holiday_exists'
      ? t('admin.fs.hol.taken', { date: formatDmy(add.variables?.date ?? '') })
      : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissingDate(!date);
    if (!date) return;
    add.mutate(
      { provinceCode: province, date, nameVi, nameEn, compensatory },
      {
        onSuccess: (h) => {
          setDate('');
          setNameVi('');
          setNameEn('');
          setCompensatory(false);
          onAdded(h);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="card stack" aria-labelledby="fs-hol-add">
      <h2 id="fs-hol-add">{t('admin.fs.hol.addTitle')}</h2>
      <DateField
        label={t('admin.fs.hol.date')}
        value={date}
        onChange={(v) => {
          setDate(v);
          if (v) setMissingDate(false);
        }}
        required
        error={missingDate ? t('admin.fs.hol.dateRequired') : (taken ?? err('date'))}
      />
      <Field
        label={t('admin.fs.hol.nameVi')}
        hint={t('admin.fs.hol.nameViHint')}
        value={nameVi}
        maxLength={200}
        required
        onChange={(e) => setNameVi(e.target.value)}
        error={err('nameVi')}
      />
      <Field
        label={t('admin.fs.hol.nameEn')}
        hint={t('admin.fs.hol.nameEnHint')}
        value={nameEn}
        maxLength={200}
        required
        onChange={(e) => setNameEn(e.target.value)}
        error={err('nameEn')}
      />
      <label className="check fs-check">
        <input type="checkbox" checked={compensatory} onChange={(e) => setCompensatory(e.target.checked)} />
        <span>{t('admin.fs.hol.compensatoryCheck')}</span>
      </label>
      {add.error && !taken && <ErrorMessage error={add.error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={add.isPending}>
          {t('admin.fs.hol.add')}
        </button>
      </div>
    </form>
  );
}

function Body() {
  const { t } = useTranslation();
  const province = useProvinceCode();
  const [year, setYear] = useState(thisYear);
  const list = useHolidays(province, year);
  const remove = useRemoveHoliday();
  const fill = useFillDefaultHolidays();
  const [deleting, setDeleting] = useState<HolidayView | null>(null);
  // The key, not the text: a switch of language re-says it.
  const [done, setDone] = useState<{ key: string; date?: string; count?: number; year?: number } | null>(null);
  const items = list.data ?? [];
  const go = (y: number) => {
    setDone(null);
    setYear(Math.min(MAX_YEAR, Math.max(MIN_YEAR, y)));
  };

  return (
    <>
      <PageHeader title={t('admin.fs.hol.title')}>
        <a href="#fs-hol-add" className="btn btn-primary">
          {t('admin.fs.hol.addTitle')}
        </a>
      </PageHeader>
      <p>{t('admin.fs.hol.intro')}</p>
      <p className="muted">{t('admin.fs.hol.lunar')}</p>
      <div className="stack-lg">
        <section className="stack" aria-labelledby="fs-hol-year">
          <div className="fs-year">
            {/* The visible text is the year alone (the arrows are drawn by CSS), so the name "Năm trước (2025)" holds it. */}
            <button
              type="button"
              className="btn fs-year-prev"
              onClick={() => go(year - 1)}
              disabled={year <= MIN_YEAR}
              aria-label={t('admin.fs.hol.prevYear', { year: year - 1 })}
            >
              {year - 1}
            </button>
            <h2 id="fs-hol-year" aria-live="polite">
              {t('admin.fs.hol.year', { year })}
            </h2>
            <button
              type="button"
              className="btn fs-year-next"
              onClick={() => go(year + 1)}
              disabled={year >= MAX_YEAR}
              aria-label={t('admin.fs.hol.nextYear', { year: year + 1 })}
            >
              {year + 1}
            </button>
          </div>
          {done && <Notice tone="success">{t(done.key, done)}</Notice>}
          <QueryState query={list}>
            <p className="muted">{t('admin.fs.hol.count', { count: items.length })}</p>
            {items.length === 0 ? (
              <p>{t('admin.fs.hol.none')}</p>
            ) : (
              <ul className="list" aria-labelledby="fs-hol-year">
                {items.map((h) => (
                  <li key={h.date} className="list-item fs-hol">
                    <span className="fs-hol-text">
                      <span className="item-title">{longDate(h.date)}</span>
                      {h.compensatory && (
                        <>
                          {' '}
                          <span className="badge badge-muted">{t('admin.fs.hol.compensatory')}</span>
                        </>
                      )}
                      <br />
                      <span>{holidayName(h)}</span>
                    </span>
                    <button
                      type="button"
                      className="btn btn-danger"
                      aria-label={t('admin.fs.hol.deleteFor', { date: formatDmy(h.date) })}
                      onClick={() => {
                        remove.reset();
                        setDone(null);
                        setDeleting(h);
                      }}
                    >
                      {t('admin.fs.hol.delete')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
          {province && (
            <div className="stack">
              <button
                type="button"
                className="btn"
                disabled={fill.isPending}
                onClick={() => {
                  setDone(null);
                  fill.mutate(
                    { provinceCode: province, year },
                    {
                      onSuccess: (r) => setDone({ key: 'admin.fs.hol.filled', count: r.added, year }),
                    },
                  );
                }}
              >
                {t('admin.fs.hol.fill', { year })}
              </button>
              <p className="hint">{t('admin.fs.hol.fillHint')}</p>
              <ErrorMessage error={fill.error} />
            </div>
          )}
        </section>
        {province && (
          <AddHoliday
            province={province}
            onAdded={(h) => {
              setYear(Number(h.date.slice(0, 4)));
              setDone({ key: 'admin.fs.hol.added', date: formatDmy(h.date) });
            }}
          />
        )}
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={t('admin.fs.hol.deleteTitle', { date: deleting ? formatDmy(deleting.date) : '' })}
        text={deleting ? t('admin.fs.hol.deleteText', { name: holidayName(deleting) }) : undefined}
        confirmLabel={t('admin.fs.hol.delete')}
        danger
        busy={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          province &&
          remove.mutate(
            { province, date: deleting.date },
            {
              onSuccess: () => {
                setDone({ key: 'admin.fs.hol.deleted' });
                setDeleting(null);
              },
            },
          )
        }
      >
        <ErrorMessage error={remove.error} />
      </ConfirmDialog>
    </>
  );
}

export default function HolidaysPage() {
  return (
    <ProvinceAdminPage>
      <Body />
    </ProvinceAdminPage>
  );
}
