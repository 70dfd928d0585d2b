import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BulkApproveRequest,
  BulkApproveResponse,
  DecisionResponse,
  GreenQuery,
  GreenResponse,
  HeartbeatResponse,
  NextReviewRequest,
  NextReviewResponse,
  RejectRequest,
  ReviewStatsQuery,
  ReviewStatsResponse,
  UndoResponse,
} from '@gradphoto/contracts/console-reviews';
import { consoleActor } from '../schools/console-request.js';
import type { ReviewsService } from './reviews.service.js';

const Id = z.object({ id: z.uuid() });
const Ok = z.object({ ok: z.literal(true) });
/** Review is for centre staff: admins and reviewers (school coordinators never review). */
const REVIEWERS = ['admin', 'reviewer'] as const;

/** The review queue: claim, heartbeat, approve/reject, undo, bulk approval of all-green photos, statistics. */
export const reviewsRoutes: FastifyPluginAsyncZod<{ reviews: ReviewsService }> = async (app, { reviews }) => {
  const tags = ['console'];
  app.post('/api/console/reviews/next', { schema: { tags, body: NextReviewRequest, response: { 200: NextReviewResponse } } }, (request) =>
    reviews.next(consoleActor(request, REVIEWERS), { batchId: request.body?.batchId, skip: request.body?.skip }),
  );
  app.post('/api/console/submissions/:id/heartbeat', { schema: { tags, params: Id, response: { 200: HeartbeatResponse } } }, (request) =>
    reviews.heartbeat(consoleActor(request, REVIEWERS), request.params.id),
  );
  app.post('/api/console/submissions/:id/release', { schema: { tags, params: Id, response: { 200: Ok } } }, (request) =>
    reviews.release(consoleActor(request, REVIEWERS), request.params.id),
  );
  app.post('/api/console/submissions/:id/approve', { schema: { tags, params: Id, response: { 200: DecisionResponse } } }, (request) =>
    reviews.approve(consoleActor(request, REVIEWERS), request.params.id),
  );
  app.post('/api/console/submissions/:id/reject', { schema: { tags, params: Id, body: RejectRequest, response: { 200: DecisionResponse } } }, (request) =>
    reviews.reject(consoleActor(request, REVIEWERS), request.params.id, request.body),
  );
  app.post('/api/console/submissions/:id/undo', { schema: { tags, params: Id, response: { 200: UndoResponse } } }, (request) =>
    reviews.undo(consoleActor(request, REVIEWERS), request.params.id),
  );
  app.get('/api/console/reviews/green', { schema: { tags, querystring: GreenQuery, response: { 200: GreenResponse } } }, (request) =>
    reviews.green(consoleActor(request, REVIEWERS), request.query),
  );
  app.post('/api/console/reviews/bulk-approve', { schema: { tags, body: BulkApproveRequest, response: { 200: BulkApproveResponse } } }, (request) =>
    reviews.bulkApprove(consoleActor(request, REVIEWERS), request.body.submissionIds),
  );
  app.get('/api/console/reviews/stats', { schema: { tags, querystring: ReviewStatsQuery, response: { 200: ReviewStatsResponse } } }, (request) =>
    reviews.stats(consoleActor(request, REVIEWERS), request.query),
  );
};
