import type { ErrorCode } from '@gradphoto/contracts/errors';

export interface Bilingual {
  zh: string;
  en: string;
}

export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited';

const STATUS: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
};

/** A typed domain error: services throw these; the one error handler maps them to HTTP. */
export class DomainError extends Error {
  constructor(
    public readonly kind: DomainErrorKind,
    public readonly code: ErrorCode | (string & {}),
    public readonly bilingual: Bilingual,
    public readonly data?: Record<string, unknown>,
    public readonly fields?: Array<{ path: string; message: Bilingual }>,
  ) {
    super(`${code}: ${bilingual.en}`);
    this.name = 'DomainError';
  }

  get status(): number {
    return STATUS[this.kind];
  }
}

const m = (zh: string, en: string): Bilingual => ({ zh, en });

export const errors = {
  validation: (code: string, message: Bilingual, fields?: DomainError['fields'], data?: Record<string, unknown>) =>
    new DomainError('validation', code, message, data, fields),
  unauthenticated: (message = m('请先登录', 'Please log in first')) =>
    new DomainError('unauthenticated', 'UNAUTHENTICATED', message),
  forbidden: (message = m('没有权限进行此操作', 'You do not have permission to do this')) =>
    new DomainError('forbidden', 'FORBIDDEN', message),
  notFound: (message = m('找不到该记录', 'Not found')) => new DomainError('not_found', 'NOT_FOUND', message),
  conflict: (code: string, message: Bilingual, data?: Record<string, unknown>) =>
    new DomainError('conflict', code, message, data),
  tooLarge: (message = m('上传的内容太大', 'The upload is too large')) =>
    new DomainError('payload_too_large', 'PAYLOAD_TOO_LARGE', message),
  rateLimited: (code: string, message: Bilingual, data?: Record<string, unknown>) =>
    new DomainError('rate_limited', code, message, data),
};
export { m as bilingual };
