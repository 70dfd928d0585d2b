import { useState } from 'react';
import { Button, Form, Input } from 'antd-mobile';
import type { CodeChannel } from '@gradphoto/contracts/accounts';
import { useLang } from '../../../lib/i18n.js';
import { SubmitFooter } from '../../../components/student/SubmitFooter.js';
import { fieldErrors } from '../../../lib/form-errors.js';
import { CodeField } from './CodeField.js';
import { PasswordInput } from '../../../components/student/PasswordInput.js';
import { resetPassword } from '../api/auth.js';
import { confirmRules, passwordRules } from './password-rules.js';
import { targetRules } from './target-rules.js';

interface Values {
  target: string;
  code: string;
  newPassword: string;
  confirm: string;
}

/** Reset the password with a code sent to the phone (or email). */
export function ResetPasswordForm({ onDone }: { onDone: () => void }) {
  const { t, errorText, pick } = useLang();
  const [form] = Form.useForm<Values>();
  const [channel, setChannel] = useState<CodeChannel>('sms');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await resetPassword({ channel, target: v.target, code: v.code, newPassword: v.newPassword });
      onDone();
    } catch (e) {
      const fields = fieldErrors(e, pick, ['target', 'code', 'newPassword']);
      if (fields.length) form.setFields(fields);
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

  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      onFinish={(v) => void submit(v)}
      footer={
        <SubmitFooter error={error} busy={busy} label={t('reset.submit')}>
          <Button
            block
            fill="none"
            size="small"
            className="link-button"
            onClick={() => {
              setChannel((c) => (c === 'sms' ? 'email' : 'sms'));
              form.resetFields(['target', 'code']);
            }}
            data-testid="switch-channel"
          >
            {t(channel === 'sms' ? 'reset.useEmail' : 'reset.usePhone')}
          </Button>
        </SubmitFooter>
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
          placeholder={t(channel === 'sms' ? 'fields.phonePlaceholder' : 'fields.emailPlaceholder')}
          clearable
        />
      </Form.Item>
      <CodeField purpose="reset" getTarget={getTarget} />
      <Form.Item
        name="newPassword"
        label={t('fields.newPassword')}
        rules={passwordRules(t)}
        description={t('password.rule')}
      >
        <PasswordInput
          name="newPassword"
          placeholder={t('fields.newPasswordPlaceholder')}
          autoComplete="new-password"
        />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('fields.confirmPassword')}
        dependencies={['newPassword']}
        rules={confirmRules(t, 'newPassword')}
      >
        <PasswordInput
          name="confirm"
          placeholder={t('fields.confirmPlaceholder')}
          autoComplete="new-password"
        />
      </Form.Item>
    </Form>
  );
}
