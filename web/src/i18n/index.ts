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

/** Dates and times are shown in Vietnam's time zone, whatever the device says. */
export function formatDateTime(iso: string | null | undefined, lng = i18n.language) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'vi-VN', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(d);
}

export function formatNumber(n: number, lng = i18n.language) {
  return new Intl.NumberFormat(lng === 'en' ? 'en-GB' : 'vi-VN').format(n);
}

export default i18n;
