import { useNavigate } from 'react-router-dom';
import { Dialog } from 'antd-mobile';
import { useLang } from '../../../lib/i18n.js';
import { AuthShell } from '../../../components/student/AuthShell.js';
import { ResetPasswordForm } from '../components/ResetPasswordForm.js';

export function ResetPasswordPage() {
  const { t } = useLang();
  const navigate = useNavigate();
  const onDone = () => {
    void Dialog.alert({ content: t('reset.success'), confirmText: t('reset.toLogin') }).then(() =>
      navigate('/login', { replace: true }),
    );
  };
  return (
    <AuthShell title={t('reset.title')} subtitle={t('reset.subtitle')} back>
      <ResetPasswordForm onDone={onDone} />
    </AuthShell>
  );
}
