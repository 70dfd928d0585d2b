import { Fragment, useState } from 'react';
import { Card, Col, Flex, Progress, Row, Segmented, Skeleton, Statistic, Table, Typography } from 'antd';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import type { ProgressCounts } from '@gradphoto/contracts/console-progress';
import { useLang } from '../../../lib/i18n.js';
import { BatchSelect, SchoolSelect } from '../../../components/console/BatchSelect.js';
import { DownloadButton } from '../../../components/console/DownloadButton.js';
import { withQuery } from '../../../components/console/download.js';
import { QueryError } from '../../../components/console/QueryError.js';
import { useProgress } from '../api/progress.js';
import { DailyChart } from './DailyChart.js';

const STAGES = [
  'registered',
  'photographed',
  'paid',
  'pendingReview',
  'approved',
  'rejected',
  'shipped',
] as const;
type Stage = (typeof STAGES)[number];
const COLORS: Record<Stage, string> = {
  registered: '#2563eb',
  photographed: '#0891b2',
  paid: '#4f46e5',
  pendingReview: '#d97706',
  approved: '#16a34a',
  rejected: '#dc2626',
  shipped: '#9333ea',
};

const pct = (n: number, of: number) => (of > 0 ? Math.round((100 * n) / of) : 0);
/** Stage labels stay on one line: antd's cells and texts would break a long English word ("Photographed") anywhere. */
const oneLine = { whiteSpace: 'nowrap' } as const;

/** The progress dashboard: totals, the funnel, 30 days of registrations and approvals, per school and batch, CSV. */
export function ProgressPanel({ staff }: { staff: StaffProfile }) {
  const { t } = useLang('console-dashboard');
  const [schoolId, setSchoolId] = useState<string | undefined>();
  const [batchId, setBatchId] = useState<string | undefined>();
  const [by, setBy] = useState<'batches' | 'schools'>('batches');
  const progress = useProgress({ schoolId, batchId }, true);
  const admin = staff.role === 'admin';
  if (progress.isPending) return <Skeleton active />;
  if (progress.isError) return <QueryError error={progress.error} onRetry={() => void progress.refetch()} />;
  const p = progress.data;
  const base = Math.max(p.totals.graduates, p.totals.registered);
  const countColumns = [
    ...(['graduates', ...STAGES] as const).map((k) => ({
      title: t(`progress.${k}`),
      dataIndex: k,
      // at least the old 90 px; wider where a label needs it (the table sizes itself: x: 'max-content')
      minWidth: 90,
      align: 'right' as const,
      onHeaderCell: () => ({ style: oneLine }),
    })),
    {
      title: t('progress.approvedRate'),
      key: 'rate',
      width: 150,
      render: (_: unknown, r: ProgressCounts) => (
        <Progress
          percent={pct(r.approved, Math.max(r.graduates, r.registered))}
          size="small"
          status="normal"
          strokeColor={COLORS.approved}
        />
      ),
    },
  ];
  return (
    <div data-testid="progress-panel">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        {admin && (
          <SchoolSelect
            value={schoolId}
            onChange={(id) => {
              setSchoolId(id);
              setBatchId(undefined);
            }}
            placeholder={t('progress.allSchools')}
          />
        )}
        <BatchSelect
          value={batchId}
          onChange={setBatchId}
          schoolId={schoolId}
          placeholder={t('progress.allBatches')}
        />
        <div style={{ flex: 1 }} />
        <DownloadButton
          url={withQuery('/api/console/progress.csv', { schoolId, batchId })}
          fallbackName="progress.csv"
          data-testid="progress-csv"
        >
          {t('progress.csv')}
        </DownloadButton>
      </Flex>
      <Row gutter={[16, 16]}>
        {(['graduates', ...STAGES] as const).map((k) => (
          <Col key={k} xs={12} md={6} xl={3}>
            <Card size="small" data-testid={`progress-${k}`}>
              <Statistic title={t(`progress.${k}`)} value={p.totals[k]} />
            </Card>
          </Col>
        ))}
        <Col xs={24} xl={10}>
          <Card size="small" title={t('progress.funnel')} style={{ height: '100%' }}>
            {/* one label column as wide as the longest label (at least 72 px), so the bars line up */}
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'minmax(72px, max-content) 1fr',
                gap: '4px 8px',
              }}
              data-testid="progress-funnel"
            >
              {STAGES.map((k) => (
                <Fragment key={k}>
                  <Typography.Text style={{ ...oneLine, alignSelf: 'center' }}>
                    {t(`progress.${k}`)}
                  </Typography.Text>
                  <Progress
                    percent={pct(p.totals[k], base)}
                    status="normal"
                    strokeColor={COLORS[k]}
                    format={() => p.totals[k]}
                    style={{ margin: 0 }}
                  />
                </Fragment>
              ))}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('progress.daily')} style={{ height: '100%' }}>
            <DailyChart daily={p.daily} />
          </Card>
        </Col>
        <Col span={24}>
          <Card
            size="small"
            title={t('progress.table')}
            extra={
              admin && (
                <Segmented
                  size="small"
                  value={by}
                  onChange={(v) => setBy(v as 'batches' | 'schools')}
                  options={[
                    { value: 'batches', label: t('progress.byBatch') },
                    { value: 'schools', label: t('progress.bySchool') },
                  ]}
                />
              )
            }
          >
            {by === 'schools' && admin ? (
              <Table
                size="small"
                rowKey="schoolId"
                dataSource={p.schools}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                columns={[
                  {
                    title: t('progress.school'),
                    dataIndex: 'schoolName',
                    fixed: 'left' as const,
                    width: 180,
                  },
                  ...countColumns,
                ]}
              />
            ) : (
              <Table
                size="small"
                rowKey="batchId"
                dataSource={p.batches}
                data-testid="progress-batches"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                columns={[
                  {
                    title: t('progress.batch'),
                    key: 'batch',
                    fixed: 'left' as const,
                    width: 240,
                    render: (_: unknown, b: (typeof p.batches)[number]) => (
                      <span>
                        {b.batchName}
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                          {b.schoolName}
                          {b.payer === 'school' && ` · ${t('progress.schoolPays')}`}
                        </Typography.Text>
                      </span>
                    ),
                  },
                  ...countColumns,
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
