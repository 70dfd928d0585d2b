import { esc, layout, yuan } from './cashier-page.js';

/** The local Alipay's cashier (收银台), in Chinese or English, in Alipay's blue. No script needed. */

export type CashierLang = 'zh' | 'en';

const ALIPAY_STYLE = `header{background:#1677ff;color:#fff}.pay{background:#1677ff;color:#fff}.pay:active{background:#0e5fd8}.cancel{background:#f2f2f2;color:#1677ff}.ok{color:#1677ff}
.lang{display:block;text-align:right;width:100%;font-size:13px;color:#1677ff;margin:-16px 0 8px}`;

const T = {
  zh: { title: '支付宝', confirm: '确认付款', cancel: '放弃付款', payee: '收款方', order: '订单号', method: '付款方式', balance: '账户余额（沙箱）', other: 'English', footer: '沙箱环境，不会产生真实扣款' },
  en: { title: 'Alipay', confirm: 'Pay now', cancel: 'Cancel payment', payee: 'Payee', order: 'Order', method: 'Pay with', balance: 'Balance (sandbox)', other: '中文', footer: 'Sandbox payment: no real money is charged' },
} as const;

export interface AlipayCashierView {
  token: string;
  lang: CashierLang;
  merchantName: string;
  subject: string;
  outTradeNo: string;
  amountCents: number;
  actionBase: string;
  /** This page in the other language. */
  otherLangUrl: string;
}

export function alipayCashierPage(v: AlipayCashierView): string {
  const t = T[v.lang];
  const hidden = `<input type="hidden" name="token" value="${esc(v.token)}"><input type="hidden" name="lang" value="${v.lang}">`;
  return layout(
    t.title,
    `<a class="lang" href="${esc(v.otherLangUrl)}" data-testid="alipay-lang">${t.other}</a>
<div class="merchant">${esc(v.merchantName)}</div>
<div class="amount" data-testid="alipay-amount"><small>¥</small>${yuan(v.amountCents)}</div>
<div class="desc">${esc(v.subject)}</div>
<dl><div><dt>${t.payee}</dt><dd>${esc(v.merchantName)}</dd></div><div><dt>${t.order}</dt><dd>${esc(v.outTradeNo)}</dd></div><div><dt>${t.method}</dt><dd>${t.balance}</dd></div></dl>
<form method="post" action="${esc(v.actionBase)}/cashier/pay">${hidden}<button class="pay" type="submit" data-testid="alipay-pay">${t.confirm}</button></form>
<form method="post" action="${esc(v.actionBase)}/cashier/cancel">${hidden}<button class="cancel" type="submit" data-testid="alipay-cancel">${t.cancel}</button></form>`,
    { header: t.title, style: ALIPAY_STYLE, footerHtml: esc(t.footer) },
  ).replace('<html lang="zh-CN">', `<html lang="${v.lang === 'en' ? 'en' : 'zh-CN'}">`);
}

/** Paid, closed or refused: a message in both languages and, when known, the way back to the merchant. */
export function alipayStatePage(input: { ok: boolean; title: string; detail: string; backUrl: string | null }): string {
  const back = input.backUrl ? `<a class="btn pay" href="${esc(input.backUrl)}" data-testid="alipay-back">返回商户 / Back to merchant</a>` : '';
  return layout(input.title, `<div class="state ${input.ok ? 'ok' : 'bad'}" data-testid="alipay-state">${esc(input.title)}</div><div class="desc">${esc(input.detail)}</div>${back}`, {
    header: '支付宝 Alipay',
    style: ALIPAY_STYLE,
    footerHtml: '沙箱环境，不会产生真实扣款<br>Sandbox payment: no real money is charged',
  });
}
