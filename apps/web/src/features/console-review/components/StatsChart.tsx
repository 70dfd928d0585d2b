import { Empty, Flex, Tooltip, Typography, theme } from 'antd';
import { useLang } from '../../../lib/i18n.js';
import { shortLabel, type BucketSum } from './stats-buckets.js';

function Swatch({ color, label }: { color: string; label: string }) {
  return (
    <Typography.Text style={{ fontSize: 12 }}>
      <span
        style={{ display: 'inline-block', width: 10, height: 10, background: color, marginInlineEnd: 4 }}
      />
      {label}
    </Typography.Text>
  );
}

/**
 * Decisions per day or hour as stacked bars: single approvals, bulk approvals, rejections (plain divs,
 * like the dashboard's daily chart: no chart library).
 */
export function StatsChart({ buckets }: { buckets: BucketSum[] }) {
  const { t } = useLang('console-review');
  const { token } = theme.useToken();
  const colors = { single: token.colorSuccess, bulk: '#86efac', rejected: token.colorError };
  const max = Math.max(1, ...buckets.map((b) => b.approved + b.rejected));
  if (!buckets.some((b) => b.approved + b.rejected > 0))
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.noDecisions')} />;
  const height = 160;
  const mid = buckets[Math.floor(buckets.length / 2)];
  return (
    <div data-testid="stats-chart">
      <Flex
        align="flex-end"
        gap={buckets.length > 60 ? 1 : 4}
        style={{ height, borderBottom: `1px solid ${token.colorBorder}` }}
      >
        {buckets.map((b) => {
          const parts = [
            { key: 'rejected', n: b.rejected, color: colors.rejected },
            { key: 'bulk', n: b.bulk, color: colors.bulk },
            { key: 'single', n: b.approved - b.bulk, color: colors.single },
          ];
          return (
            <Tooltip
              key={b.bucket}
              title={`${shortLabel(b.bucket)} · ${t('stats.single')} ${b.approved - b.bulk} · ${t('stats.bulkApproved')} ${b.bulk} · ${t('stats.rejected')} ${b.rejected}`}
            >
              <Flex justify="center" style={{ flex: 1, height: '100%' }} data-bucket={b.bucket}>
                <Flex vertical justify="flex-end" style={{ width: '70%', maxWidth: 48, height: '100%' }}>
                  {parts.map((p) =>
                    p.n > 0 ? (
                      <div
                        key={p.key}
                        style={{ height: `${(100 * p.n) / max}%`, minHeight: 2, background: p.color }}
                      />
                    ) : null,
                  )}
                </Flex>
              </Flex>
            </Tooltip>
          );
        })}
      </Flex>
      {buckets.length <= 14 ? (
        <Flex gap={4} style={{ marginTop: 4 }}>
          {buckets.map((b) => (
            <Typography.Text
              key={b.bucket}
              type="secondary"
              style={{ flex: 1, fontSize: 12, textAlign: 'center' }}
            >
              {shortLabel(b.bucket)}
            </Typography.Text>
          ))}
        </Flex>
      ) : (
        <Flex justify="space-between" style={{ marginTop: 4 }}>
          {[buckets[0], mid, buckets[buckets.length - 1]].map((b, i) => (
            <Typography.Text key={i} type="secondary" style={{ fontSize: 12 }}>
              {b && shortLabel(b.bucket)}
            </Typography.Text>
          ))}
        </Flex>
      )}
      <Flex gap={16} justify="center" style={{ marginTop: 8 }}>
        <Swatch color={colors.single} label={t('stats.single')} />
        <Swatch color={colors.bulk} label={t('stats.bulkApproved')} />
        <Swatch color={colors.rejected} label={t('stats.rejected')} />
      </Flex>
    </div>
  );
}
