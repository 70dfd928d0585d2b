import { useMemo, useState } from 'react';
import { Button, Card, Col, Flex, Row, Segmented, Skeleton, Statistic, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import type { ReviewStatsResponse } from '@gradphoto/contracts/console-reviews';
import { useLang } from '../../../lib/i18n.js';
import { QueryError } from '../../../components/console/QueryError.js';
import { useReviewStats } from '../api/reviews.js';
import { StatsChart } from './StatsChart.js';
import {
  PERIODS,
  beijingTime,
  grandTotal,
  periodStart,
  sumBuckets,
  type Bucket,
  type Period,
} from './stats-buckets.js';

type Row = ReviewStatsResponse['totals'][number];
const FIGURES = ['decisions', 'approved', 'bulk', 'rejected', 'undone'] as const;

/**
 * 审核统计: decisions per reviewer (an admin sees everyone, a reviewer themselves) over today, 7 or 30
 * days, by day or by hour (Beijing time): totals, a stacked chart and a table with the median time.
 */
export function ReviewStats({ staff }: { staff: StaffProfile }) {
  const { t } = useLang('console-review');
  const [period, setPeriod] = useState<Period>('7d');
  const [bucket, setBucket] = useState<Bucket>('day');
  // the period starts at a Beijing midnight: the query key stays the same for the whole day
  const from = useMemo(() => periodStart(period), [period]);
  const stats = useReviewStats({ from, bucket });
  const data = stats.data;
  const buckets = useMemo(() => (data ? sumBuckets(data) : []), [data]);
  const sum = data ? grandTotal(data) : null;
  const seconds = (v: number | null) => (v === null ? '—' : t('stats.seconds', { n: v }));
  const count = (k: (typeof FIGURES)[number]) => ({
    title: t(`stats.${k}`),
    dataIndex: k,
    width: 110,
    align: 'right' as const,
  });

  return (
    <div data-testid="review-stats">
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Segmented<Period>
          value={period}
          onChange={setPeriod}
          data-testid="stats-period"
          options={(Object.keys(PERIODS) as Period[]).map((p) => ({
            value: p,
            label: t(`stats.period.${p}`),
            disabled: bucket === 'hour' && p === '30d',
          }))}
        />
        <Segmented<Bucket>
          value={bucket}
          onChange={(b) => {
            setBucket(b);
            if (b === 'hour' && period === '30d') setPeriod('7d');
          }}
          data-testid="stats-bucket"
          options={[
            { value: 'day', label: t('stats.byDay') },
            { value: 'hour', label: t('stats.byHour') },
          ]}
        />
        <div style={{ flex: 1 }} />
        {data && (
          <Typography.Text type="secondary">
            {t('stats.range', { from: beijingTime(data.from), to: beijingTime(data.to) })}
          </Typography.Text>
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void stats.refetch()} loading={stats.isFetching}>
          {t('stats.reload')}
        </Button>
      </Flex>
      {staff.role === 'reviewer' && (
        <Typography.Paragraph type="secondary">{t('stats.ownOnly')}</Typography.Paragraph>
      )}
      {stats.isPending ? (
        <Skeleton active />
      ) : stats.isError || !data || !sum ? (
        <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          {FIGURES.map((k) => (
            <Col key={k} xs={12} md={8} xl={4}>
              <Card size="small" data-testid={`stats-total-${k}`}>
                <Statistic title={t(`stats.${k}`)} value={sum[k]} />
              </Card>
            </Col>
          ))}
          <Col xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={t('stats.reviewers')} value={data.totals.length} />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={t(bucket === 'day' ? 'stats.chartDay' : 'stats.chartHour')}>
              <StatsChart buckets={buckets} />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={t('stats.table')}>
              <Table<Row>
                size="small"
                rowKey="reviewerId"
                dataSource={data.totals}
                data-testid="stats-table"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: t('stats.noDecisions') }}
                columns={[
                  { title: t('stats.reviewer'), dataIndex: 'reviewerName', render: (n: string) => n || '—' },
                  ...FIGURES.map(count),
                  {
                    title: t('stats.median'),
                    dataIndex: 'medianSeconds',
                    width: 150,
                    align: 'right' as const,
                    render: seconds,
                  },
                ]}
                summary={() =>
                  data.totals.length > 1 && (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>
                        <Typography.Text strong>{t('stats.all')}</Typography.Text>
                      </Table.Summary.Cell>
                      {FIGURES.map((k, i) => (
                        <Table.Summary.Cell key={k} index={i + 1} align="right">
                          <Typography.Text strong>{sum[k]}</Typography.Text>
                        </Table.Summary.Cell>
                      ))}
                      <Table.Summary.Cell index={FIGURES.length + 1} />
                    </Table.Summary.Row>
                  )
                }
              />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
