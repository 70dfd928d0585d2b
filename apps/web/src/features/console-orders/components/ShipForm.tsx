import { useState } from 'react';
import { Alert, AutoComplete, Button, Form, Input, Space } from 'antd';
import { useLang } from '../../../lib/i18n.js';
import { shipOrder } from '../api/orders.js';

const COURIERS = ['顺丰速运', '中国邮政 EMS', '京东物流', '中通快递', '圆通速递', '韵达快递', '申通快递'];

/** Mark one order shipped: courier and tracking number (Enter submits). */
export function ShipForm({ orderId, onShipped }: { orderId: string; onShipped: () => void }) {
  const { t, errorText } = useLang('console-orders');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { courier: string; trackingNo: string }) => {
    setBusy(true);
    setError(null);
    try {
      await shipOrder(orderId, v);
      onShipped();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      layout="vertical"
      onFinish={(v: { courier: string; trackingNo: string }) => void submit(v)}
      data-testid="ship-form"
    >
      <Space align="start" wrap>
        <Form.Item
          name="courier"
          label={t('ship.courier')}
          rules={[{ required: true, min: 2, message: t('ship.courierRequired') }]}
        >
          <AutoComplete options={COURIERS.map((c) => ({ value: c }))} style={{ width: 180 }}>
            <Input id="ship-courier" />
          </AutoComplete>
        </Form.Item>
        <Form.Item
          name="trackingNo"
          label={t('ship.trackingNo')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9-]{6,40}$/, message: t('ship.trackingInvalid') }]}
        >
          <Input id="ship-tracking" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label=" ">
          <Button type="primary" htmlType="submit" loading={busy} data-testid="ship-submit">
            {t('ship.submit')}
          </Button>
        </Form.Item>
      </Space>
      {error && <Alert type="error" showIcon title={error} data-testid="form-error" />}
    </Form>
  );
}
