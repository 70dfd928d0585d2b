import { useLocation, useNavigate } from 'react-router-dom';
import { Tabs } from 'antd';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import { useLang } from '../../../lib/i18n.js';
import { ConsolePage } from '../../../components/console/ConsolePage.js';
import { BulkApprove } from '../components/BulkApprove.js';
import { ReviewStats } from '../components/ReviewStats.js';
import { ReviewPage } from './ReviewPage.js';

type Tab = 'queue' | 'bulk' | 'stats';

/**
 * 照片审核: the one-by-one queue, bulk approval of the all-green photos, and reviewer statistics, one tab
 * each (`/reviews`, `/reviews/bulk`, `/reviews/stats`). Leaving the queue tab releases its claim.
 */
export function ReviewsPage({
  staff,
  onAuthError,
}: {
  staff: StaffProfile;
  onAuthError: (status: 401 | 403) => void;
}) {
  const { t } = useLang('console-review');
  const location = useLocation();
  const navigate = useNavigate();
  const seg = location.pathname.split('/')[2];
  const tab: Tab = seg === 'bulk' || seg === 'stats' ? seg : 'queue';
  const keep = new URLSearchParams(location.search).get('batchId');
  const go = (k: string) =>
    void navigate(`/reviews${k === 'queue' ? '' : `/${k}`}${keep ? `?batchId=${keep}` : ''}`);
  return (
    <ConsolePage title={t('title')} testId="reviews-page">
      <Tabs
        activeKey={tab}
        onChange={go}
        destroyOnHidden
        items={[
          {
            key: 'queue',
            label: t('tabs.queue'),
            children: <ReviewPage staff={staff} onAuthError={onAuthError} />,
          },
          { key: 'bulk', label: t('tabs.bulk'), children: <BulkApprove onAuthError={onAuthError} /> },
          { key: 'stats', label: t('tabs.stats'), children: <ReviewStats staff={staff} /> },
        ]}
      />
    </ConsolePage>
  );
}
