import { Table, Tag, Typography } from 'antd';
import type { ConsoleOrderListResponse, ConsoleOrderView } from '@gradphoto/contracts/console-orders';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { ORDER_STATUS_COLOR } from './order-status.js';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

/** Orders with server paging; a row (or Enter on it) opens the detail drawer. */
export function OrdersTable({
  data,
  loading,
  page,
  pageSize,
  onPage,
  onOpen,
  requests,
}: {
  data: ConsoleOrderListResponse | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  onOpen: (o: ConsoleOrderView) => void;
  requests?: boolean;
}) {
  const { t } = useLang('console-orders');
  return (
    <Table<ConsoleOrderView>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data?.items ?? []}
      data-testid={requests ? 'refund-requests-table' : 'orders-table'}
      onRow={(o) => ({
        onClick: () => onOpen(o),
        onKeyDown: (e) => e.key === 'Enter' && onOpen(o),
        tabIndex: 0,
        style: { cursor: 'pointer' },
      })}
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
          title: t('col.orderNo'),
          dataIndex: 'orderNo',
          width: 200,
          render: (n: string) => <span style={mono}>{n}</span>,
        },
        {
          title: t('col.name'),
          key: 'name',
          width: 150,
          render: (_: unknown, o) => (
            <span>
              {o.studentErased ? (
                <Tag data-testid="order-student-erased">{t('erased')}</Tag>
              ) : (
                o.studentName
              )}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {o.phoneMasked}
              </Typography.Text>
            </span>
          ),
        },
        {
          title: t('col.batch'),
          key: 'batch',
          render: (_: unknown, o) => (
            <Typography.Text ellipsis style={{ maxWidth: 260 }}>
              {o.schoolName} · {o.batchName}
            </Typography.Text>
          ),
        },
        {
          title: t('col.kind'),
          dataIndex: 'kind',
          width: 100,
          render: (k: ConsoleOrderView['kind']) => t(`kind.${k}`),
        },
        {
          title: t('col.amount'),
          key: 'amount',
          width: 120,
          align: 'right',
          render: (_: unknown, o) => (
            <span>
              {formatYuan(o.amountCents)}
              {o.paymentProvider && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="pay-provider">
                  {t(`payMethod.${o.paymentProvider}`)}
                </Typography.Text>
              )}
              {o.refundedCents > 0 && (
                <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
                  −{formatYuan(o.refundedCents)}
                </Typography.Text>
              )}
            </span>
          ),
        },
        {
          title: t('col.status'),
          dataIndex: 'status',
          width: 110,
          render: (s: ConsoleOrderView['status']) => (
            <Tag color={ORDER_STATUS_COLOR[s]}>{t(`status.${s}`)}</Tag>
          ),
        },
        ...(requests
          ? [
              {
                title: t('col.requestReason'),
                key: 'request',
                render: (_: unknown, o: ConsoleOrderView) => (
                  <span>
                    {o.refundRequest?.reason}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {o.refundRequest ? formatDateTime(o.refundRequest.at) : ''}
                    </Typography.Text>
                  </span>
                ),
              },
            ]
          : [
              {
                title: t('col.photo'),
                dataIndex: 'submissionStatus',
                width: 100,
                render: (s: ConsoleOrderView['submissionStatus']) => (s ? t(`submission.${s}`) : '—'),
              },
              {
                title: t('col.createdAt'),
                dataIndex: 'createdAt',
                width: 150,
                render: (d: string) => formatDateTime(d),
              },
            ]),
      ]}
    />
  );
}
