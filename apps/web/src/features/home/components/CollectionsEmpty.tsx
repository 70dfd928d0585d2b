import { useNavigate } from 'react-router-dom';
import { Button } from 'antd-mobile';
import { AddCircleOutline } from 'antd-mobile-icons';
import { useLang } from '../../../lib/i18n.js';

/** "我的学历" before any collection exists: what comes next and where the 特征码 comes from. */
export function CollectionsEmpty() {
  const { t } = useLang('home');
  const navigate = useNavigate();
  return (
    <div className="empty-state" data-testid="collections-empty">
      <svg className="empty-state__art" viewBox="0 0 120 84" aria-hidden="true">
        <rect x="14" y="10" width="92" height="64" rx="10" fill="var(--soft-primary)" />
        <rect x="26" y="22" width="30" height="38" rx="4" fill="#fff" />
        <circle cx="41" cy="36" r="7" fill="var(--adm-color-primary)" opacity=".55" />
        <path d="M30 58c2-8 7-11 11-11s9 3 11 11z" fill="var(--adm-color-primary)" opacity=".55" />
        <rect x="64" y="28" width="30" height="5" rx="2.5" fill="#fff" />
        <rect x="64" y="39" width="22" height="5" rx="2.5" fill="#fff" />
        <rect x="64" y="50" width="26" height="5" rx="2.5" fill="#fff" />
      </svg>
      <div className="empty-state__title">{t('emptyTitle')}</div>
      <p className="empty-state__text">{t('emptyHint')}</p>
      <Button
        color="primary"
        shape="rounded"
        onClick={() => void navigate('/collections/new')}
        data-testid="add-collection"
      >
        <AddCircleOutline /> {t('addCollection')}
      </Button>
    </div>
  );
}
