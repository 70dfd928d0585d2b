import { useState } from 'react';
import { Form, Input, Selector } from 'antd-mobile';
import type { StudentProfile } from '@gradphoto/contracts/accounts';
import type {
  BatchSummary,
  GraduateForm,
  GraduatePreview,
  IdentifyRequest,
} from '@gradphoto/contracts/journey';
// the choices without the schemas: journey.ts would bring zod into the page
import { EducationCategories, EducationLevels } from '@gradphoto/contracts/education';
import { normalizeIdNumber } from '@gradphoto/contracts/id-number';
import { isApiError } from '../../../lib/api-client.js';
import { useLang } from '../../../lib/i18n.js';
import { idNumberProblemKey } from '../../../lib/id-number.js';
import { SubmitFooter } from '../../../components/student/SubmitFooter.js';
import { identify } from '../api/collections.js';

type Values = Omit<GraduateForm, 'schoolName'>;
const FIELDS = [
  'name',
  'studentNumber',
  'idNumber',
  'department',
  'major',
  'educationLevel',
  'educationCategory',
  'email',
  'phone',
] as const;
const PHONE_RE = /^1[3-9]\d{9}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const one = <T,>(v: T | undefined) => ({ value: v ? [v] : [] });
const first = (arr: unknown[]) => arr[0];

/** Server field errors (`form.idNumber`, `idLast4` …) mapped onto this form's fields. */
function serverFieldErrors(e: unknown, pick: (m: { zh: string; en: string }) => string) {
  if (!isApiError(e)) return [];
  return e.fields
    .map((f) => ({
      name: f.path.replace(/^(body[./])?(form[./])?/, '').split(/[./]/)[0] ?? '',
      errors: [pick(f.message)],
    }))
    .map((f) => (f.name === 'idLast4' ? { ...f, name: 'idNumber' } : f))
    .filter((f) => (FIELDS as readonly string[]).includes(f.name));
}

/**
 * Step 3 (no code, or a blank invitation): the graduate's details. The ID number's last 4 must match
 * what was typed in step 1; name, email and phone start from the account.
 */
export function GraduateFormStep({
  batch,
  idLast4,
  student,
  code,
  initial,
  onIdentified,
}: {
  batch: BatchSummary;
  idLast4: string;
  student: StudentProfile;
  /** The blank invitation this form completes. */
  code?: string;
  initial?: Partial<Values>;
  onIdentified: (request: IdentifyRequest, graduate: GraduatePreview) => void;
}) {
  const { t, errorText, pick } = useLang('collections');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const graduate: GraduateForm = { ...v, schoolName: batch.schoolName, phone: v.phone?.trim() ?? '' };
    const request: IdentifyRequest = code
      ? { method: 'code', code, form: graduate, batchId: batch.id, idLast4 }
      : { method: 'form', form: graduate, batchId: batch.id, idLast4 };
    try {
      const r = await identify(request);
      onIdentified(request, r.graduate);
    } catch (e) {
      const fields = serverFieldErrors(e, pick);
      if (fields.length) form.setFields(fields);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      className="journey-form"
      initialValues={{ name: student.name, email: student.email, phone: student.phone ?? '', ...initial }}
      onFinish={(v) => void submit(v)}
      onFinishFailed={() => setError(t('form.fixFields'))}
      footer={<SubmitFooter error={error} busy={busy} label={t('form.submit')} testId="form-next" />}
    >
      <Form.Header>{t('form.sectionPerson')}</Form.Header>
      <Form.Item
        name="name"
        label={t('fields.name')}
        rules={[{ required: true, whitespace: true, message: t('form.required.name') }]}
      >
        <Input name="name" autoComplete="name" clearable maxLength={64} />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('fields.idNumber')}
        description={t('form.idHint', { last4: idLast4 })}
        normalize={(v: string) => normalizeIdNumber(v ?? '')}
        validateFirst
        rules={[
          { required: true, message: t('form.required.idNumber') },
          {
            validator: (_, v: string) => {
              const id = normalizeIdNumber(v ?? '');
              const key = /^\d/.test(id)
                ? idNumberProblemKey('id_card', id)
                : idNumberProblemKey('passport', id);
              if (key) return Promise.reject(new Error(t(key, { n: id.length })));
              if (id.slice(-4) !== idLast4)
                return Promise.reject(new Error(t('form.last4Mismatch', { last4: idLast4 })));
              return Promise.resolve();
            },
          },
        ]}
      >
        <Input
          name="idNumber"
          maxLength={20}
          autoComplete="off"
          clearable
          placeholder={t('form.idPlaceholder')}
        />
      </Form.Item>
      <Form.Item
        name="studentNumber"
        label={t('fields.studentNumber')}
        rules={[{ required: true, whitespace: true, message: t('form.required.studentNumber') }]}
      >
        <Input name="studentNumber" autoComplete="off" clearable maxLength={32} />
      </Form.Item>

      <Form.Header>{t('form.sectionStudy', { school: batch.schoolName })}</Form.Header>
      <Form.Item
        name="department"
        label={t('fields.department')}
        rules={[{ required: true, whitespace: true, message: t('form.required.department') }]}
      >
        <Input name="department" clearable maxLength={100} placeholder={t('form.departmentPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="major"
        label={t('fields.major')}
        rules={[{ required: true, whitespace: true, message: t('form.required.major') }]}
      >
        <Input name="major" clearable maxLength={100} placeholder={t('form.majorPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="educationLevel"
        label={t('fields.educationLevel')}
        getValueProps={one}
        getValueFromEvent={first}
        rules={[{ required: true, message: t('form.required.educationLevel') }]}
      >
        <Selector
          columns={2}
          options={EducationLevels.map((l) => ({ label: t(`level.${l}`), value: l }))}
          data-testid="education-level"
        />
      </Form.Item>
      <Form.Item
        name="educationCategory"
        label={t('fields.educationCategory')}
        getValueProps={one}
        getValueFromEvent={first}
        rules={[{ required: true, message: t('form.required.educationCategory') }]}
      >
        <Selector
          columns={2}
          options={EducationCategories.map((c) => ({ label: t(`category.${c}`), value: c }))}
          data-testid="education-category"
        />
      </Form.Item>

      <Form.Header>{t('form.sectionContact')}</Form.Header>
      <Form.Item
        name="email"
        label={t('fields.email')}
        rules={[
          { required: true, message: t('form.required.email') },
          { pattern: EMAIL_RE, message: t('form.emailInvalid') },
        ]}
      >
        <Input name="email" type="email" autoComplete="email" clearable />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('fields.phoneOptional')}
        rules={[{ pattern: PHONE_RE, message: t('form.phoneInvalid') }]}
      >
        <Input name="phone" type="tel" inputMode="numeric" maxLength={11} autoComplete="tel" clearable />
      </Form.Item>
    </Form>
  );
}
