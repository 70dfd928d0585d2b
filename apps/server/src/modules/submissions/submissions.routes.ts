import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SubmissionView } from '@gradphoto/contracts/journey';
import { SendPhotoEmailRequest } from '@gradphoto/contracts/accounts';
import { bilingual as m, errors } from '../../errors.js';
import { requireStudent } from '../../http/auth-context.js';
import type { SubmissionsService } from './submissions.service.js';

const Id = z.object({ id: z.uuid() });

export const submissionsRoutes: FastifyPluginAsyncZod<{ submissions: SubmissionsService; readUpload: (request: FastifyRequest) => Promise<{ bytes: Buffer; fields: Record<string, string> }> }> = async (
  app,
  { submissions, readUpload },
) => {
  const tags = ['photos'];
  app.post('/api/collections/:id/photos', { schema: { tags, params: Id, consumes: ['multipart/form-data'], response: { 200: SubmissionView } } }, async (request) => {
    const studentId = requireStudent(request);
    const { bytes, fields } = await readUpload(request);
    const source = fields.source === 'camera' ? 'camera' : fields.source === 'album' ? 'album' : null;
    if (!source) throw errors.validation('VALIDATION', m('缺少照片来源', 'Missing photo source'), [{ path: 'source', message: m('应为 camera 或 album', 'camera or album') }]);
    return submissions.upload(studentId, request.params.id, { bytes, source });
  });
  app.get('/api/submissions/:id', { schema: { tags, params: Id, response: { 200: SubmissionView } } }, (request) =>
    submissions.get(requireStudent(request), request.params.id),
  );
  app.post('/api/submissions/:id/submit', { schema: { tags, params: Id, response: { 200: SubmissionView } } }, (request) =>
    submissions.submit(requireStudent(request), request.params.id),
  );
  app.post('/api/submissions/:id/withdraw', { schema: { tags, params: Id, response: { 200: SubmissionView } } }, (request) =>
    submissions.withdraw(requireStudent(request), request.params.id),
  );
  app.post(
    '/api/submissions/:id/email',
    { schema: { tags, params: Id, body: SendPhotoEmailRequest, response: { 200: z.object({ ok: z.literal(true) }) } }, config: { rateLimit: { max: 5, timeWindow: '10 minutes' } } },
    (request) => submissions.emailPhoto(requireStudent(request), request.params.id, request.body.to),
  );
  for (const which of ['original', 'result'] as const) {
    app.get(`/api/submissions/:id/${which === 'result' ? 'result.jpg' : 'original'}`, { schema: { tags, params: Id, querystring: z.object({ download: z.literal('1').optional() }) } }, async (request, reply) => {
      const staff = request.auth.session?.subjectType === 'staff' ? request.auth.staff : null;
      const viewer = staff ? { staff: { role: staff.role, schoolId: staff.schoolId } } : { studentId: requireStudent(request) };
      const bytes = await submissions.file(request.params.id, which, viewer);
      void reply.header('cache-control', 'private, max-age=300');
      if (request.query.download) void reply.header('content-disposition', `attachment; filename="photo-${request.params.id.slice(0, 8)}.jpg"`);
      return reply.type(which === 'result' ? 'image/jpeg' : 'application/octet-stream').send(bytes);
    });
  }
};
