import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Input, Select, Typography } from 'antd';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import { OrderKinds, type ConsoleOrderView } from '@gradphoto/contracts/console-orders';
import { OrderStates, type OrderState } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { BatchSelect } from '../../../components/console/BatchSelect.js';
import { QueryError } from '../../../components/console/QueryError.js';
import { useOrders } from '../api/orders.js';
import { OrderDrawer } from './OrderDrawer.js';
import { OrdersTable } from './OrdersTable.js';

/** Search by order number, phone, ID number or name; filter by batch (kept in the URL), status and kind. */
export function OrderSearch({ staff, requests = false }: { staff: StaffProfile; requests?: boolean }) {
  const { t } = useLang('console-orders');
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batchId') ?? undefined;
  const [q, setQ] = useState(params.get('q') ?? '');
  const [status, setStatus] = useState<OrderState | undefined>();
  const [kind, setKind] = useState<ConsoleOrderView['kind'] | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);
  const orders = useOrders({
    q: q || undefined,
    batchId,
    status,
    kind,
    refundRequested: requests || undefined,
    ...paging,
  });
  const setBatch = (id: string | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('batchId', id);
    else next.delete('batchId');
    setParams(next, { replace: true });
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const matched = orders.data?.matchedBy;
  return (
    <Card>
      <div style={{ display: 'flex', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
        <Input.Search
          allowClear
          name="order-q"
          defaultValue={q}
          placeholder={t('search')}
          style={{ width: 340 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          autoFocus
        />
        <BatchSelect
          value={batchId}
          onChange={setBatch}
          placeholder={t('allBatches')}
          testId="orders-batch"
        />
        {!requests && (
          <Select<OrderState>
            allowClear
            placeholder={t('allStatuses')}
            style={{ width: 140 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={OrderStates.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            data-testid="orders-status"
          />
        )}
        <Select<ConsoleOrderView['kind']>
          allowClear
          placeholder={t('allKinds')}
          style={{ width: 130 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={OrderKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
      </div>
      {q && matched && (
        <Typography.Paragraph type="secondary" data-testid="matched-by">
          {t(`matchedBy.${matched}`)}
        </Typography.Paragraph>
      )}
      {orders.isError ? (
        <QueryError error={orders.error} onRetry={() => void orders.refetch()} />
      ) : (
        <OrdersTable
          data={orders.data}
          loading={orders.isFetching}
          {...paging}
          onPage={(page, pageSize) => setPaging({ page, pageSize })}
          onOpen={(o) => setOpen(o.id)}
          requests={requests}
        />
      )}
      <OrderDrawer id={open} role={staff.role} onClose={() => setOpen(null)} />
    </Card>
  );
}
