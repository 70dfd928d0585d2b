import type { KeyObject } from 'node:crypto';
import type { z } from 'zod';
import { aeadDecrypt, verifyPlatformSignature, type HeaderBag, type SignatureFailure } from './crypto.js';
import { NotificationEnvelope } from './types.js';

export type NotificationFailure = SignatureFailure | 'malformed' | 'decrypt_failed';

/** A notification that failed verification: it must change nothing, and the answer is a 4xx FAIL. */
export class WechatPayNotificationError extends Error {
  constructor(public readonly reason: NotificationFailure) {
    super(`WeChat Pay notification rejected: ${reason}`);
    this.name = 'WechatPayNotificationError';
  }
}

export interface OpenedNotification<T> {
  envelope: NotificationEnvelope;
  resource: T;
}

/**
 * Verifies a notification's platform signature over the raw body (before parsing anything), then
 * decrypts its resource with the APIv3 key and validates the plaintext against `schema`.
 */
export function openNotification<S extends z.ZodType>(input: {
  headers: HeaderBag;
  rawBody: string;
  platformKey: (serial: string) => KeyObject | undefined;
  apiV3Key: string;
  now: Date;
  schema: S;
}): OpenedNotification<z.infer<S>> {
  const verdict = verifyPlatformSignature({ headers: input.headers, body: input.rawBody, platformKey: input.platformKey, now: input.now });
  if (!verdict.ok) throw new WechatPayNotificationError(verdict.reason);
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody);
  } catch {
    throw new WechatPayNotificationError('malformed');
  }
  const envelope = NotificationEnvelope.safeParse(json);
  if (!envelope.success) throw new WechatPayNotificationError('malformed');
  let plaintext: string;
  try {
    plaintext = aeadDecrypt(input.apiV3Key, envelope.data.resource);
  } catch {
    throw new WechatPayNotificationError('decrypt_failed');
  }
  let resourceJson: unknown;
  try {
    resourceJson = JSON.parse(plaintext);
  } catch {
    throw new WechatPayNotificationError('malformed');
  }
  const resource = input.schema.safeParse(resourceJson);
  if (!resource.success) throw new WechatPayNotificationError('malformed');
  return { envelope: envelope.data, resource: resource.data as z.infer<S> };
}
