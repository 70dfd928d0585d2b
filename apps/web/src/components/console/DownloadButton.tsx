import { useState, type ReactNode } from 'react';
import { App, Button, Space, Typography, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useLang } from '../../lib/i18n.js';
import { downloadFile } from './download.js';

/**
 * A button that downloads a console file; errors show the server's message. With `parts` (QR sheets:
 * the server answers `x-sheet-parts`), the other parts are offered once the first is downloaded.
 */
export function DownloadButton({
  url,
  children,
  parts: multipart = false,
  fallbackName,
  ...button
}: {
  url: string;
  children: ReactNode;
  parts?: boolean;
  fallbackName?: string;
} & Omit<ButtonProps, 'onClick' | 'loading' | 'children'>) {
  const { t, errorText } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<number | null>(null);
  const [parts, setParts] = useState(0);

  const get = async (part: number) => {
    setBusy(part);
    try {
      const u = new URL(url, location.origin);
      if (multipart && part > 1) u.searchParams.set('part', String(part));
      const { filename, headers } = await downloadFile(u.pathname + u.search, fallbackName);
      if (multipart) setParts(Number(headers.get('x-sheet-parts') ?? '1') || 1);
      void message.success(t('console.sheet.downloaded', { name: filename }));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} {...button} loading={busy === 1} onClick={() => void get(1)}>
        {children}
      </Button>
      {parts > 1 && (
        <>
          <Typography.Text type="secondary">{t('console.sheet.moreParts', { n: parts })}</Typography.Text>
          {Array.from({ length: parts - 1 }, (_, i) => i + 2).map((p) => (
            <Button key={p} size="small" loading={busy === p} onClick={() => void get(p)}>
              {t('console.sheet.part', { n: p })}
            </Button>
          ))}
        </>
      )}
    </Space>
  );
}
