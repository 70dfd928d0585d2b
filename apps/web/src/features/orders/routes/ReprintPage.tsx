import type { ReactNode } from 'react';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { Button, Stepper, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';
import { SubPageShell } from '../../../components/student/SubPageShell.js';
import { FormError } from '../../../components/student/FormError.js';
import { createReprint, ordersKey, useAddresses, useCollection } from '../api/orders.js';
import { pickAddress } from '../components/order-form.js';
import { useOrderParams } from '../components/use-order-params.js';
import { LayoutPicker } from '../components/LayoutPicker.js';
import { AddressPicker } from '../components/AddressPicker.js';
import { CollectionSummary } from '../components/CollectionSummary.js';
import { PageError, PageLoading } from '../components/PageState.js';
import '../orders.css';

const MAX_COPIES = 10;

/** 加洗: more print sheets of an approved photo — layout, copies, address, pay. */
export function ReprintPage() {
  const { t, errorText } = useLang('orders');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { params, collectionId, form, set } = useOrderParams();
  const copies = Math.min(MAX_COPIES, Math.max(1, Number(params.get('copies')) || 1));
  const collection = useCollection(collectionId);
  const addresses = useAddresses();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const backTo = collectionId ? `/collections/${collectionId}` : '/';

  if (!collectionId) return <Navigate to="/" replace />;
  const shell = (body: ReactNode, footer?: ReactNode) => (
    <SubPageShell title={t('reprint.title')} backTo={backTo} footer={footer}>
      {body}
    </SubPageShell>
  );
  if (collection.isPending) return shell(<PageLoading />);
  if (collection.isError)
    return shell(<PageError error={collection.error} onRetry={() => void collection.refetch()} />);
  const c = collection.data;
  if (c.submission?.status !== 'approved')
    return shell(
      <div className="notice" data-testid="reprint-not-ready">
        {t('reprint.notApproved')}
      </div>,
    );

  const unit = c.batch.priceWithPrintsCents - c.batch.priceNoPrintsCents;
  const address = pickAddress(addresses.data ?? [], form.addressId);

  const submit = async () => {
    if (busy) return;
    if (!address) {
      Toast.show({ content: t('address.required') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const order = await createReprint({
        collectionId: c.id,
        layout: form.layout,
        addressId: address.id,
        copies,
      });
      await qc.invalidateQueries({ queryKey: ordersKey });
      void navigate(`/orders/${order.orderNo}`, { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return shell(
    <>
      <CollectionSummary collection={c} />
      <section className="card">
        <h2 className="section-title">
          {t('layout.title')} <small>{t('layout.hint')}</small>
        </h2>
        <LayoutPicker
          value={form.layout}
          onChange={(l) => set({ layout: String(l) })}
          photoUrl={c.submission.resultUrl}
        />
      </section>
      <section className="card copies-row">
        <div>
          <div className="section-title">{t('reprint.copies')}</div>
          <div className="card__hint">{t('reprint.unit', { price: formatYuan(unit) })}</div>
        </div>
        <Stepper
          min={1}
          max={MAX_COPIES}
          value={copies}
          onChange={(v) => set({ copies: String(v) })}
          data-testid="copies"
        />
      </section>
      <section className="card">
        <h2 className="section-title">{t('address.title')}</h2>
        <AddressPicker chosenId={address?.id ?? null} onChoose={(id) => set({ address: id })} />
      </section>
      {error !== null && <FormError message={errorText(error)} />}
    </>,
    <>
      <div className="action-bar__total">
        {t('summary.total')}
        <strong data-testid="order-total">{formatYuan(unit * copies)}</strong>
      </div>
      <Button
        color="primary"
        shape="rounded"
        size="large"
        loading={busy}
        disabled={busy}
        onClick={() => void submit()}
        data-testid="order-submit"
      >
        {t('new.submit')}
      </Button>
    </>,
  );
}
