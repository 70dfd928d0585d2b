import { List, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { CheckView } from '@gradphoto/contracts/journey';
import { CheckCode } from '@gradphoto/photo/check-codes';
import { useLang } from '../../../lib/i18n.js';

const ORDER: string[] = Object.values(CheckCode);

/**
 * The engine's verdict per check: problems in full (advice, measured value, threshold), then the passed
 * checks as compact green tags (value and threshold on hover), so the reviewer sees what matters first.
 */
export function ReviewChecks({ checks }: { checks: CheckView[] }) {
  const { t, pick } = useLang('console-review');
  const byOrder = (a: CheckView, b: CheckView) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code);
  const problems = checks
    .filter((c) => !c.passed)
    .sort((a, b) => (a.severity === b.severity ? byOrder(a, b) : a.severity === 'reject' ? -1 : 1));
  const passed = checks.filter((c) => c.passed).sort(byOrder);
  // the check's short name (shared strings, as the student sees it), the code itself if unknown
  const name = (code: string) => t(`checkNames.${code}`, { defaultValue: code });
  const measured = (c: CheckView) =>
    t('checks.value', { value: c.value ?? '—', threshold: c.threshold ?? '—' });
  return (
    <div data-testid="review-checks">
      {problems.length > 0 && (
        <List
          size="small"
          dataSource={problems}
          renderItem={(c) => (
            <List.Item key={c.code} data-testid={`review-check-${c.code}`}>
              <List.Item.Meta
                avatar={
                  c.severity === 'reject' ? (
                    <CloseCircleFilled style={{ color: '#dc2626' }} />
                  ) : (
                    <ExclamationCircleFilled style={{ color: '#d97706' }} />
                  )
                }
                title={
                  <span>
                    <Typography.Text strong>{name(c.code)}</Typography.Text>{' '}
                    <Tag color={c.severity === 'reject' ? 'red' : 'orange'}>
                      {t(`severity.${c.severity}`)}
                    </Tag>
                  </span>
                }
                description={
                  <>
                    <div>{pick(c.message)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {measured(c)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Typography.Text
        type="secondary"
        style={{ display: 'block', margin: problems.length ? '12px 0 8px' : '0 0 8px' }}
      >
        {t('checks.passed', { n: passed.length })}
      </Typography.Text>
      <Space size={[6, 6]} wrap>
        {passed.map((c) => (
          <Tooltip key={c.code} title={measured(c)}>
            <Tag icon={<CheckCircleFilled />} color="success" data-testid={`review-check-${c.code}`}>
              {name(c.code)}
            </Tag>
          </Tooltip>
        ))}
      </Space>
    </div>
  );
}
