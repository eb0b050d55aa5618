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

const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'vi-VN');
/** dd/mm/yyyy, four-digit year (a short date style would give "16/12/26"). */
const DAY = { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: VN_TIME_ZONE } as const;

const FORMATS: Record<'date' | 'dateTime' | 'clock', Intl.DateTimeFormatOptions> = {
  date: DAY,
  dateTime: { ...DAY, hour: '2-digit', minute: '2-digit', hour12: false },
  clock: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: VN_TIME_ZONE },
};
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
/**
 * One Intl formatter per kind and language, made once: making one costs ~0.1–1 ms on a slow phone, and a list of 30
 * reports formats 30 dates on every render.
 */
function formatter(kind: 'number', lng: string): Intl.NumberFormat;
function formatter(kind: keyof typeof FORMATS, lng: string): Intl.DateTimeFormat;
function formatter(kind: keyof typeof FORMATS | 'number', lng: string) {
  const key = `${kind}:${locale(lng)}`;
  let f = formatters.get(key);
  if (!f) {
    f = kind === 'number' ? new Intl.NumberFormat(locale(lng)) : new Intl.DateTimeFormat(locale(lng), FORMATS[kind]);
    formatters.set(key, f);
  }
  return f;
}

/** Dates and times are shown in Vietnam's time zone, whatever the device says: "14:30 16/12/2026". */
export function formatDateTime(iso: string | null | undefined, lng = i18n.language) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatter('dateTime', lng).format(d);
}

/** A day in Vietnam's time zone: "16/12/2026". */
export function formatDate(iso: string | Date | null | undefined, lng = i18n.language) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return formatter('date', lng).format(d);
}

/**
 * A deadline as the last moment to act. Working-day deadlines end at 24:00 Vietnam time, stored as 00:00 of the next
 * day: shown as the last day itself ("16/12/2026"), not as midnight of the day after. Hour deadlines keep their time.
 */
export function formatDeadline(iso: string | null | undefined, lng = i18n.language) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = formatter('clock', 'en').format(d);
  if (time === '00:00:00' || time === '24:00:00') return formatDate(new Date(d.getTime() - 1), lng);
  return formatDateTime(iso, lng);
}

export function formatNumber(n: number, lng = i18n.language) {
  return formatter('number', lng).format(n);
}

export default i18n;
