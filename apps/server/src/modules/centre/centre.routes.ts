import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CentreInfo } from '@gradphoto/contracts/accounts';

/** GET /api/centre: the centre's name, contact phone and service hours (settings of this deployment). */
export const centreRoutes: FastifyPluginAsyncZod<{ centre: CentreInfo }> = async (app, { centre }) => {
  app.get('/api/centre', { schema: { tags: ['centre'], response: { 200: CentreInfo } } }, () => centre);
};
