import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StaffProfile, StaffRole } from '@gradphoto/contracts/accounts';
import { errors } from '../errors.js';
import type { SessionInfo, SessionsService, SubjectType } from '../modules/sessions/sessions.service.js';
import type { StaffService } from '../modules/staff/staff.service.js';

export const SESSION_COOKIE = 'gp_sid';

export interface AuthContext {
  session: SessionInfo | null;
  /** Loaded for staff sessions (role and school scope). */
  staff: StaffProfile | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
}

export interface AuthContextDeps {
  sessions: SessionsService;
  staff: StaffService;
  secureCookie: boolean;
}

/** Resolves the session cookie on every API request into `request.auth`. */
export function registerAuthContext(app: FastifyInstance, deps: AuthContextDeps): void {
  app.decorateRequest('auth', null as unknown as AuthContext);
  app.addHook('onRequest', async (request) => {
    request.auth = { session: null, staff: null };
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await deps.sessions.resolve(token);
    if (!session) return;
    request.auth.session = session;
    if (session.subjectType === 'staff') request.auth.staff = await deps.staff.profile(session.subjectId);
  });
}

export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The logged-in student's id, or 401 (nobody) / 403 (a staff session). */
export function requireStudent(request: FastifyRequest): string {
  const s = request.auth.session;
  if (!s) throw errors.unauthenticated();
  if (s.subjectType !== 'student') throw errors.forbidden();
  return s.subjectId;
}

/** The logged-in staff member, or 401 (nobody) / 403 (a student, or a role not allowed). */
export function requireStaff(request: FastifyRequest, roles?: readonly StaffRole[]): StaffProfile {
  const s = request.auth.session;
  if (!s) throw errors.unauthenticated();
  const staff = request.auth.staff;
  if (s.subjectType !== 'staff' || !staff) throw errors.forbidden();
  if (roles && !roles.includes(staff.role)) throw errors.forbidden();
  return staff;
}

export const clientMeta = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

export type { SubjectType };
