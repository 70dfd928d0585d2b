import { List, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { CheckView } from '@gradphoto/contracts/journey';
import { CheckCode } from '@gradphoto/photo/check-codes';
import { useLang } from '../../../lib/i18n.js';

const ORDER: string[] = Object.values(CheckCode);

/** The engine's verdict per check: problems first, each with its measured value and threshold. */
export function ReviewChecks({ checks }: { checks: CheckView[] }) {
  const { t, pick } = useLang('console-review');
  const rank = (c: CheckView) => (c.passed ? 2 : c.severity === 'reject' ? 0 : 1);
  const sorted = [...checks].sort((a, b) => rank(a) - rank(b) || ORDER.indexOf(a.code) - ORDER.indexOf(b.code));
  return (
    <List
      size="small"
      dataSource={sorted}
      data-testid="review-checks"
      renderItem={(c) => (
        <List.Item key={c.code} data-testid={`review-check-${c.code}`}>
          <List.Item.Meta
            avatar={
              c.passed ? (
                <CheckCircleFilled style={{ color: '#16a34a' }} />
              ) : c.severity === 'reject' ? (
                <CloseCircleFilled style={{ color: '#dc2626' }} />
              ) : (
                <ExclamationCircleFilled style={{ color: '#d97706' }} />
              )
            }
            title={
              <span>
                <Typography.Text code>{c.code}</Typography.Text>{' '}
                {!c.passed && <Tag color={c.severity === 'reject' ? 'red' : 'orange'}>{t(`severity.${c.severity}`)}</Tag>}
              </span>
            }
            description={
              <>
                {!c.passed && <div>{pick(c.message)}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('checks.value', { value: c.value ?? '—', threshold: c.threshold ?? '—' })}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
