import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Input,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { StaffRole } from '@gradphoto/contracts/accounts';
import type { ConsoleOrderDetail } from '@gradphoto/contracts/console-orders';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { QueryError } from '../../../components/console/QueryError.js';
import { declineRefundRequest, ordersKey, useOrder } from '../api/orders.js';
import { noteText } from './order-note.js';
import { ORDER_STATUS_COLOR } from './order-status.js';
import { RefundModal } from './RefundModal.js';
import { ShipForm } from './ShipForm.js';

function RefundRequest({
  order,
  admin,
  onChanged,
}: {
  order: ConsoleOrderDetail;
  admin: boolean;
  onChanged: () => void;
}) {
  const { t, errorText } = useLang('console-orders');
  const { message } = App.useApp();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (!order.refundRequest) return null;
  const decline = async () => {
    setBusy(true);
    try {
      await declineRefundRequest(order.id, reason);
      void message.success(t('refundRequest.declined'));
      setDeclining(false);
      onChanged();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="refund-request"
      title={t('refundRequest.title', { at: formatDateTime(order.refundRequest.at) })}
      description={
        <>
          <div>{order.refundRequest.reason}</div>
          {admin && declining && (
            <Space.Compact style={{ marginTop: 8, width: '100%' }}>
              <Input
                placeholder={t('refundRequest.declineReason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                onPressEnter={() => void decline()}
                autoFocus
              />
              <Button
                danger
                loading={busy}
                disabled={reason.trim().length < 2}
                onClick={() => void decline()}
              >
                {t('refundRequest.decline')}
              </Button>
            </Space.Compact>
          )}
        </>
      }
      action={
        admin && !declining ? (
          <Button size="small" onClick={() => setDeclining(true)} data-testid="refund-decline">
            {t('refundRequest.decline')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** One order: who, what, money, address, timeline and refunds; refunds, declines and shipping for admins. */
export function OrderDrawer({
  id,
  role,
  onClose,
}: {
  id: string | null;
  role: StaffRole;
  onClose: () => void;
}) {
  const { t } = useLang('console-orders');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const order = useOrder(id);
  const [refunding, setRefunding] = useState(false);
  const admin = role === 'admin';
  const changed = () => void qc.invalidateQueries({ queryKey: ordersKey });
  const o = order.data;
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      size={640}
      title={o ? t('drawer.title', { orderNo: o.orderNo }) : ''}
      destroyOnHidden
    >
      {order.isPending ? (
        <Skeleton active />
      ) : order.isError ? (
        <QueryError error={order.error} onRetry={() => void order.refetch()} />
      ) : (
        o && (
          <div data-testid="order-drawer">
            <RefundRequest order={o} admin={admin} onChanged={changed} />
            <Space style={{ marginBottom: 16 }}>
              <Tag color={ORDER_STATUS_COLOR[o.status]} data-testid="order-status">
                {t(`status.${o.status}`)}
              </Tag>
              <Tag>{t(`kind.${o.kind}`)}</Tag>
              {admin && o.refundableCents > 0 && (
                <Button danger size="small" onClick={() => setRefunding(true)} data-testid="refund-open">
                  {t('refund.open')}
                </Button>
              )}
            </Space>
            <Descriptions
              column={2}
              size="small"
              bordered
              items={[
                {
                  key: 'name',
                  label: t('col.name'),
                  children: o.studentErased
                    ? t('erasedLong')
                    : `${o.studentName}${o.graduateName && o.graduateName !== o.studentName ? ` (${o.graduateName})` : ''}`,
                },
                { key: 'phone', label: t('col.phone'), children: o.phoneMasked },
                { key: 'id', label: t('col.idNumber'), children: o.idNumberMasked },
                { key: 'batch', label: t('col.batch'), children: `${o.schoolName} · ${o.batchName}` },
                { key: 'amount', label: t('col.amount'), children: formatYuan(o.amountCents) },
                {
                  key: 'payMethod',
                  label: t('col.payMethod'),
                  children: o.paymentProvider ? t(`payMethod.${o.paymentProvider}`) : '—',
                },
                { key: 'refunded', label: t('col.refunded'), children: formatYuan(o.refundedCents) },
                {
                  key: 'prints',
                  label: t('col.prints'),
                  children: o.withPrints
                    ? t('drawer.layout', { layout: o.layout ?? 1, copies: o.copies })
                    : t('drawer.noPrints'),
                },
                {
                  key: 'photo',
                  label: t('col.photo'),
                  children: o.submissionStatus ? t(`submission.${o.submissionStatus}`) : '—',
                },
                ...(o.courier
                  ? [
                      {
                        key: 'courier',
                        label: t('ship.courier'),
                        children: `${o.courier} ${o.trackingNo ?? ''}`,
                      },
                    ]
                  : []),
                ...(o.shippingAddress
                  ? [
                      {
                        key: 'addr',
                        label: t('drawer.address'),
                        span: 2,
                        children: `${o.shippingAddress.recipient} ${o.shippingAddress.phone} · ${o.shippingAddress.regionText} ${o.shippingAddress.street}`,
                      },
                    ]
                  : []),
              ]}
            />
            {admin && o.status === 'in_production' && (
              <>
                <Divider titlePlacement="start">{t('ship.title')}</Divider>
                <ShipForm
                  orderId={o.id}
                  onShipped={() => {
                    void message.success(t('ship.done'));
                    changed();
                  }}
                />
              </>
            )}
            <Divider titlePlacement="start">{t('drawer.timeline')}</Divider>
            <Timeline
              data-testid="order-timeline"
              items={o.history.map((h) => {
                const note = noteText(t, h);
                return {
                  title: formatDateTime(h.at),
                  content: (
                    <span>
                      {t(`status.${h.to}`, { defaultValue: h.to })}
                      <Typography.Text type="secondary">
                        {' '}
                        · {t(`actor.${h.actorType}`, { defaultValue: h.actorType })}
                      </Typography.Text>
                      {note && (
                        <div style={{ color: '#666' }} data-testid="order-note">
                          {note}
                        </div>
                      )}
                    </span>
                  ),
                };
              })}
            />
            {o.refunds.length > 0 && (
              <>
                <Divider titlePlacement="start">{t('drawer.refunds')}</Divider>
                <Table
                  size="small"
                  rowKey="refundNo"
                  pagination={false}
                  dataSource={o.refunds}
                  data-testid="order-refunds"
                  columns={[
                    { title: t('refund.no'), dataIndex: 'refundNo' },
                    {
                      title: t('refund.amount'),
                      dataIndex: 'amountCents',
                      render: (c: number) => formatYuan(c),
                    },
                    { title: t('refund.reason'), dataIndex: 'reason' },
                    {
                      title: t('refund.status'),
                      dataIndex: 'status',
                      render: (s: string) => t(`refundStatus.${s}`),
                    },
                    { title: t('refund.at'), dataIndex: 'at', render: (d: string) => formatDateTime(d) },
                  ]}
                />
              </>
            )}
            <RefundModal
              order={o}
              open={refunding}
              onClose={() => setRefunding(false)}
              onDone={(next) => {
                setRefunding(false);
                qc.setQueryData([...ordersKey, 'one', o.id], next);
                changed();
                void message.success(t('refund.done'));
              }}
            />
          </div>
        )
      )}
    </Drawer>
  );
}
