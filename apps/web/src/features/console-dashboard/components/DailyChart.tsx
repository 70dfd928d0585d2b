import { Empty, Flex, Tooltip, Typography, theme } from 'antd';
import type { ProgressResponse } from '@gradphoto/contracts/console-progress';
import { useLang } from '../../../lib/i18n.js';

/** Registrations and approvals per day as paired bars (plain divs: no chart library needed for 30 days). */
export function DailyChart({ daily }: { daily: ProgressResponse['daily'] }) {
  const { t } = useLang('console-dashboard');
  const { token } = theme.useToken();
  const max = Math.max(1, ...daily.map((d) => Math.max(d.registered, d.approved)));
  if (!daily.length || daily.every((d) => d.registered === 0 && d.approved === 0))
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('progress.noDaily')} />;
  const height = 140;
  return (
    <div data-testid="daily-chart">
      <Flex align="flex-end" gap={4} style={{ height, borderBottom: `1px solid ${token.colorBorder}` }}>
        {daily.map((d) => (
          <Tooltip
            key={d.date}
            title={`${d.date} · ${t('progress.registered')} ${d.registered} · ${t('progress.approved')} ${d.approved}`}
          >
            <Flex align="flex-end" gap={1} style={{ flex: 1, height: '100%' }}>
              <div
                style={{
                  flex: 1,
                  height: `${(100 * d.registered) / max}%`,
                  background: token.colorPrimary,
                  borderRadius: '2px 2px 0 0',
                  minHeight: d.registered ? 2 : 0,
                }}
              />
              <div
                style={{
                  flex: 1,
                  height: `${(100 * d.approved) / max}%`,
                  background: token.colorSuccess,
                  borderRadius: '2px 2px 0 0',
                  minHeight: d.approved ? 2 : 0,
                }}
              />
            </Flex>
          </Tooltip>
        ))}
      </Flex>
      <Flex justify="space-between" style={{ marginTop: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {daily[0]?.date.slice(5)}
        </Typography.Text>
        <Flex gap={12}>
          <Typography.Text style={{ fontSize: 12 }}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                background: token.colorPrimary,
                marginInlineEnd: 4,
              }}
            />
            {t('progress.registered')}
          </Typography.Text>
          <Typography.Text style={{ fontSize: 12 }}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                background: token.colorSuccess,
                marginInlineEnd: 4,
              }}
            />
            {t('progress.approved')}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {daily[daily.length - 1]?.date.slice(5)}
        </Typography.Text>
      </Flex>
    </div>
  );
}
