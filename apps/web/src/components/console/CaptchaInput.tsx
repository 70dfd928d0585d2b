import { useEffect } from 'react';
import { Input, Spin } from 'antd';
import { useCaptcha, svgDataUrl } from '../../lib/captcha.js';
import { useLang } from '../../lib/i18n.js';

export interface CaptchaValue {
  captchaId: string;
  captchaAnswer: string;
}

/** Console captcha: answer input + image (click for a new one). Bump `nonce` to force a new challenge. */
export function CaptchaInput({
  value,
  onChange,
  nonce = 0,
}: {
  value?: CaptchaValue;
  onChange?: (v: CaptchaValue) => void;
  nonce?: number;
}) {
  const { t } = useLang();
  const captcha = useCaptcha('console-login', true);
  const { refetch } = captcha;
  const id = captcha.data?.captchaId ?? '';

  useEffect(() => {
    if (nonce > 0) void refetch();
  }, [nonce, refetch]);

  // A new challenge invalidates a typed answer (nothing to clear before the first keystroke).
  useEffect(() => {
    if (id && value && value.captchaId !== id) onChange?.({ captchaId: id, captchaAnswer: '' });
  }, [id, value, onChange]);

  return (
    <div style={{ display: 'flex', gap: 8 }}>
      <Input
        size="large"
        name="captchaAnswer"
        placeholder={t('captcha.placeholder')}
        value={value?.captchaAnswer ?? ''}
        onChange={(e) => onChange?.({ captchaId: id, captchaAnswer: e.target.value })}
        autoComplete="off"
        maxLength={8}
      />
      <button
        type="button"
        onClick={() => void refetch()}
        title={t('captcha.refresh')}
        aria-label={t('captcha.refresh')}
        data-testid="captcha-image"
        data-captcha-id={captcha.isFetching ? '' : id}
        style={{
          width: 132,
          height: 40,
          flexShrink: 0,
          border: '1px solid #d9d9d9',
          borderRadius: 8,
          background: '#fff',
          padding: 0,
          cursor: 'pointer',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        {captcha.data && !captcha.isFetching ? (
          <img
            src={svgDataUrl(captcha.data.svg)}
            alt={t('captcha.alt')}
            style={{ width: '100%', height: '100%', objectFit: 'contain' }}
          />
        ) : (
          <Spin size="small" />
        )}
      </button>
    </div>
  );
}
