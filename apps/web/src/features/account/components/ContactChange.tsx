import { useState } from 'react';
import { Form, Input, Toast } from 'antd-mobile';
import { SheetPopup } from '../../../components/student/SheetPopup.js';
import { useQueryClient } from '@tanstack/react-query';
import type { CodeChannel, SessionResponse } from '@gradphoto/contracts/accounts';
import { useLang } from '../../../lib/i18n.js';
import { EMAIL_RE, PHONE_RE } from '../../../lib/contact-rules.js';
import { fieldErrors } from '../../../lib/form-errors.js';
import { sessionKey } from '../../../lib/session.js';
import { SubmitFooter } from '../../../components/student/SubmitFooter.js';
import { SendCodeButton } from '../../../components/student/SendCodeButton.js';
import { changeContact } from '../api/account.js';

interface Values {
  target: string;
  code: string;
}

/** A sheet to change the phone (sms) or email: the new one, a code sent to it, confirm. */
export function ContactChange({
  channel,
  open,
  onClose,
}: {
  channel: CodeChannel;
  open: boolean;
  onClose: () => void;
}) {
  const { t, errorText, pick } = useLang('account');
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sms = channel === 'sms';

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { student } = await changeContact({ channel, target: v.target.trim(), code: v.code.trim() });
      qc.setQueryData<SessionResponse>(sessionKey, (old) => ({ staff: old?.staff ?? null, student }));
      Toast.show({ icon: 'success', content: t(sms ? 'contact.phoneChanged' : 'contact.emailChanged') });
      form.resetFields();
      onClose();
    } catch (e) {
      const fields = fieldErrors(e, pick, ['target', 'code']);
      if (fields.length) form.setFields(fields);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const getTarget = async () => {
    try {
      const v = await form.validateFields(['target']);
      return { channel, target: String(v.target).trim() };
    } catch {
      return null;
    }
  };

  return (
    <SheetPopup
      open={open}
      onClose={onClose}
      title={t(sms ? 'contact.phoneTitle' : 'contact.emailTitle')}
      destroyOnClose
    >
      <p className="sheet-popup__hint">{t(sms ? 'contact.phoneHint' : 'contact.emailHint')}</p>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        footer={
          <SubmitFooter error={error} busy={busy} label={t('contact.submit')} testId="contact-submit" />
        }
      >
        <Form.Item
          name="target"
          label={t(sms ? 'contact.newPhone' : 'contact.newEmail')}
          rules={[
            { required: true, message: t(sms ? 'contact.phoneRequired' : 'contact.emailRequired') },
            {
              pattern: sms ? PHONE_RE : EMAIL_RE,
              message: t(sms ? 'contact.phoneInvalid' : 'contact.emailInvalid'),
            },
          ]}
        >
          <Input
            type={sms ? 'tel' : 'email'}
            inputMode={sms ? 'numeric' : 'email'}
            maxLength={sms ? 11 : 254}
            placeholder={t(sms ? 'contact.phonePlaceholder' : 'contact.emailPlaceholder')}
            clearable
            name="target"
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('contact.code')}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('contact.codeInvalid') }]}
          extra={<SendCodeButton purpose="change_contact" getTarget={getTarget} />}
        >
          <Input inputMode="numeric" maxLength={6} placeholder={t('contact.codePlaceholder')} name="code" />
        </Form.Item>
      </Form>
    </SheetPopup>
  );
}
