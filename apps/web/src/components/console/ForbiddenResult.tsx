import { Button, Result, Space } from 'antd';
import { useLang } from '../../lib/i18n.js';

/** The 403 page: a student (or a staff member without the role) opened a console page. */
export function ForbiddenResult({ student, onSwitch }: { student: boolean; onSwitch: () => void }) {
  const { t } = useLang();
  return (
    <Result
      status="403"
      title={<span data-testid="forbidden">{t('console.forbidden.title')}</span>}
      subTitle={t(student ? 'console.forbidden.desc' : 'console.forbidden.descStaff')}
      extra={
        <Space wrap>
          <Button href="/">{t('console.forbidden.toStudent')}</Button>
          <Button type="primary" onClick={onSwitch}>
            {t('console.forbidden.switchAccount')}
          </Button>
        </Space>
      }
    />
  );
}
