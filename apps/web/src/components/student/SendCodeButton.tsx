import { useState } from 'react';
import { Button, Dialog, Toast } from 'antd-mobile';
import type { CodeChannel, CodePurpose, SendCodeRequest } from '@gradphoto/contracts/accounts';
import { api, isApiError } from '../../lib/api-client.js';
import { useCountdown } from '../../lib/use-countdown.js';
import { useLang } from '../../lib/i18n.js';
import { CaptchaField, type CaptchaValue } from './CaptchaField.js';

interface Props {
  purpose: CodePurpose;
  /** Validates the form's target field(s); resolves to where the code goes, or null to stop. */
  getTarget: () => Promise<{ channel: CodeChannel; target: string } | null>;
}

/** "获取验证码" with the server's countdown; asks for a captcha in a dialog when the server wants one. */
export function SendCodeButton({ purpose, getTarget }: Props) {
  const { t, errorText } = useLang();
  const { left, start } = useCountdown();
  const [busy, setBusy] = useState(false);
  const [captchaOpen, setCaptchaOpen] = useState(false);
  const [captcha, setCaptcha] = useState<CaptchaValue | undefined>();
  const [nonce, setNonce] = useState(0);

  const send = async (withCaptcha?: CaptchaValue) => {
    const dest = await getTarget();
    if (!dest) return;
    setBusy(true);
    try {
      const body: SendCodeRequest = { purpose, ...dest, ...withCaptcha };
      const res = await api.post<{ sent: true; retryAfterSeconds: number }>('/api/auth/codes', body);
      start(res.retryAfterSeconds || 60);
      setCaptchaOpen(false);
      Toast.show({ icon: 'success', content: t(dest.channel === 'sms' ? 'code.sentSms' : 'code.sentEmail') });
    } catch (e) {
      if (isApiError(e) && e.captchaRequired) {
        if (captchaOpen) {
          Toast.show({ content: errorText(e) });
          setNonce((n) => n + 1);
        }
        setCaptchaOpen(true);
        return;
      }
      if (isApiError(e) && e.retryAfterSeconds) start(e.retryAfterSeconds);
      Toast.show({ content: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        color="primary"
        fill="none"
        className="send-code"
        disabled={left > 0}
        loading={busy}
        onClick={() => void send()}
        data-testid="send-code"
      >
        {left > 0 ? t('code.resendIn', { s: left }) : t('code.send')}
      </Button>
      <Dialog
        visible={captchaOpen}
        title={t('captcha.title')}
        content={
          <CaptchaField scope={`code-${purpose}`} value={captcha} onChange={setCaptcha} nonce={nonce} />
        }
        closeOnAction={false}
        onClose={() => setCaptchaOpen(false)}
        actions={[
          [
            { key: 'cancel', text: t('common.cancel'), onClick: () => setCaptchaOpen(false) },
            {
              key: 'ok',
              text: t('common.confirm'),
              bold: true,
              disabled: !captcha?.captchaAnswer,
              onClick: () => void send(captcha),
            },
          ],
        ]}
      />
    </>
  );
}
