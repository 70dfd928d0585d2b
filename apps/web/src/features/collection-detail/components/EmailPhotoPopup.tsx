import { useState } from 'react';
import { Form, Input, Popup, Toast } from 'antd-mobile';
import { useLang } from '../../../lib/i18n.js';
import { SubmitFooter } from '../../../components/student/SubmitFooter.js';
import { emailPhoto } from '../api/collection.js';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Sends the approved photo to an address (the graduate's own by default, or e.g. a school office). */
export function EmailPhotoPopup({
  submissionId,
  defaultTo,
  open,
  onClose,
}: {
  submissionId: string;
  defaultTo: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t, errorText } = useLang('collection-detail');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async ({ to }: { to: string }) => {
    setBusy(true);
    setError(null);
    try {
      await emailPhoto(submissionId, to.trim());
      Toast.show({ icon: 'success', content: t('email.sent', { to: to.trim() }) });
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popup visible={open} onMaskClick={onClose} bodyClassName="sheet" destroyOnClose>
      <div className="sheet__title">{t('email.title')}</div>
      <p className="sheet__hint">{t('email.hint')}</p>
      <Form
        layout="vertical"
        initialValues={{ to: defaultTo }}
        onFinish={(v: { to: string }) => void send(v)}
        footer={<SubmitFooter error={error} busy={busy} label={t('email.send')} testId="email-send" />}
      >
        <Form.Item
          name="to"
          label={t('email.to')}
          rules={[
            { required: true, message: t('email.required') },
            { pattern: EMAIL_RE, message: t('email.invalid') },
          ]}
        >
          <Input name="to" type="email" autoComplete="email" clearable />
        </Form.Item>
      </Form>
    </Popup>
  );
}
