import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { NavBar, SafeArea, TabBar } from 'antd-mobile';
import { AppOutline, QuestionCircleOutline, UserOutline } from 'antd-mobile-icons';
import { centreName, useCentre } from '../../lib/session.js';
import { useLang } from '../../lib/i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';

const TABS = [
  { key: '/', icon: <AppOutline />, label: 'nav.home' },
  { key: '/help', icon: <QuestionCircleOutline />, label: 'nav.help' },
  { key: '/account', icon: <UserOutline />, label: 'nav.account' },
] as const;

/** Frame of the signed-in student pages: header with the centre name and language switch, bottom tabs. */
export function AppShell({ title, children }: { title?: string; children: ReactNode }) {
  const centre = useCentre();
  const { t, lang } = useLang();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <div className="app-page">
      <NavBar className="app-nav" backIcon={false} right={<LanguageSwitch />}>
        <span data-testid="centre-name">
          {title ?? (centreName(centre.data, lang) || t('common.appName'))}
        </span>
      </NavBar>
      <main className="app-content">{children}</main>
      <nav className="app-tabbar">
        <TabBar activeKey={location.pathname} onChange={(key) => void navigate(key)}>
          {TABS.map((tab) => (
            <TabBar.Item key={tab.key} icon={tab.icon} title={t(tab.label)} />
          ))}
        </TabBar>
        <SafeArea position="bottom" />
      </nav>
    </div>
  );
}
