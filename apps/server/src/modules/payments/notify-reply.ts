import { WechatPayNotificationError } from '../../adapters/wechatpay/notification.js';

/**
 * What a notify route answers. WeChat Pay takes 200/204 as "received"; anything else (with
 * `{ code: 'FAIL', message }`) makes it send the notification again later.
 */
export interface NotifyReply {
  status: number;
  body?: { code: 'FAIL'; message: string };
}

export const received: NotifyReply = { status: 204 };
export const fail = (status: number, message: string): NotifyReply => ({ status, body: { code: 'FAIL', message } });

/** pino-compatible: services log through what they are given. */
export interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
/** The default when no logger is given: warnings and errors still show. */
export const consoleLogger: Logger = {
  info() {},
  warn: (obj, msg) => console.warn(`[payments] ${msg}`, obj),
  error: (obj, msg) => console.error(`[payments] ${msg}`, obj),
};

/** A forged, stale, undecryptable or malformed notification: 401, and nothing changes. */
export function rejectedNotification(err: unknown, log: Logger, kind: string): NotifyReply {
  if (err instanceof WechatPayNotificationError) {
    log.warn({ reason: err.reason }, `${kind} notification rejected`);
    return fail(401, `notification rejected: ${err.reason}`);
  }
  throw err;
}
