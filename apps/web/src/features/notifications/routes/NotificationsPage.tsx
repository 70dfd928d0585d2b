import { useNavigate } from 'react-router-dom';
import { Button, ErrorBlock, SpinLoading, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import type { NotificationView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { safeReturnPath } from '../../../lib/return-path.js';
import { SubPageShell } from '../../../components/student/SubPageShell.js';
import { markRead, notificationsKey, useNotifications } from '../api/notifications.js';
import { NotificationItem } from '../components/NotificationItem.js';
import '../notifications.css';

/** 消息通知: every status change, newest first; opening one marks it read and goes to its order or photo. */
export function NotificationsPage() {
  const { t, errorText } = useLang('notifications');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const list = useNotifications();

  const open = async (n: NotificationView) => {
    if (!n.read) {
      try {
        await markRead(n.id);
      } catch {
        /* reading still works; the dot stays until next time */
      }
      void qc.invalidateQueries({ queryKey: notificationsKey });
    }
    const to = safeReturnPath(n.link);
    if (to) void navigate(to);
  };
  const readAll = async () => {
    try {
      await markRead();
      await qc.invalidateQueries({ queryKey: notificationsKey });
      Toast.show({ content: t('allRead') });
    } catch (e) {
      Toast.show({ content: errorText(e) });
    }
  };

  let body;
  if (list.isPending)
    body = (
      <div className="page-state">
        <SpinLoading color="primary" />
      </div>
    );
  else if (list.isError)
    body = <ErrorBlock status="default" title={t('errors.loadTitle')} description={errorText(list.error)} />;
  else if (list.data.items.length === 0)
    body = (
      <div className="card empty-state" data-testid="notifications-empty">
        <svg className="empty-state__art" viewBox="0 0 120 84" aria-hidden="true">
          <rect x="20" y="14" width="80" height="56" rx="10" fill="var(--soft-primary)" />
          <path
            d="M60 24c-9 0-14 6-14 14v10l-5 6h38l-5-6V38c0-8-5-14-14-14z"
            fill="var(--adm-color-primary)"
            opacity=".55"
          />
          <circle cx="60" cy="58" r="4" fill="var(--adm-color-primary)" opacity=".55" />
        </svg>
        <div className="empty-state__title">{t('emptyTitle')}</div>
        <p className="empty-state__text">{t('emptyText')}</p>
      </div>
    );
  else
    body = (
      <section className="card notes">
        {list.data.items.map((n) => (
          <NotificationItem key={n.id} n={n} onOpen={() => void open(n)} />
        ))}
      </section>
    );

  const unread = list.data?.unread ?? 0;
  return (
    <SubPageShell
      title={t('title')}
      right={
        unread > 0 ? (
          <Button
            size="mini"
            fill="none"
            color="primary"
            onClick={() => void readAll()}
            data-testid="read-all"
          >
            {t('readAll')}
          </Button>
        ) : undefined
      }
    >
      {body}
    </SubPageShell>
  );
}
