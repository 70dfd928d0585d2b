import type { SubmissionView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';

/** 合格 / 有提醒 / 不合格 (or 无法处理) over the result. */
export function VerdictBadge({ verdict }: { verdict: NonNullable<SubmissionView['verdict']> }) {
  const { t } = useLang('photo');
  return (
    <span className={`verdict verdict--${verdict}`} data-testid="verdict" data-verdict={verdict}>
      {t(`badge.${verdict}`)}
    </span>
  );
}
