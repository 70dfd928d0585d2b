import type { Bilingual } from '../../errors.js';

type Message = { title: Bilingual; body: Bilingual; link?: string };
const yuan = (cents: number) => (cents / 100).toFixed(2);

/** The notification every status change sends (in-app and by email). */
export const journeyMessages = {
  submissionPendingReview: (collectionId: string): Message => ({
    title: { zh: '照片已提交审核', en: 'Photo submitted for review' },
    body: { zh: '您的照片已进入审核，审核结果会第一时间通知您。审核前可以撤回重拍。', en: 'Your photo is in review; we will tell you the result. You may withdraw it and retake before it is reviewed.' },
    link: `/collections/${collectionId}`,
  }),
  submissionApproved: (collectionId: string): Message => ({
    title: { zh: '照片审核通过', en: 'Photo approved' },
    body: { zh: '恭喜，您的学历照片已审核通过。可以下载电子照片或发送到邮箱。', en: 'Your diploma photo is approved. You can download it or send it to an email address.' },
    link: `/collections/${collectionId}`,
  }),
  submissionRejected: (collectionId: string, reason: string): Message => ({
    title: { zh: '照片未通过审核', en: 'Photo not approved' },
    body: { zh: `原因：${reason}。请按要求重拍后重新提交，无需再次付费。`, en: `Reason: ${reason}. Please retake and resubmit; you will not pay again.` },
    link: `/collections/${collectionId}`,
  }),
  orderPaid: (orderNo: string, cents: number): Message => ({
    title: { zh: '支付成功', en: 'Payment received' },
    body: { zh: `订单 ${orderNo} 已支付 ¥${yuan(cents)}。`, en: `Order ${orderNo}: ¥${yuan(cents)} paid.` },
    link: `/orders/${orderNo}`,
  }),
  orderClosed: (orderNo: string): Message => ({
    title: { zh: '订单已关闭', en: 'Order closed' },
    body: { zh: `订单 ${orderNo} 超时未支付，已自动关闭。如需继续，请重新下单。`, en: `Order ${orderNo} was not paid in time and has been closed. Place a new order to continue.` },
    link: `/orders/${orderNo}`,
  }),
  orderShipped: (orderNo: string, courier: string, trackingNo: string): Message => ({
    title: { zh: '冲印照片已发货', en: 'Prints shipped' },
    body: { zh: `订单 ${orderNo} 已由 ${courier} 发出，运单号 ${trackingNo}。`, en: `Order ${orderNo} was shipped by ${courier}, tracking number ${trackingNo}.` },
    link: `/orders/${orderNo}`,
  }),
  orderRefunded: (orderNo: string, cents: number): Message => ({
    title: { zh: '退款已受理', en: 'Refund issued' },
    body: { zh: `订单 ${orderNo} 退款 ¥${yuan(cents)}，将原路退回。`, en: `Order ${orderNo}: ¥${yuan(cents)} refunded to the original payment method.` },
    link: `/orders/${orderNo}`,
  }),
  orderCompleted: (orderNo: string): Message => ({
    title: { zh: '订单已完成', en: 'Order completed' },
    body: { zh: `订单 ${orderNo} 已完成，感谢使用。`, en: `Order ${orderNo} is complete. Thank you.` },
    link: `/orders/${orderNo}`,
  }),
};
