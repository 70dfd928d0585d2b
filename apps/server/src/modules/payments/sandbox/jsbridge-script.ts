/**
 * A stand-in for the `WeixinJSBridge` that WeChat's browser injects, served by the sandbox at
 * `<prefix>/jsbridge.js`: only for a browser that is not WeChat but plays it (development, e2e).
 * `invoke('getBrandWCPayRequest', params, cb)` shows a payment sheet like WeChat's; 支付 sends the
 * parameters to the sandbox, which checks paySign with the merchant's public key the way WeChat does,
 * pays and sends the signed notification; the callback then gets `get_brand_wcpay_request:ok`,
 * `:cancel` (×) or `:fail` — exactly what the page would get inside WeChat. It is also reachable as
 * `window.__gradphotoSandboxBridge`, so a sandbox payment works in the real WeChat too (whose own bridge
 * would refuse the sandbox's appid).
 */
export function jsBridgeScript(prefix: string): string {
  return `/* GradPhoto WeChat Pay sandbox: WeixinJSBridge stand-in (not WeChat; no real money) */
(function () {
  'use strict';
  var BASE = ${JSON.stringify(prefix)};
  function el(tag, css, text) {
    var e = document.createElement(tag);
    if (css) e.style.cssText = css;
    if (text != null) e.textContent = text;
    return e;
  }
  function yuan(cents) { return (cents / 100).toFixed(2); }
  var FONT = '-apple-system,BlinkMacSystemFont,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif';
  var BTN = 'display:block;width:100%;height:48px;border:0;border-radius:8px;font-size:17px;font-weight:600;margin-top:16px;cursor:pointer;background:#07c160;color:#fff;font-family:' + FONT;

  function sheet(info, params, done) {
    var overlay = el('div', 'position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.55);display:flex;align-items:flex-end;font-family:' + FONT);
    overlay.setAttribute('data-testid', 'wx-sandbox-sheet');
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-label', '微信支付');
    var panel = el('div', 'width:100%;background:#fff;border-radius:12px 12px 0 0;padding:16px 20px 28px;box-sizing:border-box;color:#111;text-align:center');
    var top = el('div', 'display:flex;align-items:center;justify-content:space-between;height:32px');
    var close = el('button', 'border:0;background:none;font-size:26px;line-height:1;color:#333;cursor:pointer;padding:0 4px', '×');
    close.setAttribute('aria-label', '取消支付');
    close.setAttribute('data-testid', 'wx-sandbox-cancel');
    var badge = el('span', 'border:1px solid #fa9d3b;color:#fa9d3b;border-radius:4px;padding:0 6px;font-size:12px', '沙箱 / sandbox');
    top.appendChild(close); top.appendChild(el('span', 'font-size:15px;color:#555', '微信支付')); top.appendChild(badge);
    panel.appendChild(top);
    panel.appendChild(el('div', 'font-size:15px;color:#333;margin-top:14px', info.merchantName));
    var amount = el('div', 'font-size:40px;font-weight:600;margin:10px 0 4px', '¥' + yuan(info.amountCents));
    amount.setAttribute('data-testid', 'wx-sandbox-amount');
    panel.appendChild(amount);
    panel.appendChild(el('div', 'font-size:13px;color:#888', info.description));
    var row = el('div', 'display:flex;justify-content:space-between;border-top:1px solid #eee;border-bottom:1px solid #eee;padding:12px 0;margin-top:18px;font-size:14px');
    row.appendChild(el('span', 'color:#888', '付款方式'));
    row.appendChild(el('span', '', '零钱（沙箱）'));
    panel.appendChild(row);
    var message = el('div', 'min-height:20px;margin-top:10px;font-size:14px;color:#fa5151');
    panel.appendChild(message);
    var pay = el('button', BTN, '支付');
    pay.setAttribute('data-testid', 'wx-sandbox-pay');
    panel.appendChild(pay);
    overlay.appendChild(panel);
    document.body.appendChild(overlay);
    var finished = false;
    function finish(res) {
      if (finished) return;
      finished = true;
      overlay.remove();
      done(res);
    }
    close.onclick = function () { finish({ err_msg: 'get_brand_wcpay_request:cancel' }); };
    pay.onclick = function () {
      pay.disabled = true;
      pay.textContent = '支付中…';
      fetch(BASE + '/jsapi/pay', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) })
        .then(function (r) { return r.json(); })
        .then(function (res) {
          if (res.err_msg === 'get_brand_wcpay_request:ok') {
            panel.replaceChildren();
            var ok = el('div', 'font-size:22px;font-weight:600;color:#07c160;margin:28px 0 8px', '支付成功');
            ok.setAttribute('data-testid', 'wx-sandbox-paid');
            panel.appendChild(ok);
            panel.appendChild(el('div', 'font-size:32px;font-weight:600', '¥' + yuan(info.amountCents)));
            panel.appendChild(el('div', 'font-size:14px;color:#888;margin-top:6px', info.merchantName));
            var doneBtn = el('button', BTN, '完成');
            doneBtn.setAttribute('data-testid', 'wx-sandbox-done');
            doneBtn.onclick = function () { finish(res); };
            panel.appendChild(doneBtn);
          } else {
            message.textContent = res.err_desc || '支付失败';
            pay.textContent = '关闭';
            pay.disabled = false;
            pay.onclick = function () { finish(res); };
          }
        })
        .catch(function () { finish({ err_msg: 'get_brand_wcpay_request:fail', err_desc: 'network' }); });
    };
  }

  function invoke(name, params, cb) {
    var callback = typeof cb === 'function' ? cb : function () {};
    if (name !== 'getBrandWCPayRequest') {
      setTimeout(function () { callback({ err_msg: name + ':fail', err_desc: 'not supported by the sandbox' }); }, 0);
      return;
    }
    var pkg = (params && params.package) || '';
    fetch(BASE + '/jsapi/prepay?package=' + encodeURIComponent(pkg), { credentials: 'same-origin' })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
      .then(function (r) {
        if (!r.ok) return callback({ err_msg: 'get_brand_wcpay_request:fail', err_desc: r.body.message || '' });
        sheet(r.body, params, callback);
      })
      .catch(function () { callback({ err_msg: 'get_brand_wcpay_request:fail', err_desc: 'network' }); });
  }

  var bridge = { invoke: invoke, on: function () {}, call: function () {}, sandbox: true };
  // the page asks for this one by name, so a sandbox payment works even inside the real WeChat
  window.__gradphotoSandboxBridge = bridge;
  if (window.WeixinJSBridge) return;
  window.WeixinJSBridge = bridge;
  var ready = document.createEvent('Event');
  ready.initEvent('WeixinJSBridgeReady', false, false);
  document.dispatchEvent(ready);
})();
`;
}
