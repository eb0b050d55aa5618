import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { vi } from './vi';

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
const STORAGE_KEY = 'xaso.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

// English is loaded only by those who read it: Vietnamese pages do not carry its ~15 kB.
let english: Promise<void> | null = null;
function loadEnglish() {
  english ??= import('./en').then(({ en }) => {
    i18n.addResourceBundle('en', 'translation', en, true, false);
  });
  return english;
}

const initialLang = storedLang();
i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi } },
  partialBundledLanguages: true,
  lng: 'vi',
  fallbackLng: 'vi',
  supportedLngs: LANGS,
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyLang(lng: string) {
  document.documentElement.lang = lng;
}
applyLang(i18n.language);
i18n.on('languageChanged', applyLang);

/** Switches the language and remembers it on this device. */
export async function setLang(lng: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
  if (lng === 'en') await loadEnglish();
  return i18n.changeLanguage(lng);
}
if (initialLang === 'en') void loadEnglish().then(() => i18n.changeLanguage('en'));

/**
 * Dates are shown in Vietnam's time zone, whatever the device says. Vietnam keeps UTC+7 all year (no daylight saving;
 * server/platform/calendar.ts counts the same way), so dates are written by arithmetic, in the form
 * Intl.DateTimeFormat gives ("14:30 16/12/2026" in Vietnamese, "16/12/2026, 14:30" in English): a page's first
 * Intl date formatter costs 15–30 ms on a slow phone, in the middle of drawing a list of reports.
 */
const VN_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

function vnParts(d: Date) {
  const v = new Date(d.getTime() + VN_OFFSET_MS);
  return {
    day: `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`,
    time: `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`,
    midnight: v.getUTCHours() === 0 && v.getUTCMinutes() === 0 && v.getUTCSeconds() === 0,
  };
}

/** A month "2026-12" as "12/2026". */
export const formatMonth = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/** "14:30 16/12/2026" (English: "16/12/2026, 14:30"), in Vietnam's time. */
export function formatDateTime(iso: string | null | undefined, lng = i18n.language) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const { day, time } = vnParts(d);
  return lng === 'en' ? `${day}, ${time}` : `${time} ${day}`;
}

/** A day in Vietnam's time zone: "16/12/2026" (dd/mm/yyyy, four-digit year, in both languages). */
export function formatDate(iso: string | Date | null | undefined, _lng = i18n.language) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return vnParts(d).day;
}

/**
 * A deadline as the last moment to act. Working-day deadlines end at 24:00 Vietnam time, stored as 00:00 of the next
 * day: shown as the last day itself ("16/12/2026"), not as midnight of the day after. Hour deadlines keep their time.
 */
export function formatDeadline(iso: string | null | undefined, lng = i18n.language) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (vnParts(d).midnight) return formatDate(new Date(d.getTime() - 1), lng);
  return formatDateTime(iso, lng);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** Whole numbers grouped by hand ("1.234" in Vietnamese, "1,234" in English), others by Intl (made once per language). */
export function formatNumber(n: number, lng = i18n.language) {
  if (Number.isSafeInteger(n)) {
    return String(Math.abs(n))
      .replace(/\B(?=(\d{3})+(?!\d))/g, lng === 'en' ? ',' : '.')
      .replace(/^/, n < 0 ? '-' : '');
  }
  const locale = lng === 'en' ? 'en-GB' : 'vi-VN';
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

export default i18n;
