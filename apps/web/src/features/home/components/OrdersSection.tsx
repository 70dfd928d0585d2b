import { useState } from 'react';
import { Badge, Tabs } from 'antd-mobile';
import type { OrderView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { ORDER_TABS, firstBusyTab, type OrderTab } from '../../../lib/order-tabs.js';
import { OrderCard } from './OrderCard.js';

/** 我的订单 under the DESIGN.md tabs; opens on the first tab that has something (action first). */
export function OrdersSection({ orders }: { orders: readonly OrderView[] }) {
  const { t } = useLang('home');
  const [chosen, setChosen] = useState<OrderTab | null>(null);
  const active = chosen ?? firstBusyTab(orders);
  const count = (tab: OrderTab) => orders.filter((o) => o.tab === tab).length;
  const shown = orders.filter((o) => o.tab === active).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="card orders-section" data-testid="orders">
      <div className="card__title">{t('orders')}</div>
      <Tabs
        activeKey={active}
        onChange={(k) => setChosen(k as OrderTab)}
        className="order-tabs"
        stretch={false}
      >
        {ORDER_TABS.map((tab) => {
          const n = count(tab);
          const urgent = tab === 'pending_payment' || tab === 'needs_fix';
          return (
            <Tabs.Tab
              key={tab}
              title={
                <span data-testid={`tab-${tab}`}>
                  {t(`tabs.${tab}`)}
                  {n > 0 &&
                    (urgent ? (
                      <Badge content={n} className="order-tabs__badge" />
                    ) : (
                      <span className="order-tabs__count">{n}</span>
                    ))}
                </span>
              }
            />
          );
        })}
      </Tabs>
      <div className="orders-section__list">
        {shown.length ? (
          shown.map((o) => <OrderCard key={o.orderNo} o={o} />)
        ) : (
          <p className="orders-section__empty">{t('noOrders', { tab: t(`tabs.${active}`) })}</p>
        )}
      </div>
    </section>
  );
}
