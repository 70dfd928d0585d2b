import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { NavBar, SafeArea } from 'antd-mobile';
import { LanguageSwitch } from './LanguageSwitch.js';
import './sub-page.css';

interface Props {
  title: string;
  /** Where the back arrow goes when this page was opened directly (no in-app history). */
  backTo?: string;
  right?: ReactNode;
  /** A bar fixed to the bottom (totals, the main action). */
  footer?: ReactNode;
  children: ReactNode;
}

/** Frame of a signed-in page below the tabs: back arrow, title, optional fixed action bar. */
export function SubPageShell({ title, backTo = '/', right, footer, children }: Props) {
  const navigate = useNavigate();
  const location = useLocation();
  const back = () => {
    // 'default' is the first page of this tab: nothing in-app to go back to
    if (location.key === 'default') void navigate(backTo, { replace: true });
    else void navigate(-1);
  };
  return (
    <div className="app-page">
      <NavBar className="app-nav" onBack={back} right={right ?? <LanguageSwitch />}>
        <span data-testid="page-title">{title}</span>
      </NavBar>
      <main className={footer ? 'app-content app-content--footer' : 'app-content app-content--plain'}>
        {children}
      </main>
      {footer && (
        <div className="action-bar">
          <div className="action-bar__inner">{footer}</div>
          <SafeArea position="bottom" />
        </div>
      )}
    </div>
  );
}
