import { randomUUID, type KeyObject } from 'node:crypto';
import { aeadEncrypt, platformSignatureHeaders } from '../../../adapters/wechatpay/crypto.js';
import { beijingTime } from '../../../adapters/wechatpay/types.js';

export interface PlatformSigner {
  serial: string;
  privateKey: KeyObject;
  apiV3Key: string;
}

export type NotificationEvent =
  | { eventType: 'TRANSACTION.SUCCESS'; summary: '支付成功'; originalType: 'transaction'; resource: Record<string, unknown> }
  | { eventType: 'REFUND.SUCCESS'; summary: '退款成功'; originalType: 'refund'; resource: Record<string, unknown> };

/** The JSON body of a v3 notification: the resource AEAD_AES_256_GCM-encrypted with the APIv3 key. */
export function notificationBody(signer: Pick<PlatformSigner, 'apiV3Key'>, event: NotificationEvent, now: Date, id: string = randomUUID()): string {
  const encrypted = aeadEncrypt(signer.apiV3Key, JSON.stringify(event.resource), event.originalType);
  return JSON.stringify({
    id,
    create_time: beijingTime(now),
    resource_type: 'encrypt-resource',
    event_type: event.eventType,
    summary: event.summary,
    resource: { original_type: event.originalType, ...encrypted },
  });
}

/** Headers of one delivery of a notification: each delivery is signed afresh. */
export function notificationHeaders(signer: Pick<PlatformSigner, 'serial' | 'privateKey'>, body: string, now: Date): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Mozilla/4.0 (sandbox; WeChatPay notify)',
    ...platformSignatureHeaders({ serial: signer.serial, privateKey: signer.privateKey, body, now }),
  };
}

/**
 * Delivers a notification; resolves to the merchant's HTTP status (0 when unreachable), or the status
 * and the answer's text (Alipay takes only the literal `success` as received).
 */
export type Deliver = (url: string, request: { headers: Record<string, string>; body: string }) => Promise<number | { status: number; body: string }>;

export const fetchDeliver: Deliver = async (url, request) => {
  try {
    const res = await fetch(url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(5_000) });
    return { status: res.status, body: await res.text() };
  } catch {
    return 0;
  }
};

/** Delivers to this app's own URLs (localhost, or its public origin) through `local`, to others over HTTP. */
export function localFirst(local: Deliver, publicOrigin: string | null): Deliver {
  const isLocal = (url: string) => {
    const u = new URL(url);
    return ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname) || u.origin === publicOrigin;
  };
  return (url, req) => (isLocal(url) ? local(url, req) : fetchDeliver(url, req));
}

/**
 * How a sandbox reaches the merchant and stops: the delivery (fixed by tests, or HTTP until the routes
 * are mounted, then in-process for this app's own URLs), and its notifier's idle and close.
 */
export function notifierControl(fixed: Deliver | undefined, publicOrigin: string | null, notifier: () => Notifier | undefined) {
  let deliver: Deliver = fixed ?? fetchDeliver;
  let closed = false;
  return {
    deliver: () => deliver,
    isClosed: () => closed,
    /** Route notifications for this app's own URLs through `local` (in-process); others over HTTP. */
    useLocalDelivery(local: Deliver): void {
      if (!fixed) deliver = localFirst(local, publicOrigin);
    },
    /** Resolves when no notification or refund is pending (tests). */
    idle: async () => notifier()?.idle(),
    close: () => {
      closed = true;
      notifier()?.close();
    },
  };
}

/** WeChat Pay: any 2xx is "received". */
export const acknowledged2xx = (answer: number | { status: number }) => {
  const status = typeof answer === 'number' ? answer : answer.status;
  return status >= 200 && status < 300;
};

/** What one delivery sends (headers are made per delivery: WeChat signs each afresh). */
type Delivery = () => { headers: Record<string, string>; body: string };

/**
 * Sends notifications the way WeChat Pay does: the first delivery at once; when the merchant does not
 * answer 2xx, the same notification again after each delay (WeChat waits 15 s, 15 s, 30 s, 3 min, …;
 * the sandbox retries quicker).
 */
export function createNotifier(opts: {
  /** WeChat Pay's platform key (for `send`); absent for a notifier that only posts forms. */
  signer?: PlatformSigner;
  deliver: () => Deliver;
  now: () => Date;
  retryDelaysMs: readonly number[];
  /** Whether an answer counts as received (default: 2xx). */
  acknowledged?: (answer: number | { status: number; body: string }) => boolean;
}) {
  const acknowledged = opts.acknowledged ?? acknowledged2xx;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  }

  async function attempt(url: string, delivery: Delivery): Promise<boolean> {
    return acknowledged(await opts.deliver()(url, delivery()));
  }

  function retry(url: string, body: Delivery, index: number) {
    if (closed || index >= opts.retryDelaysMs.length) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void track(
        attempt(url, body).then((ok) => {
          if (!ok) retry(url, body, index + 1);
        }),
      );
    }, opts.retryDelaysMs[index]);
    timer.unref();
    timers.add(timer);
  }

  async function deliverWithRetries(url: string, delivery: Delivery): Promise<boolean> {
    const ok = await track(attempt(url, delivery));
    if (!ok) retry(url, delivery, 0);
    return ok;
  }

  return {
    /** Delivers a v3 notification once and waits for the answer; schedules retries when it was not received. */
    async send(url: string, event: NotificationEvent): Promise<boolean> {
      const signer = opts.signer;
      if (!signer) throw new Error('this notifier has no platform key');
      const body = notificationBody(signer, event, opts.now());
      return deliverWithRetries(url, () => ({ headers: notificationHeaders(signer, body, opts.now()), body }));
    },
    /** Posts a form (an Alipay notification, already signed) the same way. */
    async sendForm(url: string, fields: Record<string, string>, userAgent: string): Promise<boolean> {
      const body = new URLSearchParams(fields).toString();
      return deliverWithRetries(url, () => ({ headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'user-agent': userAgent }, body }));
    },
    /** Runs `fn` later, tracked like a delivery (the refund that completes after its request). */
    later(ms: number, fn: () => Promise<unknown>): void {
      if (closed) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        void track(fn());
      }, ms);
      timer.unref();
      timers.add(timer);
    },
    /** Resolves once nothing is pending: no delivery in flight and no retry scheduled. */
    async idle(): Promise<void> {
      while (timers.size > 0 || inFlight.size > 0) {
        if (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        else await new Promise((r) => setTimeout(r, 5));
      }
    },
    close(): void {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
export type Notifier = ReturnType<typeof createNotifier>;
