import { Link } from 'react-router-dom';
import type { OrderView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';
import { formatMinutesSeconds, useSecondsLeft } from '../../../lib/use-seconds-left.js';

/** An order in the home list; pending ones show their payment countdown. */
export function OrderCard({ o }: { o: OrderView }) {
  const { t, lang } = useLang('home');
  const left = useSecondsLeft(o.status === 'pending_payment' ? o.expiresAt : null);
  const what =
    o.kind === 'reprint'
      ? t('kind.reprint', { copies: o.copies })
      : o.kind === 'prints'
        ? t('kind.prints')
        : o.withPrints
          ? t('kind.collectionPrints')
          : t('kind.collection');
  return (
    <Link
      to={`/orders/${o.orderNo}`}
      className="order-card"
      data-testid="order-card"
      data-order={o.orderNo}
      data-tab={o.tab}
    >
      <div className="order-card__top">
        <span className="order-card__what">{what}</span>
        <span className={`tab-tag tab-tag--${o.tab}`}>{t(`tabs.${o.tab}`)}</span>
      </div>
      <div className="order-card__school">
        {o.schoolName} · {o.batchName}
      </div>
      <div className="order-card__bottom">
        <span className="order-card__no">
          {t('orderNo')} {o.orderNo}
          <br />
          {new Date(o.createdAt).toLocaleString(lang, { hour12: false })}
        </span>
        <span className="order-card__amount">{formatYuan(o.amountCents)}</span>
      </div>
      {o.status === 'pending_payment' && left !== null && left > 0 && (
        <div className="order-card__pay">
          <span>{t('payWithin', { time: formatMinutesSeconds(left) })}</span>
          <span className="order-card__pay-btn">{t('payNow')}</span>
        </div>
      )}
    </Link>
  );
}
