import { useState } from 'react';
import { Button, Form, Input } from 'antd-mobile';
import type { CodeChannel } from '@gradphoto/contracts/accounts';
import { useLang } from '../../../lib/i18n.js';
import { FormError } from '../../../components/student/FormError.js';
import { CodeField } from './CodeField.js';
import { login } from '../api/auth.js';
import { targetRules } from './target-rules.js';

interface Values {
  target: string;
  code: string;
}

/** Phone + SMS code, or email + code for students without a mainland mobile. */
export function CodeLoginForm({ onDone }: { onDone: () => Promise<void> }) {
  const { t, errorText } = useLang();
  const [form] = Form.useForm<Values>();
  const [channel, setChannel] = useState<CodeChannel>('sms');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await login({ method: 'code', channel, target: v.target, code: v.code });
      await onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const getTarget = async () => {
    try {
      const { target } = await form.validateFields(['target']);
      return { channel, target: String(target).trim() };
    } catch {
      return null;
    }
  };

  const switchChannel = () => {
    setChannel((c) => (c === 'sms' ? 'email' : 'sms'));
    form.resetFields(['target', 'code']);
    setError(null);
  };

  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      onFinish={(v) => void submit(v)}
      footer={
        <>
          {error && <FormError message={error} />}
          <Button block type="submit" color="primary" size="large" loading={busy} shape="rounded">
            {t('login.submit')}
          </Button>
          <Button
            block
            fill="none"
            size="small"
            className="link-button"
            onClick={switchChannel}
            data-testid="switch-channel"
          >
            {t(channel === 'sms' ? 'login.useEmail' : 'login.usePhone')}
          </Button>
        </>
      }
    >
      <Form.Item
        name="target"
        label={t(channel === 'sms' ? 'fields.phone' : 'fields.email')}
        rules={targetRules(channel, t)}
      >
        <Input
          name="target"
          type={channel === 'sms' ? 'tel' : 'email'}
          inputMode={channel === 'sms' ? 'numeric' : 'email'}
          placeholder={t(channel === 'sms' ? 'fields.phonePlaceholder' : 'fields.emailPlaceholder')}
          autoComplete={channel === 'sms' ? 'tel' : 'email'}
          clearable
        />
      </Form.Item>
      <CodeField purpose="login" getTarget={getTarget} />
    </Form>
  );
}
