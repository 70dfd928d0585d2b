import type { PayMethod } from '@gradphoto/contracts/payments';

/**
 * Which of the centre's payment methods the order page offers. WeChat's in-app browser blocks Alipay's
 * pages, so there only WeChat Pay is offered, and the page says how to open it in the system browser
 * when the centre takes Alipay (`alipayBlocked`).
 */
export function offeredPayMethods(
  methods: readonly PayMethod[],
  insideWechat: boolean,
): { offered: PayMethod[]; alipayBlocked: boolean } {
  if (!insideWechat) return { offered: [...methods], alipayBlocked: false };
  return { offered: methods.filter((m) => m === 'wechat'), alipayBlocked: methods.includes('alipay') };
}
