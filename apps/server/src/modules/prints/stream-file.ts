import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** Sends a stored file as a streamed download (UTF-8 file name per RFC 6266), never loaded whole into memory. */
export function sendStream(reply: FastifyReply, file: { stream: Readable; size: number; filename: string; contentType: string }) {
  const ascii = file.filename.replace(/[^\w.-]+/g, '_');
  void reply
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('content-length', String(file.size))
    .header('cache-control', 'no-store');
  return reply.type(file.contentType).send(file.stream);
}
