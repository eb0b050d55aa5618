import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n';
import { CalendarIcon } from './icons';
import { FieldShell } from './ui';

// Shared by every page with a date (admin and public): its few words travel with it.
i18n.addResourceBundle(
  'vi',
  'translation',
  {
    dateField: {
      hint: 'Ngày/tháng/năm, ví dụ 30/04/2026',
      invalid: 'Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 30/04/2026.',
      pick: 'Chọn ngày trên lịch',
    },
  },
  true,
  false,
);
i18n.addResourceBundle(
  'en',
  'translation',
  {
    dateField: {
      hint: 'Day/month/year, e.g. 30/04/2026',
      invalid: 'Not a valid date. Type it as day/month/year, e.g. 30/04/2026.',
      pick: 'Pick a date on the calendar',
    },
  },
  true,
  false,
);

const pad = (n: number) => String(n).padStart(2, '0');

/** "30/04/2026", "30-4-2026", "30.04.2026" or "30042026" → "2026-04-30"; null when it is no real date. */
export function parseDmy(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{1,2})[/.\-\s]+(\d{1,2})[/.\-\s]+(\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** "2026-04-30" → "30/04/2026" (the way dates are written in Vietnam, whatever the browser's locale). */
export function formatDmy(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** While typing digits only (phone keypads have no "/"), the slashes appear by themselves. */
function autoSlash(prev: string, next: string): string {
  const s = next.replace(/\/{2,}/g, '/');
  if (s.length > prev.length && /^(\d{2}|\d{1,2}\/\d{2})$/.test(s)) return `${s}/`;
  return s;
}

/**
 * A date typed as dd/mm/yyyy (never the browser's mm/dd/yyyy), with the device's calendar one tap away. `value` and
 * `onChange` speak ISO "YYYY-MM-DD"; while the text is empty or not yet a date, `onChange` gets "".
 */
export function DateField({
  label,
  value,
  onChange,
  error,
  hint,
  optional,
  required,
  name,
}: {
  label: string;
  value: string;
  onChange: (iso: string) => void;
  error?: string;
  hint?: string;
  optional?: boolean;
  required?: boolean;
  name?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => formatDmy(value));
  const [touched, setTouched] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  // A value set from outside (a reset, the calendar) replaces the text unless the text already says that date.
  useEffect(() => {
    setText((current) => (parseDmy(current) === value || (!value && !parseDmy(current)) ? current : formatDmy(value)));
  }, [value]);

  const change = (next: string) => {
    const s = autoSlash(text, next);
    setText(s);
    onChange(parseDmy(s) ?? '');
  };
  const invalid = touched && text.trim() !== '' && !parseDmy(text);
  const openPicker = () => {
    const input = picker.current;
    if (!input) return;
    try {
      input.showPicker();
    } catch {
      input.focus();
    }
  };

  return (
    <FieldShell
      label={label}
      hint={hint ?? t('dateField.hint')}
      error={invalid ? t('dateField.invalid') : error}
      optional={optional}
      className="date-field"
    >
      {(p) => (
        <div style={{ display: 'flex', gap: 8, position: 'relative' }}>
          <input
            {...p}
            name={name}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder="dd/mm/yyyy"
            maxLength={10}
            required={required}
            value={text}
            onChange={(e) => change(e.target.value)}
            onBlur={() => {
              setTouched(true);
              const iso = parseDmy(text);
              if (iso) setText(formatDmy(iso));
            }}
            style={{ flex: 1, minWidth: 0 }}
          />
          <button
            type="button"
            className="btn"
            onClick={openPicker}
            aria-label={t('dateField.pick')}
            title={t('dateField.pick')}
            style={{ flex: 'none', minWidth: 48, padding: '0 12px' }}
          >
            <CalendarIcon />
          </button>
          <input
            ref={picker}
            type="date"
            tabIndex={-1}
            aria-hidden="true"
            value={value}
            onChange={(e) => {
              setTouched(true);
              setText(formatDmy(e.target.value));
              onChange(e.target.value);
            }}
            style={{
              position: 'absolute',
              right: 0,
              bottom: 0,
              width: 1,
              height: 1,
              minHeight: 0,
              opacity: 0,
              border: 0,
              padding: 0,
            }}
          />
        </div>
      )}
    </FieldShell>
  );
}
