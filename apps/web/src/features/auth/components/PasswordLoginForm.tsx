import { useState } from 'react';
import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { isApiError } from '../../../lib/api-client.js';
import { useLang } from '../../../lib/i18n.js';
import { FormError } from '../../../components/student/FormError.js';
import { useCountdown } from '../../../lib/use-countdown.js';
import { CaptchaField, type CaptchaValue } from '../../../components/student/CaptchaField.js';
import { PasswordInput } from '../../../components/student/PasswordInput.js';
import { login } from '../api/auth.js';

interface Values {
  idNumber: string;
  password: string;
  captcha?: CaptchaValue;
}

/** ID/passport number + password; shows a captcha when the server asks, and the throttle countdown. */
export function PasswordLoginForm({ onDone }: { onDone: () => Promise<void> }) {
  const { t, errorText } = useLang();
  const [form] = Form.useForm<Values>();
  const [needCaptcha, setNeedCaptcha] = useState(false);
  const [nonce, setNonce] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const throttle = useCountdown();

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await login({
        method: 'password',
        idNumber: v.idNumber,
        password: v.password,
        ...(needCaptcha ? v.captcha : {}),
      });
      await onDone();
    } catch (e) {
      if (isApiError(e)) {
        if (e.captchaRequired) setNeedCaptcha(true);
        if (needCaptcha || e.captchaRequired) setNonce((n) => n + 1);
        if (e.retryAfterSeconds && e.code === 'LOGIN_THROTTLED') throttle.start(e.retryAfterSeconds);
      }
      if (!(isApiError(e) && e.code === 'LOGIN_THROTTLED')) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      onFinish={(v) => void submit(v)}
      footer={
        <>
          {throttle.left > 0 && (
            <NoticeBar
              color="alert"
              wrap
              content={t('login.throttled', { s: throttle.left })}
              data-testid="login-throttled"
            />
          )}
          {error && throttle.left === 0 && <FormError message={error} />}
          <Button
            block
            type="submit"
            color="primary"
            size="large"
            loading={busy}
            disabled={throttle.left > 0}
            shape="rounded"
          >
            {t('login.submit')}
          </Button>
        </>
      }
    >
      <Form.Item
        name="idNumber"
        label={t('login.idNumber')}
        rules={[{ required: true, message: t('validation.idNumberRequired') }]}
      >
        <Input
          name="idNumber"
          placeholder={t('login.idNumberPlaceholder')}
          autoComplete="username"
          clearable
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('fields.password')}
        rules={[{ required: true, message: t('validation.passwordRequired') }]}
      >
        <PasswordInput
          name="password"
          placeholder={t('fields.passwordPlaceholder')}
          autoComplete="current-password"
        />
      </Form.Item>
      {needCaptcha && (
        <Form.Item
          name="captcha"
          label={t('captcha.label')}
          rules={[
            {
              validator: (_, v: CaptchaValue | undefined) =>
                v?.captchaAnswer ? Promise.resolve() : Promise.reject(new Error(t('captcha.required'))),
            },
          ]}
        >
          <CaptchaField scope="login" nonce={nonce} />
        </Form.Item>
      )}
    </Form>
  );
}
