import type { ReactNode } from 'react';
import { Form, Input } from 'antd-mobile';
import type { CodeChannel, CodePurpose } from '@gradphoto/contracts/accounts';
import { SendCodeButton } from '../../../components/student/SendCodeButton.js';
import { useLang } from '../../../lib/i18n.js';

/** The 6-digit verification-code field with its send button (register, code login, password reset). */
export function CodeField(props: {
  purpose: CodePurpose;
  getTarget: () => Promise<{ channel: CodeChannel; target: string } | null>;
  description?: ReactNode;
}) {
  const { t } = useLang();
  return (
    <Form.Item
      name="code"
      label={t('fields.code')}
      description={props.description}
      extra={<SendCodeButton purpose={props.purpose} getTarget={props.getTarget} />}
      rules={[{ required: true, pattern: /^\d{6}$/, message: t('validation.code') }]}
    >
      <Input
        name="code"
        inputMode="numeric"
        maxLength={6}
        placeholder={t('fields.codePlaceholder')}
        autoComplete="one-time-code"
      />
    </Form.Item>
  );
}
