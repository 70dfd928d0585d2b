import type { ReactNode } from 'react';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { Button, Result, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';
import { SubPageShell } from '../../../components/student/SubPageShell.js';
import { FormError } from '../../../components/student/FormError.js';
import { createOrder, ordersKey, useAddresses, useCollection, useOrders } from '../api/orders.js';
import { pickAddress } from '../components/order-form.js';
import { useOrderParams } from '../components/use-order-params.js';
import { ChoiceCard } from '../components/ChoiceCard.js';
import { LayoutPicker } from '../components/LayoutPicker.js';
import { AddressPicker } from '../components/AddressPicker.js';
import { CollectionSummary } from '../components/CollectionSummary.js';
import { PageError, PageLoading } from '../components/PageState.js';
import '../orders.css';

const LIVE = (s: string) => s !== 'closed' && s !== 'refunded';

/** 冲印与地址 → 提交订单: prints or not at the batch's prices, the layout, the address, the total. */
export function NewOrderPage() {
  const { t, errorText } = useLang('orders');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { collectionId, form, set } = useOrderParams();
  const collection = useCollection(collectionId);
  const orders = useOrders();
  const addresses = useAddresses();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const backTo = collectionId ? `/collections/${collectionId}` : '/';

  if (!collectionId) return <Navigate to="/" replace />;
  const shell = (body: ReactNode, footer?: ReactNode) => (
    <SubPageShell title={t('new.title')} backTo={backTo} footer={footer}>
      {body}
    </SubPageShell>
  );
  if (collection.isPending || orders.isPending) return shell(<PageLoading />);
  if (collection.isError)
    return shell(<PageError error={collection.error} onRetry={() => void collection.refetch()} />);
  if (orders.isError) return shell(<PageError error={orders.error} onRetry={() => void orders.refetch()} />);

  const c = collection.data;
  const live = orders.data.find((o) => o.collectionId === c.id && o.kind !== 'reprint' && LIVE(o.status));
  if (live) return <Navigate to={`/orders/${live.orderNo}`} replace />;
  if (c.submission?.status === 'approved')
    return shell(
      <Result
        status="success"
        title={t('new.approvedTitle')}
        description={t('new.approvedText')}
        className="card"
      />,
      <Button
        color="primary"
        shape="rounded"
        block
        onClick={() => void navigate(`/orders/reprint?collection=${c.id}`)}
      >
        {t('reprint.cta')}
      </Button>,
    );

  const schoolPays = c.batch.payer === 'school';
  const printsCents = c.batch.priceWithPrintsCents - c.batch.priceNoPrintsCents;
  const prints = form.prints ?? false;
  const total = schoolPays
    ? prints
      ? printsCents
      : 0
    : prints
      ? c.batch.priceWithPrintsCents
      : c.batch.priceNoPrintsCents;
  const address = pickAddress(addresses.data ?? [], form.addressId);

  const submit = async () => {
    if (busy) return;
    if (schoolPays && !prints) {
      void navigate(backTo);
      return;
    }
    if (prints && !address) {
      Toast.show({ content: t('address.required') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const order = await createOrder({
        collectionId: c.id,
        withPrints: prints,
        ...(prints ? { layout: form.layout, addressId: address!.id } : {}),
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
      {schoolPays && (
        <div className="notice notice--ok" data-testid="school-pays">
          <strong>{t('new.schoolPays')}</strong>
          <span>{t('new.schoolPaysText')}</span>
        </div>
      )}
      <section className="card">
        <h2 className="section-title">{t('new.printsTitle')}</h2>
        <div role="radiogroup" aria-label={t('new.printsTitle')}>
          <ChoiceCard
            checked={!prints}
            onSelect={() => set({ prints: '0' })}
            title={schoolPays ? t('new.noPrintsSchool') : t('new.noPrints')}
            desc={t('new.noPrintsDesc')}
            price={schoolPays ? t('new.free') : formatYuan(c.batch.priceNoPrintsCents)}
            testId="prints-no"
          />
          <ChoiceCard
            checked={prints}
            onSelect={() => set({ prints: '1' })}
            title={schoolPays ? t('new.printsOnly') : t('new.withPrints')}
            desc={t('new.withPrintsDesc')}
            price={formatYuan(schoolPays ? printsCents : c.batch.priceWithPrintsCents)}
            testId="prints-yes"
          />
        </div>
      </section>
      {prints && (
        <>
          <section className="card">
            <h2 className="section-title">
              {t('layout.title')} <small>{t('layout.hint')}</small>
            </h2>
            <LayoutPicker
              value={form.layout}
              onChange={(l) => set({ layout: String(l) })}
              photoUrl={c.submission?.resultUrl}
            />
          </section>
          <section className="card">
            <h2 className="section-title">{t('address.title')}</h2>
            <AddressPicker chosenId={address?.id ?? null} onChoose={(id) => set({ address: id })} />
          </section>
        </>
      )}
      <section className="card">
        <h2 className="section-title">{t('summary.title')}</h2>
        <dl className="kv" data-testid="order-summary">
          <dt>{t('summary.fee')}</dt>
          <dd>{schoolPays ? t('new.schoolPaid') : formatYuan(c.batch.priceNoPrintsCents)}</dd>
          {prints && (
            <>
              <dt>{t('summary.prints', { layout: t(`layout.name${form.layout}`) })}</dt>
              <dd>{formatYuan(printsCents)}</dd>
              <dt>{t('summary.shipping')}</dt>
              <dd>{t('summary.shippingFree')}</dd>
            </>
          )}
        </dl>
        {total > 0 && <p className="card__hint">{t('summary.timeoutHint')}</p>}
      </section>
      {error !== null && <FormError message={errorText(error)} />}
    </>,
    <>
      <div className="action-bar__total">
        {t('summary.total')}
        <strong data-testid="order-total">{formatYuan(total)}</strong>
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
        {schoolPays && !prints ? t('new.done') : t('new.submit')}
      </Button>
    </>,
  );
}
