/** The sandbox cashier: a page that looks like WeChat Pay's confirmation sheet. No script needed. */

export const yuan = (cents: number) => (cents / 100).toFixed(2);

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#ededed;color:#111;min-height:100vh;display:flex;flex-direction:column}
header{height:48px;display:flex;align-items:center;justify-content:center;font-size:17px;font-weight:600;background:#ededed}
main{flex:1;background:#fff;margin:0;padding:32px 24px 24px;display:flex;flex-direction:column;align-items:center}
.merchant{font-size:16px;color:#333}.amount{font-size:44px;font-weight:600;margin:12px 0 4px;letter-spacing:.5px}.amount small{font-size:28px;margin-right:4px}
.desc{color:#888;font-size:14px;margin-bottom:24px;text-align:center}
dl{width:100%;margin:0 0 28px;border-top:1px solid #eee}dl div{display:flex;justify-content:space-between;padding:12px 0;border-bottom:1px solid #eee;font-size:14px}dt{color:#888}dd{margin:0;word-break:break-all;text-align:right}
form{width:100%;margin:0}button,.btn{display:block;width:100%;height:48px;border:0;border-radius:8px;font-size:17px;font-weight:600;margin-top:12px;cursor:pointer;text-align:center;line-height:48px;text-decoration:none}
.pay{background:#07c160;color:#fff}.pay:active{background:#06ad56}.cancel{background:#f2f2f2;color:#07c160}
.state{font-size:20px;font-weight:600;margin:24px 0 8px}.ok{color:#07c160}.bad{color:#fa5151}
footer{padding:16px;text-align:center;color:#999;font-size:12px;line-height:1.6}
.badge{display:inline-block;border:1px solid #fa9d3b;color:#fa9d3b;border-radius:4px;padding:0 6px;margin-bottom:6px}`;

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const PAY_FOOTER = '沙箱环境，不会产生真实扣款<br>Sandbox payment: no real money is charged';

/** A sandbox page in WeChat's look: a grey title bar, a white sheet, the sandbox footer. */
export function layout(title: string, body: string, opts: { header?: string; style?: string; footerHtml?: string } = {}): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1,maximum-scale=1">
<title>${esc(title)}</title><style>${STYLE}${opts.style ?? ''}</style></head><body><header>${esc(opts.header ?? '微信支付')}</header><main>${body}</main>
<footer><span class="badge">沙箱 / sandbox</span><br>${opts.footerHtml ?? PAY_FOOTER}</footer></body></html>`;
}

export interface CashierView {
  prepayId: string;
  merchantName: string;
  description: string;
  outTradeNo: string;
  amountCents: number;
  redirectUrl: string | null;
  actionBase: string;
}

export function cashierPage(v: CashierView): string {
  const hidden = `<input type="hidden" name="prepay" value="${esc(v.prepayId)}">${v.redirectUrl ? `<input type="hidden" name="redirect_url" value="${esc(v.redirectUrl)}">` : ''}`;
  return layout(
    '微信支付',
    `<div class="merchant">${esc(v.merchantName)}</div>
<div class="amount" data-testid="cashier-amount"><small>¥</small>${yuan(v.amountCents)}</div>
<div class="desc">${esc(v.description)}</div>
<dl><div><dt>收款方 Payee</dt><dd>${esc(v.merchantName)}</dd></div><div><dt>订单号 Order</dt><dd>${esc(v.outTradeNo)}</dd></div><div><dt>支付方式 Method</dt><dd>零钱（沙箱）</dd></div></dl>
<form method="post" action="${esc(v.actionBase)}/cashier/confirm">${hidden}<button class="pay" type="submit">确认支付</button></form>
<form method="post" action="${esc(v.actionBase)}/cashier/cancel">${hidden}<button class="cancel" type="submit">取消</button></form>`,
  );
}

/** Paid, closed, expired or unknown: a message and, when there is one, the way back to the merchant. */
export function cashierStatePage(input: { ok: boolean; title: string; detail: string; redirectUrl: string | null }): string {
  const back = input.redirectUrl ? `<a class="btn pay" href="${esc(input.redirectUrl)}">返回商户 / Back to merchant</a>` : '';
  return layout(input.title, `<div class="state ${input.ok ? 'ok' : 'bad'}">${esc(input.title)}</div><div class="desc">${esc(input.detail)}</div>${back}`);
}
