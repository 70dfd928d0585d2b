import { useState } from 'react';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useLang } from '../../../lib/i18n.js';
import { revealIdNumber } from '../api/roster.js';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

/** A masked ID number with a "reveal" action: asks first, because the server records every view in the audit log. */
export function RevealId({ graduateId, masked }: { graduateId: string; masked: string }) {
  const { t, errorText } = useLang('console-roster');
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reveal = async () => {
    setBusy(true);
    try {
      setFull((await revealIdNumber(graduateId)).idNumber);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4}>
      <Typography.Text style={mono} copyable={full ? { text: full } : false} data-testid="id-number">
        {full ?? masked}
      </Typography.Text>
      {full ? (
        <Button
          type="text"
          size="small"
          icon={<EyeInvisibleOutlined />}
          onClick={() => setFull(null)}
          aria-label={t('roster.hide')}
        />
      ) : (
        <Popconfirm
          title={t('roster.revealTitle')}
          description={t('roster.revealAudit')}
          okText={t('roster.reveal')}
          onConfirm={() => void reveal()}
        >
          <Button
            type="text"
            size="small"
            icon={<EyeOutlined />}
            loading={busy}
            aria-label={t('roster.reveal')}
            data-testid="reveal-id"
          />
        </Popconfirm>
      )}
    </Space>
  );
}
