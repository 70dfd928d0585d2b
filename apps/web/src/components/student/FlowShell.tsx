import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { NavBar, SafeArea } from 'antd-mobile';
import { centreName, useCentre } from '../../lib/session.js';
import { useLang } from '../../lib/i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import './flow-shell.css';

/**
 * Frame of a step in the 学历 → photo journey. Unlike `SubPageShell` (history back), the back arrow goes
 * to a fixed place (`backTo`) or runs `onBack` (the previous step of a multi-step page), so a page opened
 * from a notification or after a reload goes back the same way. Shows the centre's name under the title;
 * `footer` pins the page's main buttons to the bottom; `dark` is the camera look.
 */
export function FlowShell({
  title,
  backTo = '/',
  onBack,
  footer,
  dark = false,
  children,
}: {
  title: string;
  backTo?: string;
  onBack?: () => void;
  footer?: ReactNode;
  dark?: boolean;
  children: ReactNode;
}) {
  const centre = useCentre();
  const navigate = useNavigate();
  const { t, lang } = useLang();
  return (
    <div className={dark ? 'flow flow--dark' : 'flow'}>
      <NavBar
        className="flow__nav"
        onBack={onBack ?? (() => void navigate(backTo))}
        right={<LanguageSwitch light={dark} />}
      >
        <div className="flow__title">
          <span data-testid="page-title">{title}</span>
          <small data-testid="centre-name">{centreName(centre.data, lang) || t('common.appName')}</small>
        </div>
      </NavBar>
      <main className={footer ? 'flow__content flow__content--footer' : 'flow__content'}>{children}</main>
      {footer && (
        <footer className="flow__footer">
          <div className="flow__footer-inner">{footer}</div>
          <SafeArea position="bottom" />
        </footer>
      )}
    </div>
  );
}
