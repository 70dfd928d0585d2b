import { Alert, Typography } from 'antd';
import type { BulkApproveResponse } from '@gradphoto/contracts/console-reviews';
import { useLang } from '../../../lib/i18n.js';

/** What a bulk approval did: how many were approved, and each photo skipped with the reason. */
export function BulkResult({
  result,
  names,
  onClose,
}: {
  result: BulkApproveResponse;
  /** Graduate names by submission id, as listed when the reviewer approved. */
  names: Record<string, string>;
  onClose: () => void;
}) {
  const { t } = useLang('console-review');
  const skipped = result.skipped;
  return (
    <Alert
      style={{ marginBottom: 16 }}
      type={skipped.length ? 'warning' : 'success'}
      showIcon
      closable={{ onClose }}
      data-testid="bulk-result"
      title={
        <span data-testid="bulk-result-title">
          {t('bulk.approved', { n: result.approved.length })}
          {skipped.length > 0 && ` · ${t('bulk.skipped', { n: skipped.length })}`}
        </span>
      }
      description={
        skipped.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="bulk-skipped">
            {skipped.map((s) => (
              <li key={s.submissionId} data-reason={s.reason}>
                <Typography.Text strong>{names[s.submissionId] ?? s.submissionId}</Typography.Text>
                {' — '}
                {t(`bulk.reason.${s.reason}`)}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}
