import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { isApiError } from '../../../lib/api-client.js';
import { useLang } from '../../../lib/i18n.js';
import { useCountdown } from '../../../lib/use-countdown.js';
import { CaptchaInput, type CaptchaValue } from '../../../components/console/CaptchaInput.js';
import { staffLogin } from '../api/staff-auth.js';

interface Values {
  username: string;
  password: string;
  captcha?: CaptchaValue;
}

/** Username + password; a captcha appears when the server asks; throttling shows a countdown. */
export function StaffLoginForm({ onDone }: { onDone: () => Promise<void> }) {
  const { t, errorText } = useLang();
  const [needCaptcha, setNeedCaptcha] = useState(false);
  const [nonce, setNonce] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const throttle = useCountdown();

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await staffLogin({ username: v.username, password: v.password, ...(needCaptcha ? v.captcha : {}) });
      await onDone();
    } catch (e) {
      if (isApiError(e)) {
        if (e.captchaRequired) setNeedCaptcha(true);
        if (needCaptcha || e.captchaRequired) setNonce((n) => n + 1);
        if (e.code === 'LOGIN_THROTTLED' && e.retryAfterSeconds) throttle.start(e.retryAfterSeconds);
      }
      if (!(isApiError(e) && e.code === 'LOGIN_THROTTLED')) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> layout="vertical" size="large" onFinish={(v) => void submit(v)} requiredMark={false}>
      <Form.Item
        name="username"
        label={t('console.login.username')}
        rules={[{ required: true, message: t('console.login.usernameRequired') }]}
      >
        <Input
          name="username"
          prefix={<UserOutlined />}
          placeholder={t('console.login.usernamePlaceholder')}
          autoComplete="username"
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('console.login.password')}
        rules={[{ required: true, message: t('console.login.passwordRequired') }]}
      >
        <Input.Password
          name="password"
          prefix={<LockOutlined />}
          placeholder={t('console.login.passwordPlaceholder')}
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
          <CaptchaInput nonce={nonce} />
        </Form.Item>
      )}
      {throttle.left > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('console.login.throttled', { s: throttle.left })}
          style={{ marginBottom: 16 }}
          data-testid="login-throttled"
        />
      )}
      {error && throttle.left === 0 && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      )}
      <Button type="primary" htmlType="submit" block loading={busy} disabled={throttle.left > 0}>
        {t('console.login.submit')}
      </Button>
    </Form>
  );
}
