import type { ReactNode } from 'react';
import {
  CheckCircleFill,
  ClockCircleFill,
  CloseCircleFill,
  ExclamationCircleFill,
  SendOutline,
  TruckOutline,
} from 'antd-mobile-icons';
import type { OrderDetail } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { formatMinutesSeconds } from '../../../lib/use-seconds-left.js';

const ICONS: Record<OrderDetail['tab'], ReactNode> = {
  pending_payment: <ClockCircleFill />,
  needs_fix: <ExclamationCircleFill />,
  pending_review: <ClockCircleFill />,
  to_ship: <SendOutline />,
  shipped: <TruckOutline />,
  completed: <CheckCircleFill />,
  refunded: <CheckCircleFill />,
  closed: <CloseCircleFill />,
};

/** The big coloured head of the order page: where the order is and what happens next. */
export function OrderStatusCard({ order, secondsLeft }: { order: OrderDetail; secondsLeft: number | null }) {
  const { t } = useLang('orders');
  const tab = order.tab;
  let text = t(`statusText.${tab}`);
  if (tab === 'to_ship' && !order.withPrints) text = t('statusText.to_ship_digital');
  if (tab === 'completed' && !order.withPrints) text = t('statusText.completed_digital');
  return (
    <section className={`status-card status-card--${tab}`} data-testid="order-status" data-tab={tab}>
      <div className="status-card__icon">{ICONS[tab]}</div>
      <div>
        <div className="status-card__title">{t(`tabs.${tab}`)}</div>
        <div className="status-card__text">
          {tab === 'pending_payment' && secondsLeft !== null ? (
            secondsLeft > 0 ? (
              <span data-testid="pay-countdown">
                {t('statusText.payWithin', { time: formatMinutesSeconds(secondsLeft) })}
              </span>
            ) : (
              t('statusText.expiring')
            )
          ) : (
            text
          )}
        </div>
      </div>
    </section>
  );
}
