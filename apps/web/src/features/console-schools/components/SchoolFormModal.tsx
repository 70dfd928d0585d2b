import { useState } from 'react';
import { Alert, Form, Input, Modal, type ButtonProps } from 'antd';
import type { SchoolView } from '@gradphoto/contracts/console-batches';
import { useLang } from '../../../lib/i18n.js';
import { fieldErrors } from '../../../lib/form-errors.js';
import { createSchool, updateSchool } from '../api/schools.js';

interface Values {
  name: string;
  code: string;
  region: string;
}
const FIELDS = ['name', 'code', 'region'] as const;

/** Create a school, or edit one (`school` given). Enter submits; server field errors land on their fields. */
export function SchoolFormModal({
  open,
  school,
  onClose,
  onSaved,
}: {
  open: boolean;
  school: SchoolView | null;
  onClose: () => void;
  onSaved: (s: SchoolView) => void;
}) {
  const { t, errorText, pick } = useLang('console-schools');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const saved = school ? await updateSchool(school.id, v) : await createSchool(v);
      onSaved(saved);
    } catch (e) {
      const fields = fieldErrors(e, pick, FIELDS);
      if (fields.length) form.setFields(fields.map((f) => ({ ...f, name: f.name as keyof Values })));
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={school ? t('school.editTitle') : t('school.createTitle')}
      onCancel={onClose}
      okText={t('save')}
      okButtonProps={{ htmlType: 'submit', loading: busy, 'data-testid': 'school-save' } as ButtonProps}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={school ?? { name: '', code: '', region: '' }}
          onFinish={(v) => void submit(v)}
          onValuesChange={() => setError(null)}
          clearOnDestroy
        >
          {dom}
        </Form>
      )}
    >
      <Form.Item
        name="name"
        label={t('school.name')}
        rules={[{ required: true, min: 2, message: t('school.nameRequired') }]}
      >
        <Input name="name" autoFocus maxLength={100} placeholder={t('school.namePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('school.code')}
        extra={t('school.codeHint')}
        rules={[{ required: true, pattern: /^[0-9A-Za-z-]{2,20}$/, message: t('school.codeInvalid') }]}
      >
        <Input name="code" maxLength={20} placeholder="10335" />
      </Form.Item>
      <Form.Item
        name="region"
        label={t('school.region')}
        extra={t('school.regionHint')}
        rules={[{ pattern: /^(\d{2,12})?$/, message: t('school.regionInvalid') }]}
      >
        <Input name="region" maxLength={12} placeholder="330100" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} data-testid="form-error" />}
    </Modal>
  );
}
