import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import { useLang } from '../../../lib/i18n.js';
import { isApiError } from '../../../lib/api-client.js';
import { useDashboard } from '../api/dashboard.js';
import { ProgressPanel } from '../components/ProgressPanel.js';

/** One dashboard per role: title, subtitle and the server's cards (mostly empty for now). */
export function DashboardPage({
  staff,
  onAuthError,
}: {
  staff: StaffProfile;
  onAuthError: (status: 401 | 403) => void;
}) {
  const { t, errorText } = useLang();
  const { t: tp } = useLang('console-dashboard');
  const { i18n } = useTranslation();
  const dashboard = useDashboard();
  const authStatus =
    isApiError(dashboard.error) && (dashboard.error.status === 401 || dashboard.error.status === 403)
      ? dashboard.error.status
      : null;
  useEffect(() => {
    if (authStatus) onAuthError(authStatus);
  }, [authStatus, onAuthError]);
  const role = dashboard.data?.role ?? staff.role;
  const cards = dashboard.data?.cards ?? [];
  const cardLabel = (key: string) =>
    i18n.exists(`console.dashboard.cards.${key}`) ? t(`console.dashboard.cards.${key}`) : key;
  return (
    <div data-testid={`dashboard-${role}`}>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }} data-testid="dashboard-title">
        {t(`console.dashboard.title.${role}`)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('console.dashboard.welcome', { name: staff.name || staff.username })} ·{' '}
        {t(`console.dashboard.subtitle.${role}`)}
        {staff.schoolName && <> · {t('console.dashboard.school', { school: staff.schoolName })}</>}
      </Typography.Paragraph>
      {dashboard.isPending ? (
        <Skeleton active />
      ) : dashboard.isError ? (
        <Typography.Text type="danger">{errorText(dashboard.error)}</Typography.Text>
      ) : cards.length === 0 ? (
        <Card>
          <Empty
            description={
              <>
                {t('console.dashboard.empty')}
                <br />
                <Typography.Text type="secondary">{t(`console.dashboard.emptyHint.${role}`)}</Typography.Text>
              </>
            }
          />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {cards.map((c) => (
            <Col key={c.key} xs={24} sm={12} lg={8} xl={6}>
              <Card data-testid={`card-${c.key}`}>
                <Statistic title={cardLabel(c.key)} value={c.value} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {!dashboard.isPending && cards.length > 0 && cards.every((c) => c.value === 0) && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          {t(`console.dashboard.emptyHint.${role}`)}
        </Typography.Paragraph>
      )}
      {role !== 'reviewer' && (
        <>
          <Typography.Title level={4} style={{ marginTop: 32 }}>
            {tp('progress.title')}
          </Typography.Title>
          <ProgressPanel staff={staff} />
        </>
      )}
    </div>
  );
}
