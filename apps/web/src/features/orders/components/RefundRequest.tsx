import { useState } from 'react';
import { Button, TextArea, Toast } from 'antd-mobile';
import { SheetPopup } from '../../../components/student/SheetPopup.js';
import { useLang } from '../../../lib/i18n.js';
import { FormError } from '../../../components/student/FormError.js';
import { requestRefund } from '../api/orders.js';

const REASONS = ['noPrints', 'wrongInfo', 'duplicate', 'other'] as const;

/** 申请退款 before review: a reason (quick picks or typed), sent once. Staff decide in the console. */
export function RefundRequest({ orderNo, onDone }: { orderNo: string; onDone: () => void }) {
  const { t, errorText } = useLang('orders');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const valid = reason.trim().length >= 2;

  const send = async () => {
    if (!valid || busy) return;
    setBusy(true);
    setError(null);
    try {
      await requestRefund(orderNo, reason.trim());
      setOpen(false);
      Toast.show({ icon: 'success', content: t('refund.sent') });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="order-link order-link--quiet"
        onClick={() => setOpen(true)}
        data-testid="refund-open"
      >
        {t('refund.cta')}
      </button>
      <SheetPopup open={open} onClose={() => setOpen(false)} title={t('refund.title')}>
        <p className="sheet-popup__hint">{t('refund.hint')}</p>
        <div className="chips">
          {REASONS.map((r) => (
            <button
              key={r}
              type="button"
              className="chip"
              onClick={() => setReason(t(`refund.reasons.${r}`))}
            >
              {t(`refund.reasons.${r}`)}
            </button>
          ))}
        </div>
        <TextArea
          className="refund-reason"
          placeholder={t('refund.placeholder')}
          value={reason}
          onChange={setReason}
          maxLength={200}
          showCount
          rows={3}
          data-testid="refund-reason"
        />
        {error !== null && <FormError message={errorText(error)} />}
        <div className="sheet-popup__actions">
          <Button
            block
            shape="rounded"
            color="primary"
            disabled={!valid}
            loading={busy}
            onClick={() => void send()}
            data-testid="refund-submit"
          >
            {t('refund.submit')}
          </Button>
        </div>
      </SheetPopup>
    </>
  );
}
