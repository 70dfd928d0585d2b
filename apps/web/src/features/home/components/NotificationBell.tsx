import { Link } from 'react-router-dom';
import { Badge } from 'antd-mobile';
import { BellOutline } from 'antd-mobile-icons';
import { useLang } from '../../../lib/i18n.js';
import { useUnread } from '../api/home.js';

/** The bell on the home page, with the number of unread notifications. */
export function NotificationBell() {
  const { t } = useLang('home');
  const unread = useUnread();
  const n = unread.data ?? 0;
  return (
    <Link to="/notifications" className="bell" aria-label={t('bell', { n })} data-testid="bell">
      <Badge content={n > 0 ? (n > 99 ? '99+' : n) : null}>
        <BellOutline />
      </Badge>
      {n > 0 && (
        <span className="sr-only" data-testid="unread-count">
          {n}
        </span>
      )}
    </Link>
  );
}
