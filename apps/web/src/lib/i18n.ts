import i18n, { type BackendModule } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import zhCN from '../locales/zh-CN.json';
import en from '../locales/en.json';
import type { BiMessage } from './api-client.js';
import { isApiError } from './api-client.js';

/**
 * Strings live in `locales/{zh-CN,en}.json` (shared: common, errors, nav …) and, per feature, in
 * `features/<feature>/locales/{zh-CN,en}.json` — loaded as the i18next namespace `<feature>`.
 * A feature's component calls `useLang('<feature>')`; keys missing there fall back to the shared file.
 *
 * Each app hands `setupI18n` its features' files (an `import.meta.glob` in its main.tsx): bundled JSON, or
 * loaders. A loaded namespace is fetched on first use (its components suspend meanwhile) or ahead of time
 * with {@link loadNamespace} — the student app fetches a page's strings together with the page's chunk.
 */
type Strings = Record<string, unknown>;
export type FeatureLocales = Record<string, Strings | (() => Promise<Strings>)>;

const FEATURE_LOCALE = /features\/([^/]+)\/locales\/(zh-CN|en)\.json$/;

function splitLocales(featureLocales: FeatureLocales) {
  const resources: Record<string, Record<string, Strings>> = {
    'zh-CN': { translation: zhCN },
    en: { translation: en },
  };
  const loaders = new Map<string, () => Promise<Strings>>();
  for (const [file, locale] of Object.entries(featureLocales)) {
    const m = FEATURE_LOCALE.exec(file);
    if (!m) continue;
    const [, ns, lng] = m as unknown as [string, string, 'zh-CN' | 'en'];
    if (typeof locale === 'function') loaders.set(`${lng}/${ns}`, locale);
    else resources[lng]![ns] = locale;
  }
  return { resources, loaders };
}

/** An i18next backend over the loaders; a language/namespace without a file loads as empty. */
function loaderBackend(loaders: Map<string, () => Promise<Strings>>): BackendModule {
  return {
    type: 'backend',
    init() {},
    read(lng, ns, callback) {
      const load = loaders.get(`${lng}/${ns}`);
      if (!load) return callback(null, {});
      load().then(
        (strings) => callback(null, strings),
        (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), false),
      );
    },
  };
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

/**
 * Initialises i18next once with both languages of the shared strings and the given feature files; the stored
 * choice wins, zh-CN by default.
 */
export function setupI18n(featureLocales: FeatureLocales = {}): typeof i18n {
  if (!i18n.isInitialized) {
    const { resources, loaders } = splitLocales(featureLocales);
    i18n.use(initReactI18next);
    if (loaders.size > 0) i18n.use(loaderBackend(loaders));
    void i18n.init({
      resources,
      partialBundledLanguages: true,
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

/** Fetches a feature's strings (current language and its fallback) unless they are loaded already. */
export function loadNamespace(ns: string): Promise<void> {
  return i18n.loadNamespaces(ns);
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
