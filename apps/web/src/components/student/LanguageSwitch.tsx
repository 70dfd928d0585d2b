import { GlobalOutline } from 'antd-mobile-icons';
import { useLang } from '../../lib/i18n.js';

/** Compact 中文 / EN toggle for headers; the choice persists in localStorage. */
export function LanguageSwitch({ light = false }: { light?: boolean }) {
  const { t, lang, setLanguage } = useLang();
  const next = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className={light ? 'lang-switch lang-switch--light' : 'lang-switch'}
      onClick={() => setLanguage(next)}
      aria-label={t('lang.switchAria')}
      data-testid="lang-switch"
    >
      <GlobalOutline /> {t('lang.other')}
    </button>
  );
}
