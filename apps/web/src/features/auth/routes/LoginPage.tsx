import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Tabs } from 'antd-mobile';
import { useLang } from '../../../lib/i18n.js';
import { useSessionChanged } from '../../../lib/session.js';
import { AuthShell } from '../../../components/student/AuthShell.js';
import { PasswordLoginForm } from '../components/PasswordLoginForm.js';
import { CodeLoginForm } from '../components/CodeLoginForm.js';

/** Student login: tab 1 ID/passport number + password, tab 2 phone (or email) + code. */
export function LoginPage() {
  const { t } = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const changed = useSessionChanged();
  const [tab, setTab] = useState('password');
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  const onDone = async () => {
    await changed();
    void navigate(from, { replace: true });
  };

  return (
    <AuthShell title={t('login.title')} subtitle={t('login.subtitle')}>
      <Tabs activeKey={tab} onChange={setTab} className="auth-tabs">
        <Tabs.Tab title={t('login.tabPassword')} key="password" />
        <Tabs.Tab title={t('login.tabCode')} key="code" />
      </Tabs>
      {tab === 'password' ? <PasswordLoginForm onDone={onDone} /> : <CodeLoginForm onDone={onDone} />}
      <div className="auth-links">
        <Link to="/reset-password">{t('login.forgot')}</Link>
        <span>
          {t('login.noAccount')} <Link to="/register">{t('login.register')}</Link>
        </span>
      </div>
      <div className="auth-links auth-links--center">
        <Link to="/help">{t('home.needHelp')}</Link>
      </div>
    </AuthShell>
  );
}
