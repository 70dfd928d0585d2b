import type { ReactNode } from 'react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PayMethod } from '@gradphoto/contracts/payments';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Button, Dialog, SpinLoading, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import {
  WECHAT_AUTH_OUTCOMES,
  WECHAT_AUTH_PARAM,
  type WechatAuthOutcome,
} from '@gradphoto/contracts/wechat-auth';
import { isApiError } from '../../../lib/api-client.js';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';
import { useSecondsLeft } from '../../../lib/use-seconds-left.js';
import { useCentre } from '../../../lib/session.js';
import { SubPageShell } from '../../../components/student/SubPageShell.js';
import { confirmDelivery, ordersKey, useOrder } from '../api/orders.js';
import { orderActions } from '../components/order-actions.js';
import { usePayment } from '../components/use-payment.js';
import { offeredPayMethods } from '../components/pay-methods.js';
import { PayMethodPicker } from '../components/PayMethodPicker.js';
import { payInsideWechat } from '../components/wechat-pay.js';
import { OrderStatusCard } from '../components/OrderStatusCard.js';
import { OrderInfo, ShippingInfo } from '../components/OrderInfo.js';
import { OrderTimeline } from '../components/OrderTimeline.js';
import { RefundRequest } from '../components/RefundRequest.js';
import { PageError, PageLoading } from '../components/PageState.js';
import '../orders.css';

/** What the page says about paying inside WeChat: the sheet was cancelled or failed, or the authorisation did not work. */
type WechatNotice = 'cancelled' | 'failed' | `auth.${Exclude<WechatAuthOutcome, 'ok'>}`;

const authNotice = (v: string): WechatNotice => {
  const outcome = (WECHAT_AUTH_OUTCOMES as readonly string[]).includes(v) && v !== 'ok' ? v : 'state';
  return `auth.${outcome as Exclude<WechatAuthOutcome, 'ok'>}`;
};

/** 订单详情: status (with the payment countdown), number, items, address, parcel, timeline, actions. */
export function OrderDetailPage() {
  const { orderNo = '' } = useParams();
  const { t, errorText } = useLang('orders');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const first = useOrder(orderNo);
  const order = first.data;
  const { refetch: refetchOrder } = first;
  const refetch = useCallback(() => refetchOrder(), [refetchOrder]);
  const payment = usePayment(orderNo, order, refetch);
  const secondsLeft = useSecondsLeft(order?.status === 'pending_payment' ? order.expiresAt : null);
  // poll while coming back from the cashier, and while a timed-out order waits for its close job
  const expired = order?.status === 'pending_payment' && secondsLeft === 0;
  useOrder(orderNo, payment.waiting ? 1000 : expired ? 3000 : false);
  const [params, setParams] = useSearchParams();
  const [wechatNotice, setWechatNotice] = useState<WechatNotice | null>(null);
  // 微信支付 / 支付宝: what the centre takes, less Alipay inside WeChat (its pages are blocked there)
  const centreMethods = useCentre().data?.paymentMethods;
  const { offered, alipayBlocked } = useMemo(
    () => offeredPayMethods(centreMethods ?? ['wechat'], payInsideWechat()),
    [centreMethods],
  );
  const [chosen, setChosen] = useState<PayMethod | null>(null);
  const method: PayMethod = chosen && offered.includes(chosen) ? chosen : (offered[0] ?? 'wechat');

  const changed = useCallback(async () => {
    await Promise.all([refetchOrder(), qc.invalidateQueries({ queryKey: ordersKey })]);
  }, [refetchOrder, qc]);
  const { pay: startPayment } = payment;
  const pay = useCallback(async () => {
    setWechatNotice(null);
    try {
      const outcome = await startPayment(method);
      if (outcome === 'cancel') setWechatNotice('cancelled');
      if (outcome === 'fail') setWechatNotice('failed');
    } catch (e) {
      Toast.show({ content: errorText(e) });
      if (isApiError(e) && (e.code === 'ORDER_CLOSED' || e.code === 'ORDER_PAID')) await changed();
    }
  }, [startPayment, method, errorText, changed]);

  // back from WeChat's authorisation (?wxauth=…): carry on with the payment, or say what went wrong
  const wxauth = params.get(WECHAT_AUTH_PARAM);
  const resumed = useRef(false);
  useEffect(() => {
    if (!wxauth || !order) return;
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.delete(WECHAT_AUTH_PARAM);
        return next;
      },
      { replace: true },
    );
    if (wxauth !== 'ok') setWechatNotice(authNotice(wxauth));
    else if (!resumed.current && orderActions(order).pay) {
      resumed.current = true;
      void pay();
    }
  }, [wxauth, order, setParams, pay]);

  const shell = (body: ReactNode, footer?: ReactNode) => (
    <SubPageShell title={t('detail.title')} backTo="/" footer={footer}>
      {body}
    </SubPageShell>
  );
  if (first.isPending) return shell(<PageLoading />);
  if (first.isError) return shell(<PageError error={first.error} onRetry={() => void first.refetch()} />);
  const o = first.data;
  const can = orderActions(o);
  const confirm = async () => {
    const ok = await Dialog.confirm({
      content: t('detail.confirmDeliveryAsk'),
      confirmText: t('detail.confirmDelivery'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    try {
      await confirmDelivery(o.orderNo);
      Toast.show({ icon: 'success', content: t('detail.confirmedToast') });
    } catch (e) {
      Toast.show({ content: errorText(e) });
    }
    await changed();
  };

  let footer: ReactNode = null;
  if (can.pay && !expired)
    footer = (
      <>
        <div className="action-bar__total">
          {t('summary.toPay')}
          <strong>{formatYuan(o.amountCents)}</strong>
        </div>
        <Button
          color={method === 'alipay' ? 'primary' : 'success'}
          shape="rounded"
          size="large"
          loading={payment.starting || payment.waiting}
          disabled={offered.length === 0}
          onClick={() => void pay()}
          data-testid="pay"
        >
          {t(method === 'alipay' ? 'detail.payAlipay' : 'detail.pay')}
        </Button>
      </>
    );
  else if (can.confirmDelivery)
    footer = (
      <Button
        color="primary"
        shape="rounded"
        size="large"
        onClick={() => void confirm()}
        data-testid="confirm-delivery"
      >
        {t('detail.confirmDelivery')}
      </Button>
    );
  else if (o.status === 'closed')
    footer = (
      <Button
        color="primary"
        shape="rounded"
        size="large"
        onClick={() => void navigate(`/orders/new?collection=${o.collectionId}`)}
        data-testid="order-again"
      >
        {t('detail.orderAgain')}
      </Button>
    );

  return shell(
    <>
      <OrderStatusCard order={o} secondsLeft={secondsLeft} />
      {payment.waiting && o.status === 'pending_payment' && (
        <div className="notice" data-testid="pay-waiting">
          <SpinLoading style={{ '--size': '18px' }} color="primary" /> {t('detail.confirmingPayment')}
        </div>
      )}
      {wechatNotice && o.status === 'pending_payment' && (
        <div className="notice" role="alert" data-testid="wechat-pay-notice">
          {t(`wechat.${wechatNotice}`)}
        </div>
      )}
      {payment.justPaid && (
        <div className="notice notice--ok" data-testid="pay-success">
          {t('detail.paidNotice')}
        </div>
      )}
      {o.refundRequested && (
        <div className="notice" data-testid="refund-requested">
          {t('refund.pending')}
        </div>
      )}
      {can.pay && !expired && (
        <PayMethodPicker
          offered={offered}
          alipayBlocked={alipayBlocked}
          value={method}
          onChange={setChosen}
        />
      )}
      <OrderInfo order={o} />
      <ShippingInfo order={o} />
      <section className="card">
        <h2 className="section-title">{t('detail.timeline')}</h2>
        <OrderTimeline timeline={o.timeline} />
      </section>
      <div className="order-links">
        <Link to={`/collections/${o.collectionId}`} className="order-link">
          {t('detail.viewPhoto')}
        </Link>
        {can.reprint && (
          <Link
            to={`/orders/reprint?collection=${o.collectionId}`}
            className="order-link"
            data-testid="reprint-link"
          >
            {t('reprint.cta')}
          </Link>
        )}
        {can.pay && (
          <button
            type="button"
            className="order-link"
            onClick={() =>
              void payment.recheck().catch((e: unknown) => Toast.show({ content: errorText(e) }))
            }
          >
            {t('detail.alreadyPaid')}
          </button>
        )}
        {can.refund && <RefundRequest orderNo={o.orderNo} onDone={() => void changed()} />}
      </div>
    </>,
    footer,
  );
}
