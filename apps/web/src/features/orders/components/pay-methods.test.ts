import { describe, expect, it } from 'vitest';
import { offeredPayMethods } from './pay-methods.js';

describe('offeredPayMethods', () => {
  it('offers every method of the centre, in its order, in a phone browser', () => {
    expect(offeredPayMethods(['wechat', 'alipay'], false)).toEqual({
      offered: ['wechat', 'alipay'],
      alipayBlocked: false,
    });
    expect(offeredPayMethods(['alipay'], false)).toEqual({ offered: ['alipay'], alipayBlocked: false });
  });
  it('inside WeChat offers WeChat Pay only, and says so when the centre takes Alipay', () => {
    expect(offeredPayMethods(['alipay', 'wechat'], true)).toEqual({
      offered: ['wechat'],
      alipayBlocked: true,
    });
    expect(offeredPayMethods(['alipay'], true)).toEqual({ offered: [], alipayBlocked: true });
    expect(offeredPayMethods(['wechat'], true)).toEqual({ offered: ['wechat'], alipayBlocked: false });
  });
});
