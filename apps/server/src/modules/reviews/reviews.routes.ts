import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SubmissionView } from '@gradphoto/contracts/journey';
import { requireStaff } from '../../http/auth-context.js';
import type { ReviewsService } from './reviews.service.js';

const Id = z.object({ id: z.uuid() });
const ReviewItem = z.object({
  submission: SubmissionView,
  graduate: z.object({ name: z.string(), studentNumber: z.string(), idNumberMasked: z.string(), schoolName: z.string(), batchName: z.string() }),
});
const REVIEWERS = ['admin', 'reviewer'] as const;

/** The minimal review queue: claim the next photo, approve or reject it with a reason. */
export const reviewsRoutes: FastifyPluginAsyncZod<{ reviews: ReviewsService }> = async (app, { reviews }) => {
  const tags = ['console'];
  app.post('/api/console/reviews/next', { schema: { tags, response: { 200: z.object({ item: ReviewItem.nullable(), pending: z.number() }) } } }, (request) =>
    reviews.next(requireStaff(request, REVIEWERS)),
  );
  app.post('/api/console/submissions/:id/approve', { schema: { tags, params: Id, response: { 200: z.object({ ok: z.literal(true) }) } } }, (request) =>
    reviews.decide(requireStaff(request, REVIEWERS), request.params.id, { approve: true }, request.ip),
  );
  app.post('/api/console/submissions/:id/reject', { schema: { tags, params: Id, body: z.object({ reason: z.string().trim().min(2).max(300) }), response: { 200: z.object({ ok: z.literal(true) }) } } }, (request) =>
    reviews.decide(requireStaff(request, REVIEWERS), request.params.id, { approve: false, reason: request.body.reason }, request.ip),
  );
};
