import type { NotificationView } from '@gradphoto/contracts/journey';
import type { ReactNode } from 'react';
import { BellOutline, BillOutline, PictureOutline, RightOutline } from 'antd-mobile-icons';
import { useLang } from '../../../lib/i18n.js';

const ICON: Record<string, ReactNode> = { order: <BillOutline />, submission: <PictureOutline /> };

/** One message: unread dot, title, text, time; the whole row opens what it is about. */
export function NotificationItem({ n, onOpen }: { n: NotificationView; onOpen: () => void }) {
  const { lang, pick } = useLang('notifications');
  const group = n.kind.split('.')[0] ?? '';
  return (
    <button
      type="button"
      className={n.read ? 'note' : 'note note--unread'}
      onClick={onOpen}
      data-testid="notification"
      data-kind={n.kind}
    >
      <span className={`note__icon note__icon--${group}`} aria-hidden="true">
        {ICON[group] ?? <BellOutline />}
      </span>
      <span className="note__body">
        <span className="note__title">
          {pick(n.title)}
          {!n.read && <span className="note__dot" />}
        </span>
        <span className="note__text">{pick(n.body)}</span>
        <time className="note__time" dateTime={n.createdAt}>
          {new Date(n.createdAt).toLocaleString(lang, { hour12: false })}
        </time>
      </span>
      {n.link && <RightOutline className="note__go" />}
    </button>
  );
}
