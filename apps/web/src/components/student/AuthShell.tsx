import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { LeftOutline } from 'antd-mobile-icons';
import { centreName, useCentre } from '../../lib/session.js';
import { useLang } from '../../lib/i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** Page frame for the signed-out pages: a branded hero with the centre name, then a white sheet. */
export function AuthShell({
  title,
  subtitle,
  back,
  children,
}: {
  title: string;
  subtitle?: string;
  back?: boolean;
  children: ReactNode;
}) {
  const centre = useCentre();
  const navigate = useNavigate();
  const { t, lang } = useLang();
  return (
    <div className="auth-page">
      <header className="auth-hero">
        <div className="auth-hero__bar">
          {back ? (
            <button
              type="button"
              className="icon-button"
              aria-label={t('common.back')}
              onClick={() => void navigate(-1)}
            >
              <LeftOutline />
            </button>
          ) : (
            <span className="auth-hero__brand">
              <img src="/favicon.svg" alt="" width={22} height={22} />
              {t('common.appName')}
            </span>
          )}
          <LanguageSwitch light />
        </div>
        <div className="auth-hero__centre" data-testid="centre-name">
          {centreName(centre.data, lang) || '\u00a0'}
        </div>
        <h1 className="auth-hero__title">{title}</h1>
        {subtitle && <p className="auth-hero__subtitle">{subtitle}</p>}
      </header>
      <main className="auth-sheet">{children}</main>
    </div>
  );
}
