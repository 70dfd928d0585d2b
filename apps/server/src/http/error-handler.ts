import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiErrorBody } from '@gradphoto/contracts/errors';
import { parseBi } from '@gradphoto/contracts/i18n-message';
import { DomainError, bilingual as m, type Bilingual } from '../errors.js';

function send(reply: FastifyReply, request: FastifyRequest, status: number, body: Omit<ApiErrorBody['error'], 'requestId'>) {
  const payload: ApiErrorBody = { error: { ...body, requestId: String(request.id) } };
  return reply.status(status).send(payload);
}

const fieldMessage = (raw: string): Bilingual => parseBi(raw) ?? m(`格式不正确：${raw}`, raw);

/** Maps everything thrown in a request to the API's bilingual error body. Internals of 5xx stay in the log. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof DomainError) {
      if (error.status === 429 && typeof error.data?.retryAfterSeconds === 'number') {
        void reply.header('retry-after', String(error.data.retryAfterSeconds));
      }
      return send(reply, request, error.status, {
        code: error.code,
        message: error.bilingual,
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.data ? { data: error.data } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send(reply, request, 400, {
        code: 'VALIDATION',
        message: m('提交的内容有误，请检查后重试', 'Some fields are not valid; please check them'),
        fields: error.validation.map((v) => ({
          path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(error.validationContext ?? ''),
          message: fieldMessage(v.message ?? ''),
        })),
      });
    }
    const fe = error as FastifyError;
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_FILES_LIMIT':
        return send(reply, request, 413, { code: 'PAYLOAD_TOO_LARGE', message: m('上传的内容太大', 'The upload is too large') });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(reply, request, 415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: m('不支持的内容类型', 'Unsupported content type') });
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_VALIDATION':
        return send(reply, request, 400, { code: 'VALIDATION', message: m('请求格式不正确', 'The request is malformed') });
      default:
        break;
    }
    if (fe.statusCode === 429) {
      return send(reply, request, 429, { code: 'RATE_LIMITED', message: m('请求太频繁，请稍后再试', 'Too many requests; please slow down') });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, request, fe.statusCode, { code: 'BAD_REQUEST', message: m('请求无效', 'Bad request') });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, { code: 'INTERNAL', message: m('服务器出错了，请稍后再试', 'Something went wrong on our side; please try again') });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, { code: 'NOT_FOUND', message: m('找不到该地址', 'Not found') }),
  );
}
