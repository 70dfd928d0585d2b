import { useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Radio, Typography, type ButtonProps } from 'antd';
import type { ConsoleOrderDetail } from '@gradphoto/contracts/console-orders';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';
import { refundOrder } from '../api/orders.js';

interface Values {
  kind: 'full' | 'partial';
  amount?: number;
  reason: string;
}

/** Full or partial refund with a reason; one idempotency key per opening, so a double click refunds once. */
export function RefundModal({
  order,
  open,
  onClose,
  onDone,
}: {
  order: ConsoleOrderDetail;
  open: boolean;
  onClose: () => void;
  onDone: (o: ConsoleOrderDetail) => void;
}) {
  const { t, errorText } = useLang('console-orders');
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const amountCents = v.kind === 'full' ? order.refundableCents : Math.round((v.amount ?? 0) * 100);
      const r = await refundOrder(order.id, { amountCents, reason: v.reason, idempotencyKey: key });
      onDone(r.order);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('refund.title', { orderNo: order.orderNo })}
      okText={t('refund.submit')}
      okButtonProps={
        { htmlType: 'submit', danger: true, loading: busy, 'data-testid': 'refund-submit' } as ButtonProps
      }
      onCancel={onClose}
      afterOpenChange={(o) => o && setKey(crypto.randomUUID())}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'full', reason: order.refundRequest?.reason ?? '' }}
          onFinish={(v) => void submit(v)}
          clearOnDestroy
        >
          {dom}
        </Form>
      )}
    >
      <Typography.Paragraph type="secondary">
        {t('refund.refundable', {
          amount: formatYuan(order.refundableCents),
          paid: formatYuan(order.amountCents),
        })}
      </Typography.Paragraph>
      <Form.Item name="kind" label={t('refund.kind')}>
        <Radio.Group
          options={[
            { value: 'full', label: t('refund.full', { amount: formatYuan(order.refundableCents) }) },
            { value: 'partial', label: t('refund.partial') },
          ]}
          data-testid="refund-kind"
        />
      </Form.Item>
      {kind === 'partial' && (
        <Form.Item
          name="amount"
          label={t('refund.amount')}
          rules={[
            { required: true, message: t('refund.amountRequired') },
            {
              validator: (_, v: number | undefined) =>
                v === undefined || (v > 0 && Math.round(v * 100) <= order.refundableCents)
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(t('refund.amountRange', { max: formatYuan(order.refundableCents) })),
                    ),
            },
          ]}
        >
          <InputNumber<number>
            prefix="¥"
            min={0.01}
            precision={2}
            style={{ width: 200 }}
            id="refund-amount"
            autoFocus
          />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={t('refund.reason')}
        rules={[{ required: true, min: 2, message: t('refund.reasonRequired') }]}
      >
        <Input.TextArea id="refund-reason" rows={2} maxLength={80} showCount />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('refund.notice')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} data-testid="form-error" />}
    </Modal>
  );
}
