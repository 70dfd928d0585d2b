import { Link, useNavigate } from 'react-router-dom';
import { Toast } from 'antd-mobile';
import { useLang } from '../../../lib/i18n.js';
import { useSessionChanged } from '../../../lib/session.js';
import { AuthShell } from '../../../components/student/AuthShell.js';
import { RegisterForm } from '../components/RegisterForm.js';

export function RegisterPage() {
  const { t } = useLang();
  const navigate = useNavigate();
  const changed = useSessionChanged();
  const onDone = async () => {
    await changed();
    Toast.show({ icon: 'success', content: t('register.success') });
    void navigate('/', { replace: true });
  };
  return (
    <AuthShell title={t('register.title')} subtitle={t('register.subtitle')} back>
      <RegisterForm onDone={onDone} />
      <div className="auth-links auth-links--center">
        <span>
          {t('register.haveAccount')} <Link to="/login">{t('register.toLogin')}</Link>
        </span>
      </div>
    </AuthShell>
  );
}
