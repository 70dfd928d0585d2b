/** Error body every API error response carries. `message` is bilingual; the web picks by locale. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: { zh: string; en: string };
    /** Field-level details for validation errors: path → bilingual message. */
    fields?: Array<{ path: string; message: { zh: string; en: string } }>;
    /** Extra machine-readable data, e.g. { retryAfterSeconds, captchaRequired }. */
    data?: Record<string, unknown>;
    requestId?: string;
  };
}

/** Error codes the web app reacts to specifically. */
export const ErrorCodes = {
  VALIDATION: 'VALIDATION',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  CSRF: 'CSRF',
  INTERNAL: 'INTERNAL',
  ID_NUMBER_INVALID: 'ID_NUMBER_INVALID',
  ACCOUNT_EXISTS: 'ACCOUNT_EXISTS',
  PHONE_TAKEN: 'PHONE_TAKEN',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  CAPTCHA_REQUIRED: 'CAPTCHA_REQUIRED',
  CAPTCHA_WRONG: 'CAPTCHA_WRONG',
  LOGIN_THROTTLED: 'LOGIN_THROTTLED',
  CODE_INVALID: 'CODE_INVALID',
  CODE_THROTTLED: 'CODE_THROTTLED',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  OCR_FAILED: 'OCR_FAILED',
  OCR_BUSY: 'OCR_BUSY',
  IMAGE_INVALID: 'IMAGE_INVALID',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
