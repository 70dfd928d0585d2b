import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrderDetail } from '@gradphoto/contracts/journey';
import { checkPayment, startPayment } from '../api/orders.js';

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

/**
 * Payment of a pending order: `pay()` goes to the provider's cashier (H5: a full page change) and remembers
 * the order; back on the order page, `waiting` stays true — the caller polls the order — until it is paid,
 * asking the provider once (`pay/check`) when no notification arrived after a few seconds.
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
  const [back] = useState(() => Date.now());
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

  const pay = useCallback(async () => {
    setStarting(true);
    try {
      const { payUrl } = await startPayment(orderNo, `/orders/${orderNo}`);
      try {
        sessionStorage.setItem(PAYING_KEY, JSON.stringify({ orderNo, since: Date.now() }));
      } catch {
        /* private mode: the page still polls on the way back via pay/check below */
      }
      window.location.assign(payUrl);
    } catch (e) {
      setStarting(false);
      throw e;
    }
  }, [orderNo]);

  /** "我已支付": ask the provider now (a lost notification). */
  const recheck = useCallback(async () => {
    await checkPayment(orderNo);
    await refetch();
  }, [orderNo, refetch]);

  return { waiting, starting, justPaid, pay, recheck };
}
