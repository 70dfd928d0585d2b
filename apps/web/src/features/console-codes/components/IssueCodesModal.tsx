import { useState } from 'react';
import { Alert, Form, InputNumber, Modal, Radio, Typography } from 'antd';
import { useLang } from '../../../lib/i18n.js';
import { issueBlank, issueForGraduates } from '../api/codes.js';

type Mode = 'roster' | 'blank';

/** Issue codes: one for every graduate on the roster without a live code, or N blank invitations. */
export function IssueCodesModal({
  batchId,
  hasRoster,
  open,
  onClose,
  onIssued,
}: {
  batchId: string;
  hasRoster: boolean;
  open: boolean;
  onClose: () => void;
  onIssued: (r: { issued: number; skipped: number; since: string }) => void;
}) {
  const { t, errorText } = useLang('console-codes');
  const [mode, setMode] = useState<Mode>(hasRoster ? 'roster' : 'blank');
  const [count, setCount] = useState<number | null>(50);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const since = new Date(Date.now() - 1000).toISOString();
    try {
      const r =
        mode === 'roster'
          ? await issueForGraduates(batchId, { all: true })
          : await issueBlank(batchId, count ?? 0);
      onIssued({ ...r, since });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('issue.title')}
      okText={t('issue.submit')}
      onOk={() => void submit()}
      okButtonProps={{ loading: busy, disabled: mode === 'blank' && !count, id: 'issue-submit' }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label={t('issue.kind')}>
          <Radio.Group
            value={mode}
            onChange={(e) => setMode(e.target.value as Mode)}
            data-testid="issue-mode"
          >
            <Radio value="roster" disabled={!hasRoster}>
              {t('issue.forRoster')}
            </Radio>
            <Radio value="blank">{t('issue.blank')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Typography.Paragraph type="secondary">
          {mode === 'roster' ? t('issue.forRosterHint') : t('issue.blankHint')}
        </Typography.Paragraph>
        {!hasRoster && mode === 'blank' && (
          <Typography.Paragraph type="secondary">{t('issue.noRoster')}</Typography.Paragraph>
        )}
        {mode === 'blank' && (
          <Form.Item label={t('issue.count')}>
            <InputNumber<number>
              min={1}
              max={2000}
              precision={0}
              value={count}
              onChange={setCount}
              autoFocus
              style={{ width: 180 }}
              id="issue-count"
              onPressEnter={() => void submit()}
            />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="form-error" />}
      </Form>
    </Modal>
  );
}
