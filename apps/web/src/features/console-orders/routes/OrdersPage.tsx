import { useLocation, useNavigate } from 'react-router-dom';
import { Tabs } from 'antd';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import { useLang } from '../../../lib/i18n.js';
import { ConsolePage } from '../../../components/console/ConsolePage.js';
import { OrderSearch } from '../components/OrderSearch.js';
import { ShippingPanel } from '../components/ShippingPanel.js';

type Tab = 'search' | 'refund-requests' | 'shipping';

/** 订单: search with the detail drawer, the students' refund requests, and (admins) print runs and shipping. */
export function OrdersPage({ staff }: { staff: StaffProfile }) {
  const { t } = useLang('console-orders');
  const location = useLocation();
  const navigate = useNavigate();
  const admin = staff.role === 'admin';
  const seg = location.pathname.split('/')[2];
  const tab: Tab =
    seg === 'refund-requests' ? 'refund-requests' : seg === 'shipping' && admin ? 'shipping' : 'search';
  const keep = new URLSearchParams(location.search).get('batchId');
  const go = (k: string) =>
    void navigate(`/orders${k === 'search' ? '' : `/${k}`}${keep ? `?batchId=${keep}` : ''}`);
  return (
    <ConsolePage title={t('title')} subtitle={t(admin ? 'subtitle' : 'subtitleReader')} testId="orders-page">
      <Tabs
        activeKey={tab}
        onChange={go}
        destroyOnHidden
        items={[
          { key: 'search', label: t('tabs.search'), children: <OrderSearch staff={staff} /> },
          {
            key: 'refund-requests',
            label: t('tabs.refundRequests'),
            children: <OrderSearch staff={staff} requests />,
          },
          ...(admin ? [{ key: 'shipping', label: t('tabs.shipping'), children: <ShippingPanel /> }] : []),
        ]}
      />
    </ConsolePage>
  );
}
