import { useState } from 'react';
import type { OrderView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { ORDER_TABS, firstBusyTab, type OrderTab } from '../../../lib/order-tabs.js';
import { OrderCard } from './OrderCard.js';

const URGENT: readonly OrderTab[] = ['pending_payment', 'needs_fix'];

/**
 * 我的订单 under the eight DESIGN.md tabs, all visible at once (two rows of four big tiles with counts);
 * it opens on the first tab that has something, so what needs action comes first.
 */
export function OrdersSection({ orders }: { orders: readonly OrderView[] }) {
  const { t } = useLang('home');
  const [chosen, setChosen] = useState<OrderTab | null>(null);
  const active = chosen ?? firstBusyTab(orders);
  const count = (tab: OrderTab) => orders.filter((o) => o.tab === tab).length;
  const shown = orders.filter((o) => o.tab === active).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="card orders-section" data-testid="orders">
      <div className="card__title">{t('orders')}</div>
      <div className="order-tiles" role="tablist" aria-label={t('orders')}>
        {ORDER_TABS.map((tab) => {
          const n = count(tab);
          const cls = [
            'order-tile',
            tab === active && 'order-tile--active',
            n > 0 && URGENT.includes(tab) && 'order-tile--urgent',
            n === 0 && 'order-tile--empty',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <button
              key={tab}
              type="button"
              role="tab"
              aria-selected={tab === active}
              className={cls}
              onClick={() => setChosen(tab)}
              data-testid={`tab-${tab}`}
            >
              <span className="order-tile__count">{n}</span>
              <span className="order-tile__label">{t(`tabs.${tab}`)}</span>
            </button>
          );
        })}
      </div>
      <div className="orders-section__list" role="tabpanel">
        {shown.length ? (
          shown.map((o) => <OrderCard key={o.orderNo} o={o} />)
        ) : (
          <p className="orders-section__empty">{t('noOrders', { tab: t(`tabs.${active}`) })}</p>
        )}
      </div>
    </section>
  );
}
