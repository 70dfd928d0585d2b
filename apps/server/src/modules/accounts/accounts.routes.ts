import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangeContactRequest,
  CaptchaResponse,
  LoginRequest,
  RegisterRequest,
  ResetPasswordRequest,
  SendCodeRequest,
  SendCodeResponse,
  SessionResponse,
  StudentProfile,
} from '@gradphoto/contracts/accounts';
import { clearSessionCookie, clientMeta, requireStudent, setSessionCookie } from '../../http/auth-context.js';
import type { ThrottleService } from '../throttle/throttle.service.js';
import type { FileStorage } from '../../storage/storage.js';
import { makeAvatar } from '../../adapters/image-tools.js';
import { readUpload } from '../../http/upload.js';
import type { AccountsService } from './accounts.service.js';

const Ok = z.object({ ok: z.literal(true) });
const StudentResponse = z.object({ student: StudentProfile });

export const accountsRoutes: FastifyPluginAsyncZod<{
  accounts: AccountsService;
  throttle: ThrottleService;
  secureCookie: boolean;
}> = async (app, { accounts, throttle, secureCookie }) => {
  const tags = ['auth'];

  app.get('/api/auth/session', { schema: { tags, response: { 200: SessionResponse } } }, async (request) => {
    const s = request.auth.session;
    return {
      student: s?.subjectType === 'student' ? await accounts.profile(s.subjectId) : null,
      staff: request.auth.staff,
    };
  });

  app.get('/api/auth/captcha', { schema: { tags, response: { 200: CaptchaResponse } } }, () => throttle.createCaptcha());

  app.post('/api/auth/codes', { schema: { tags, body: SendCodeRequest, response: { 200: SendCodeResponse } } }, (request) =>
    accounts.sendCode({ ...request.body, ip: request.ip }),
  );

  app.post('/api/auth/register', { schema: { tags, body: RegisterRequest, response: { 200: StudentResponse } } }, async (request, reply) => {
    const { student, session } = await accounts.register(request.body, clientMeta(request));
    setSessionCookie(reply, session.token, session.maxAgeSeconds, secureCookie);
    return { student };
  });

  app.post('/api/auth/login', { schema: { tags, body: LoginRequest, response: { 200: StudentResponse } } }, async (request, reply) => {
    const body = request.body;
    const { student, session } =
      body.method === 'password'
        ? await accounts.loginWithPassword(body, clientMeta(request))
        : await accounts.loginWithCode(body, clientMeta(request));
    setSessionCookie(reply, session.token, session.maxAgeSeconds, secureCookie);
    return { student };
  });

  app.post('/api/auth/password-reset', { schema: { tags, body: ResetPasswordRequest, response: { 200: Ok } } }, (request) =>
    accounts.resetPassword(request.body),
  );

  app.post('/api/auth/logout', { schema: { tags, response: { 200: Ok } } }, async (request, reply) => {
    if (request.auth.session) await accounts.logout(request.auth.session.id);
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get('/api/me', { schema: { tags, response: { 200: StudentResponse } } }, async (request) => {
    const student = await accounts.profile(requireStudent(request));
    if (!student) throw new Error('session refers to a missing student');
    return { student };
  });
};

/** The account page: contact changes confirmed by a code, and the avatar. Identity details are read-only. */
export const accountRoutes: FastifyPluginAsyncZod<{ accounts: AccountsService; storage: FileStorage }> = async (app, { accounts, storage }) => {
  const tags = ['account'];
  app.post('/api/me/contact', { schema: { tags, body: ChangeContactRequest, response: { 200: StudentResponse } } }, (request) =>
    accounts.changeContact(requireStudent(request), request.body),
  );
  app.post('/api/me/avatar', { schema: { tags, consumes: ['multipart/form-data'], response: { 200: z.object({ ok: z.literal(true) }) } } }, async (request) => {
    const studentId = requireStudent(request);
    const avatar = await makeAvatar((await readUpload(request)).bytes);
    const key = `avatars/${studentId}.jpg`;
    await storage.put(key, avatar);
    await accounts.setAvatar(studentId, key);
    return { ok: true as const };
  });
  app.get('/api/me/avatar', { schema: { tags } }, async (request, reply) => {
    const studentId = requireStudent(request);
    const key = `avatars/${studentId}.jpg`;
    if (!(await storage.exists(key))) return reply.callNotFound();
    return reply.type('image/jpeg').header('cache-control', 'private, no-cache').send(await storage.get(key));
  });
};
