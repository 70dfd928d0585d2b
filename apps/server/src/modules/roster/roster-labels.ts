import type { GraduateStatus } from '@gradphoto/contracts/console-roster';

/** Export labels, zh / en. */
export const STATUS_LABELS: Record<GraduateStatus, [string, string]> = {
  not_registered: ['未登记', 'Not registered'],
  registered: ['已登记未拍照', 'Registered'],
  photographed: ['已拍照', 'Photographed'],
  paid: ['已支付', 'Paid'],
  pending_review: ['待审核', 'Pending review'],
  rejected: ['未通过待重拍', 'Rejected'],
  approved: ['审核通过', 'Approved'],
  shipped: ['已发货', 'Shipped'],
};
export const SOURCE_LABELS = { roster: '名单导入', code: '采集码', form: '学生填写' } as const;
export const CODE_LABELS = { active: '已发放未使用', used: '已使用' } as const;
