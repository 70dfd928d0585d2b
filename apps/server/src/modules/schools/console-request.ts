import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffRole } from '@gradphoto/contracts/accounts';
import { requireStaff } from '../../http/auth-context.js';
import type { StaffActor } from './school-scope.js';

/** The console actor of a request: 401 for nobody, 403 for students and for roles not listed. */
export function consoleActor(request: FastifyRequest, roles: readonly StaffRole[]): StaffActor {
  const s = requireStaff(request, roles);
  return { id: s.id, role: s.role, schoolId: s.schoolId, ip: request.ip };
}

/** Sends a generated file as a download (UTF-8 file name per RFC 6266). */
export function sendFile(reply: FastifyReply, file: { bytes: Buffer; filename: string; contentType: string }) {
  const ascii = file.filename.replace(/[^\w.-]+/g, '_');
  void reply
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'no-store');
  return reply.type(file.contentType).send(file.bytes);
}
