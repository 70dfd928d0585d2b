import type { FastifyRequest } from 'fastify';
import { bilingual as m, errors } from '../errors.js';

/**
 * Reads a multipart form with exactly one file (any field name) and some text fields. Oversized files
 * become 413 (the multipart plugin's limit), a form without a file 400.
 */
export async function readUpload(request: FastifyRequest): Promise<{ bytes: Buffer; filename: string; mimetype: string; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw errors.validation('VALIDATION', m('请以表单方式上传文件', 'Upload the file as multipart/form-data'));
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; filename: string; mimetype: string } | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw errors.tooLarge();
      if (!file) file = { bytes, filename: part.filename, mimetype: part.mimetype };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  if (!file) throw errors.validation('FILE_REQUIRED', m('请选择要上传的文件', 'Please choose a file to upload'), [{ path: 'file', message: m('缺少文件', 'Missing file') }]);
  return { ...file, fields };
}
