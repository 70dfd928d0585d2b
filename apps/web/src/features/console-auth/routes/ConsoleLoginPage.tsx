import { useNavigate } from 'react-router-dom';
import { Card, Typography } from 'antd';
import { useLang } from '../../../lib/i18n.js';
import { centreName, useCentre, useSessionChanged } from '../../../lib/session.js';
import { LanguageSwitch } from '../../../components/console/LanguageSwitch.js';
import { StaffLoginForm } from '../components/StaffLoginForm.js';

export function ConsoleLoginPage() {
  const { t, lang } = useLang();
  const centre = useCentre();
  const navigate = useNavigate();
  const changed = useSessionChanged();
  const onDone = async () => {
    await changed();
    void navigate('/', { replace: true });
  };
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(135deg, #eef4ff 0%, #f8fafc 55%, #e0f2fe 100%)',
      }}
    >
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          padding: '16px 32px',
        }}
      >
        <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="centre-name">
            {centreName(centre.data, lang)}
          </Typography.Text>
        </div>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 24 }}>
        <Card
          style={{ width: 400, maxWidth: '100%', boxShadow: '0 12px 40px rgba(30, 64, 175, 0.12)' }}
          styles={{ body: { padding: 32 } }}
        >
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('console.login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {t('console.title')} · {t('console.login.subtitle')}
          </Typography.Paragraph>
          <StaffLoginForm onDone={onDone} />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Typography.Link href="/">{t('console.login.toStudent')}</Typography.Link>
          </div>
        </Card>
      </div>
    </div>
  );
}
