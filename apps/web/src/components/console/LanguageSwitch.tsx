import { Segmented } from 'antd';
import { useLang, type Language } from '../../lib/i18n.js';

/** 中文 / English segmented switch for the console header (persists in localStorage). */
export function LanguageSwitch() {
  const { lang, setLanguage } = useLang();
  return (
    <Segmented<Language>
      size="small"
      value={lang}
      onChange={setLanguage}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      data-testid="lang-switch"
    />
  );
}
