import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotificationView } from '@gradphoto/contracts/journey';
import { requireStudent } from '../../http/auth-context.js';
import type { NotificationsService } from './notifications.service.js';

export const notificationsRoutes: FastifyPluginAsyncZod<{ notifications: NotificationsService }> = async (app, { notifications }) => {
  const tags = ['notifications'];
  app.get('/api/notifications', { schema: { tags, response: { 200: z.object({ items: z.array(NotificationView), unread: z.number() }) } } }, (request) =>
    notifications.list(requireStudent(request)),
  );
  app.post('/api/notifications/read', { schema: { tags, body: z.object({ id: z.uuid().optional() }), response: { 200: z.object({ ok: z.literal(true) }) } } }, async (request) => {
    await notifications.markRead(requireStudent(request), request.body.id);
    return { ok: true as const };
  });
};
