import { RejectReasons, type RejectReasonCode } from '@gradphoto/contracts/console-reviews';
import type { Bilingual } from '../../errors.js';

/**
 * The reason a student reads: the template in both languages, then the reviewer's own words.
 * e.g. `头顶或眼睛位置不符合要求 / Head-top or eye position out of range：请把手机举高一些`.
 */
export function composeRejectReason(code: RejectReasonCode | undefined, text: string | undefined): string {
  const template = code && code !== 'other' ? RejectReasons.find((r) => r.code === code) : undefined;
  const note = text?.trim() ?? '';
  if (!template) return note;
  const head = `${template.zh} / ${template.en}`;
  return note ? `${head}：${note}` : head;
}

/**
 * The correction sent when a reviewer undoes a decision within the undo window. The first notification
 * (approved / rejected) has already gone out, so the student is told plainly that it no longer holds.
 */
export const reviewUndoneMessage = (collectionId: string, was: 'approved' | 'rejected'): { title: Bilingual; body: Bilingual; link: string } => ({
  title: { zh: '审核结果已撤回，照片重新审核中', en: 'Review result withdrawn: your photo is being reviewed again' },
  body:
    was === 'approved'
      ? {
          zh: '刚才发给您的"审核通过"通知由审核员撤回，照片正在重新审核，结果会再通知您。给您带来不便，敬请谅解。',
          en: 'The reviewer withdrew the "approved" notice you just received. Your photo is being reviewed again and we will tell you the result.',
        }
      : {
          zh: '刚才发给您的"未通过审核"通知由审核员撤回，暂时无需重拍。照片正在重新审核，结果会再通知您。',
          en: 'The reviewer withdrew the "not approved" notice you just received; no need to retake for now. Your photo is being reviewed again and we will tell you the result.',
        },
  link: `/collections/${collectionId}`,
});
