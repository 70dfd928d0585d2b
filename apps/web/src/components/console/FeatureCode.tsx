import { Typography } from 'antd';
import { useLang } from '../../lib/i18n.js';

/** The batch's 特征码, big and monospaced, with a copy button (students type it to find the batch). */
export function FeatureCode({ code, size = 'large' }: { code: string; size?: 'large' | 'small' }) {
  const { t } = useLang();
  return (
    <Typography.Text
      copyable={{ text: code }}
      data-testid="feature-code"
      aria-label={`${t('console.featureCode')} ${code}`}
      style={{
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        fontSize: size === 'large' ? 28 : 15,
        fontWeight: 600,
        letterSpacing: size === 'large' ? 6 : 2,
      }}
    >
      {code}
    </Typography.Text>
  );
}
