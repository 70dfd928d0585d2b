import type { NotificationView } from '@gradphoto/contracts/journey';
import type { Mailer } from '../../adapters/mailer.js';
import type { Bilingual } from '../../errors.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { NotificationRow, NotificationsRepo } from './notifications.repo.js';

export const toNotificationView = (n: NotificationRow): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  read: n.readAt !== null,
  createdAt: n.createdAt.toISOString(),
});

/** In-app notifications; each one is also emailed (by a job, so a slow mail server never blocks a request). */
export function createNotificationsService(deps: { repo: NotificationsRepo; jobs: JobQueue; mailer: Mailer; centreName: string; publicUrl?: string }) {
  return {
    async notify(studentId: string, kind: string, message: { title: Bilingual; body: Bilingual; link?: string }) {
      const row = await deps.repo.insert({ studentId, kind, title: message.title, body: message.body, link: message.link ?? null });
      await deps.jobs.send('notifications.email', { notificationId: row.id });
      return row;
    },
    /** Job: email one notification. Re-running sends it again, which mail tolerates; the row is unchanged. */
    async email(notificationId: string) {
      const found = await deps.repo.withRecipient(notificationId);
      if (!found?.email) return;
      const { n } = found;
      const link = n.link && deps.publicUrl ? `\n${new URL(n.link, deps.publicUrl).toString()}` : '';
      await deps.mailer.send({
        to: found.email,
        subject: `${deps.centreName}：${n.title.zh} / ${n.title.en}`,
        text: `${n.body.zh}\n\n${n.body.en}${link}`,
      });
    },
    list: async (studentId: string) => ({ items: (await deps.repo.list(studentId)).map(toNotificationView), unread: await deps.repo.unread(studentId) }),
    markRead: (studentId: string, id?: string) => deps.repo.markRead(studentId, id),
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
