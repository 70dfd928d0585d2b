import { useEffect } from 'react';
import { Input, SpinLoading } from 'antd-mobile';
import { useCaptcha, svgDataUrl } from '../../lib/captcha.js';
import { useLang } from '../../lib/i18n.js';

export interface CaptchaValue {
  captchaId: string;
  captchaAnswer: string;
}

/**
 * Image captcha + answer input. Reports `{captchaId, captchaAnswer}` through onChange; tap the image for a
 * new one. Bump `nonce` to force a new challenge (e.g. after a wrong answer).
 */
export function CaptchaField({
  scope,
  value,
  onChange,
  nonce = 0,
}: {
  scope: string;
  value?: CaptchaValue;
  onChange?: (v: CaptchaValue) => void;
  nonce?: number;
}) {
  const { t } = useLang();
  const captcha = useCaptcha(scope, true);
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
    <div className="captcha-field">
      <Input
        placeholder={t('captcha.placeholder')}
        value={value?.captchaAnswer ?? ''}
        onChange={(v) => onChange?.({ captchaId: id, captchaAnswer: v })}
        maxLength={8}
        autoComplete="off"
        name="captchaAnswer"
      />
      <button
        type="button"
        className="captcha-image"
        onClick={() => void refetch()}
        aria-label={t('captcha.refresh')}
        title={t('captcha.refresh')}
        data-testid="captcha-image"
        data-captcha-id={captcha.isFetching ? '' : id}
      >
        {captcha.data && !captcha.isFetching ? (
          <img src={svgDataUrl(captcha.data.svg)} alt={t('captcha.alt')} />
        ) : (
          <SpinLoading style={{ '--size': '20px' }} />
        )}
      </button>
    </div>
  );
}
