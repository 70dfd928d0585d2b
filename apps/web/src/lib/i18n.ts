import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import zhCN from '../locales/zh-CN.json';
import en from '../locales/en.json';
import type { BiMessage } from './api-client.js';
import { isApiError } from './api-client.js';

/**
 * Strings live in `locales/{zh-CN,en}.json` (shared: common, errors, nav …) and, per feature, in
 * `features/<feature>/locales/{zh-CN,en}.json` — loaded as the i18next namespace `<feature>`.
 * A feature's component calls `useLang('<feature>')`; keys missing there fall back to the shared file.
 */
const featureLocales = import.meta.glob<Record<string, unknown>>('../features/*/locales/*.json', { eager: true, import: 'default' });

function buildResources() {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {
    'zh-CN': { translation: zhCN },
    en: { translation: en },
  };
  for (const [file, json] of Object.entries(featureLocales)) {
    const m = /features\/([^/]+)\/locales\/(zh-CN|en)\.json$/.exec(file);
    if (m) resources[m[2]!]![m[1]!] = json;
  }
  return resources;
}

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'gradphoto.lang';

function readStoredLanguage(): Language {
  try {
    const v = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Initialises i18next once with both bundled languages; the stored choice wins, zh-CN by default. */
export function setupI18n(): typeof i18n {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: buildResources(),
      defaultNS: 'translation',
      fallbackNS: 'translation',
      lng: readStoredLanguage(),
      fallbackLng: 'zh-CN',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    document.documentElement.lang = i18n.language;
  }
  return i18n;
}

export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export function currentLanguage(lang: string): Language {
  return lang === 'en' ? 'en' : 'zh-CN';
}

export function pickBi(message: BiMessage, lang: string): string {
  return currentLanguage(lang) === 'en' ? message.en : message.zh;
}

/** The message to show for any error: the server's text in the current language, else a generic one. */
export function errorText(e: unknown, t: (key: string) => string, lang: string): string {
  if (isApiError(e)) {
    if (e.bi) return pickBi(e.bi, lang);
    if (e.status === 0) return t('errors.network');
  }
  return t('errors.generic');
}

/** `useLang('<feature>')` → { lang, t, setLanguage, errorText(e) } for components. */
export function useLang(ns?: string) {
  const { t, i18n: inst } = useTranslation(ns);
  const lang = currentLanguage(inst.language);
  return {
    t,
    lang,
    setLanguage,
    errorText: (e: unknown) => errorText(e, t, lang),
    pick: (m: BiMessage) => pickBi(m, lang),
  };
}
