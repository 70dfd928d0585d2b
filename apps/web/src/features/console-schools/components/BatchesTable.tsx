import { useNavigate } from 'react-router-dom';
import { Space, Table, Tag, Typography } from 'antd';
import type { BatchListResponse, BatchView } from '@gradphoto/contracts/console-batches';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';
import { formatDate } from '../../../lib/format-date.js';
import { ColorSwatch } from '../../../components/console/ColorSwatch.js';
import { FeatureCode } from '../../../components/console/FeatureCode.js';

const WINDOW_COLOR = { open: 'green', upcoming: 'blue', closed: 'default' } as const;

/** Batches with server paging; a row opens the batch. */
export function BatchesTable({
  data,
  loading,
  page,
  pageSize,
  onPage,
  showSchool,
}: {
  data: BatchListResponse | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  showSchool: boolean;
}) {
  const { t } = useLang('console-schools');
  const navigate = useNavigate();
  const windowText = (b: BatchView) =>
    b.opensAt || b.closesAt
      ? `${b.opensAt ? formatDate(b.opensAt) : '…'} – ${b.closesAt ? formatDate(b.closesAt) : '…'}`
      : t('batch.noWindow');
  return (
    <Table<BatchView>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data?.items ?? []}
      data-testid="batches-table"
      onRow={(b) => ({ onClick: () => void navigate(`/batches/${b.id}`), style: { cursor: 'pointer' } })}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (n) => t('total', { n }),
        onChange: onPage,
      }}
      columns={[
        {
          title: t('batch.name'),
          dataIndex: 'name',
          render: (name: string, b) => (
            <Space orientation="vertical" size={0}>
              <Typography.Link>{name}</Typography.Link>
              {showSchool && <Typography.Text type="secondary">{b.schoolName}</Typography.Text>}
            </Space>
          ),
        },
        {
          title: t('batch.mode'),
          dataIndex: 'mode',
          width: 110,
          render: (m: BatchView['mode']) => (
            <Tag color={m === 'centralized' ? 'geekblue' : 'purple'}>{t(`mode.${m}`)}</Tag>
          ),
        },
        {
          title: t('batch.codeColumn'),
          key: 'code',
          width: 150,
          render: (_: unknown, b) =>
            b.mode === 'centralized' ? (
              <FeatureCode code={b.featureCode} size="small" />
            ) : (
              <span>{b.regionCode}</span>
            ),
        },
        {
          title: t('batch.prices'),
          key: 'price',
          width: 170,
          render: (_: unknown, b) => (
            <span>
              {formatYuan(b.priceNoPrintsCents)} / {formatYuan(b.priceWithPrintsCents)}
              {b.payer === 'school' && (
                <Tag color="gold" style={{ marginInlineStart: 6 }}>
                  {t('payer.school')}
                </Tag>
              )}
            </span>
          ),
        },
        {
          title: t('batch.background'),
          dataIndex: 'background',
          width: 90,
          render: (hex: string) => <ColorSwatch hex={hex} size={20} />,
        },
        { title: t('batch.window'), key: 'window', width: 210, render: (_: unknown, b) => windowText(b) },
        {
          title: t('batch.state'),
          dataIndex: 'window',
          width: 100,
          render: (w: BatchView['window']) => <Tag color={WINDOW_COLOR[w]}>{t(`console.window.${w}`)}</Tag>,
        },
      ]}
    />
  );
}
