import { useEffect, useState } from 'react';
import { Button, Card, Input, Radio, Space, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, StepForwardOutlined } from '@ant-design/icons';
import {
  RejectReasons,
  type RejectReasonCode,
  type RejectRequest,
} from '@gradphoto/contracts/console-reviews';
import { useLang } from '../../../lib/i18n.js';

/**
 * Approve, or reject with a template reason plus free text. Keyboard: A approves, R rejects (with a reason
 * chosen), S skips — not while typing in the text box (a chosen reason's radio may have the focus).
 */
export function DecisionPanel({
  busy,
  onApprove,
  onReject,
  onSkip,
}: {
  busy: boolean;
  onApprove: () => void;
  onReject: (r: RejectRequest) => void;
  onSkip: () => void;
}) {
  const { t, lang } = useLang('console-review');
  const [code, setCode] = useState<RejectReasonCode | null>(null);
  const [text, setText] = useState('');
  const canReject = (code !== null && code !== 'other') || text.trim().length >= 2;
  const reject = () => {
    if (canReject)
      onReject({ ...(code ? { reasonCode: code } : {}), ...(text.trim() ? { reason: text.trim() } : {}) });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target?.closest(
        'textarea, [contenteditable], input:not([type=radio]):not([type=checkbox])',
      );
      if (busy || e.ctrlKey || e.metaKey || e.altKey || typing) return;
      const k = e.key.toLowerCase();
      if (k === 'a') onApprove();
      else if (k === 's') onSkip();
      else if (k === 'r' && canReject) reject();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Card
      size="small"
      title={t('decision.title')}
      data-testid="decision"
      style={{ position: 'sticky', top: 16 }}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Button
          type="primary"
          size="large"
          block
          icon={<CheckOutlined />}
          onClick={onApprove}
          loading={busy}
          data-testid="approve"
        >
          {t('decision.approve')} <Typography.Text keyboard>A</Typography.Text>
        </Button>
        <div>
          <Typography.Text strong>{t('decision.reasons')}</Typography.Text>
          <Radio.Group
            value={code}
            onChange={(e) => setCode(e.target.value as RejectReasonCode)}
            style={{ display: 'flex', flexDirection: 'column', gap: 6, marginTop: 8 }}
            data-testid="reasons"
          >
            {RejectReasons.map((r) => (
              <Radio key={r.code} value={r.code} data-testid={`reason-${r.code}`}>
                {lang === 'en' ? r.en : r.zh}
              </Radio>
            ))}
          </Radio.Group>
        </div>
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={300}
          showCount
          autoSize={{ minRows: 2, maxRows: 5 }}
          placeholder={t('decision.textPlaceholder')}
          data-testid="reason-text"
        />
        <Button
          danger
          size="large"
          block
          icon={<CloseOutlined />}
          onClick={reject}
          disabled={!canReject || busy}
          data-testid="reject"
        >
          {t('decision.reject')} <Typography.Text keyboard>R</Typography.Text>
        </Button>
        <Button block icon={<StepForwardOutlined />} onClick={onSkip} disabled={busy} data-testid="skip">
          {t('decision.skip')} <Typography.Text keyboard>S</Typography.Text>
        </Button>
      </Space>
    </Card>
  );
}
