import { describe, expect, it } from 'vitest';
import { bridgeOutcome, isWechatUserAgent, payInsideWechat } from './wechat-pay.js';

const WECHAT_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN';
const SAFARI_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe('paying inside WeChat', () => {
  it('recognises WeChat’s in-app browser by MicroMessenger', () => {
    expect(isWechatUserAgent(WECHAT_UA)).toBe(true);
    expect(isWechatUserAgent(SAFARI_UA)).toBe(false);
  });

  it('pays with JSAPI in WeChat, or when told to simulate it (?wechat=sim, remembered for the tab)', () => {
    const storage = memoryStorage();
    expect(payInsideWechat({ userAgent: WECHAT_UA, search: '', storage })).toBe(true);
    expect(payInsideWechat({ userAgent: SAFARI_UA, search: '', storage })).toBe(false);
    expect(payInsideWechat({ userAgent: SAFARI_UA, search: '?wechat=sim', storage })).toBe(true);
    expect(payInsideWechat({ userAgent: SAFARI_UA, search: '?wxauth=ok', storage })).toBe(true);
    expect(payInsideWechat({ userAgent: SAFARI_UA, search: '?wechat=off', storage })).toBe(false);
    expect(payInsideWechat({ userAgent: SAFARI_UA, search: '', storage })).toBe(false);
    expect(payInsideWechat({ userAgent: SAFARI_UA, search: '?wechat=sim', storage: null })).toBe(true);
  });

  it('reads how the payment sheet ended from err_msg', () => {
    expect(bridgeOutcome({ err_msg: 'get_brand_wcpay_request:ok' })).toBe('ok');
    expect(bridgeOutcome({ err_msg: 'get_brand_wcpay_request:cancel' })).toBe('cancel');
    expect(bridgeOutcome({ err_msg: 'get_brand_wcpay_request:fail', err_desc: '支付验证签名失败' })).toBe(
      'fail',
    );
    expect(bridgeOutcome({ err_msg: 'get_brand_wcpay_request:fail_nopermission' })).toBe('fail');
    expect(bridgeOutcome(null)).toBe('fail');
    expect(bridgeOutcome({})).toBe('fail');
  });
});
