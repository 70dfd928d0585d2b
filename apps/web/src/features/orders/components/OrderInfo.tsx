import { Toast } from 'antd-mobile';
import type { OrderDetail } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';

/** Order number (copyable), what was bought, money. */
export function OrderInfo({ order }: { order: OrderDetail }) {
  const { t, lang } = useLang('orders');
  const copy = () => {
    void navigator.clipboard
      ?.writeText(order.orderNo)
      .then(() => Toast.show({ content: t('detail.copied') }))
      .catch(() => undefined);
  };
  const what =
    order.kind === 'reprint'
      ? t('kind.reprint', { copies: order.copies })
      : order.kind === 'prints'
        ? t('kind.prints')
        : order.withPrints
          ? t('kind.collectionPrints')
          : t('kind.collection');
  return (
    <section className="card">
      <h2 className="section-title">{t('detail.info')}</h2>
      <dl className="kv">
        <dt>{t('detail.orderNo')}</dt>
        <dd>
          <span className="order-no" data-testid="order-no">
            {order.orderNo}
          </span>{' '}
          <button type="button" className="text-link" onClick={copy}>
            {t('detail.copy')}
          </button>
        </dd>
        <dt>{t('detail.what')}</dt>
        <dd>{what}</dd>
        {order.layout !== null && (
          <>
            <dt>{t('layout.title')}</dt>
            <dd>{t(`layout.name${order.layout}`)}</dd>
          </>
        )}
        <dt>{t('detail.school')}</dt>
        <dd>
          {order.schoolName} · {order.batchName}
        </dd>
        <dt>{t('detail.createdAt')}</dt>
        <dd>{new Date(order.createdAt).toLocaleString(lang, { hour12: false })}</dd>
        <dt>{t('detail.amount')}</dt>
        <dd className="kv__money" data-testid="order-amount">
          {formatYuan(order.amountCents)}
        </dd>
        {order.refundedCents > 0 && (
          <>
            <dt>{t('detail.refunded')}</dt>
            <dd className="kv__money">{formatYuan(order.refundedCents)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** Where the prints go, and the parcel once shipped. */
export function ShippingInfo({ order }: { order: OrderDetail }) {
  const { t } = useLang('orders');
  const a = order.shippingAddress;
  if (!a) return null;
  return (
    <section className="card">
      <h2 className="section-title">{t('detail.shipping')}</h2>
      <div className="address-line">
        <span className="address-line__who">
          {a.recipient} <span className="address-line__phone">{a.phone}</span>
        </span>
        <span className="address-line__where">
          {a.regionText} {a.street}
        </span>
      </div>
      {order.trackingNo && (
        <dl className="kv kv--top" data-testid="tracking">
          <dt>{t('detail.courier')}</dt>
          <dd>{order.courier}</dd>
          <dt>{t('detail.trackingNo')}</dt>
          <dd className="order-no">{order.trackingNo}</dd>
        </dl>
      )}
    </section>
  );
}
