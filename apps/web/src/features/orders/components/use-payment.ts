import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrderDetail } from '@gradphoto/contracts/journey';
import type { PayMethod } from '@gradphoto/contracts/payments';
import { checkPayment, startJsapiPayment, startPayment } from '../api/orders.js';
import { invokeWechatPay, payInsideWechat, type BridgeOutcome } from './wechat-pay.js';

/** How `pay()` ended on this page: the browser left (H5 cashier, WeChat authorisation), or the WeChat sheet's answer. */
export type PayStart = 'left' | BridgeOutcome;

const PAYING_KEY = 'gradphoto.paying';
/** After this long back from the cashier without a notification, ask the provider directly… */
const CHECK_AFTER_MS = 2_000;
/** …and stop waiting after this long whatever happens (a provider that does not answer). */
const GIVE_UP_MS = 10_000;

function readPaying(): { orderNo: string; since: number } | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(PAYING_KEY) ?? 'null') as {
      orderNo?: unknown;
      since?: unknown;
    } | null;
    return v && typeof v.orderNo === 'string' && typeof v.since === 'number'
      ? { orderNo: v.orderNo, since: v.since }
      : null;
  } catch {
    return null;
  }
}
function clearPaying() {
  try {
    sessionStorage.removeItem(PAYING_KEY);
  } catch {
    /* private mode */
  }
}

function rememberPaying(orderNo: string) {
  try {
    sessionStorage.setItem(PAYING_KEY, JSON.stringify({ orderNo, since: Date.now() }));
  } catch {
    /* private mode: the page still polls on the way back via pay/check below */
  }
}

/**
 * Payment of a pending order. Outside WeChat `pay(method)` goes to the provider's H5 cashier (WeChat Pay
 * H5, or Alipay's 手机网站支付 gateway: a full page change) and remembers the order; inside WeChat,
 * WeChat Pay goes through JSAPI: the first time through WeChat's
 * authorisation (a round trip that lands back on the order page), then WeChat's own payment sheet.
 * Either way, once the payer is done `waiting` stays true — the caller polls the order — until it is
 * paid, asking the provider once (`pay/check`) when no notification arrived after a few seconds. The
 * sheet's "ok" is never taken as proof of payment.
 */
export function usePayment(
  orderNo: string,
  order: OrderDetail | undefined,
  refetch: () => Promise<{ data?: OrderDetail }>,
) {
  const [waiting, setWaiting] = useState(() => {
    const p = readPaying();
    return p !== null && p.orderNo === orderNo && Date.now() - p.since < 10 * 60_000;
  });
  const [starting, setStarting] = useState(false);
  const [justPaid, setJustPaid] = useState(false);
  const checked = useRef(false);
  const [back, setBack] = useState(() => Date.now());
  const status = order?.status;

  useEffect(() => {
    if (!waiting || !status) return;
    if (status !== 'pending_payment') {
      clearPaying();
      setWaiting(false);
      if (status !== 'closed') setJustPaid(true);
      return;
    }
    // no notification yet: ask the provider once; still unpaid afterwards (e.g. 取消 at the cashier) → stop waiting
    const check = window.setTimeout(
      () => {
        if (checked.current) return;
        checked.current = true;
        void checkPayment(orderNo)
          .catch(() => undefined)
          .then(() => refetch())
          .then((r) => {
            const now = r.data?.status;
            if (now && now !== 'pending_payment' && now !== 'closed') setJustPaid(true);
            clearPaying();
            setWaiting(false);
          });
      },
      Math.max(0, back + CHECK_AFTER_MS - Date.now()),
    );
    const stop = window.setTimeout(
      () => {
        clearPaying();
        setWaiting(false);
      },
      Math.max(0, back + GIVE_UP_MS - Date.now()),
    );
    return () => {
      window.clearTimeout(check);
      window.clearTimeout(stop);
    };
  }, [waiting, status, orderNo, refetch, back]);

  // back from the cashier through the browser's back button (page restored from the bfcache): refresh
  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => {
      if (!e.persisted) return;
      setStarting(false);
      void refetch();
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, [refetch]);

  const pay = useCallback(
    async (method: PayMethod = 'wechat'): Promise<PayStart> => {
      setStarting(true);
      try {
        if (method === 'wechat' && payInsideWechat()) {
          const start = await startJsapiPayment(orderNo, `/orders/${orderNo}`);
          if (start.action === 'authorize') {
            // WeChat sends the browser back here with ?wxauth=…; the page then continues the payment
            window.location.assign(start.authorizeUrl);
            return 'left';
          }
          const outcome = await invokeWechatPay(
            start.params,
            start.bridgeScript ? { bridgeScript: start.bridgeScript } : {},
          );
          setStarting(false);
          if (outcome === 'ok') {
            // the sheet's "ok" proves nothing: wait (polling) until the server has the notification or asks WeChat
            rememberPaying(orderNo);
            checked.current = false;
            setBack(Date.now());
            setWaiting(true);
          } else {
            // cancelled or failed: still ask once, quietly, in case money moved anyway
            void checkPayment(orderNo)
              .catch(() => undefined)
              .then(() => refetch());
          }
          return outcome;
        }
        const { payUrl } = await startPayment(orderNo, `/orders/${orderNo}`, method);
        rememberPaying(orderNo);
        window.location.assign(payUrl);
        return 'left';
      } catch (e) {
        setStarting(false);
        throw e;
      }
    },
    [orderNo, refetch],
  );

  /** "我已支付": ask the provider now (a lost notification). */
  const recheck = useCallback(async () => {
    await checkPayment(orderNo);
    await refetch();
  }, [orderNo, refetch]);

  return { waiting, starting, justPaid, pay, recheck };
}
