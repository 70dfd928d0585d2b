import { useState } from 'react';
import { Form, Input, Selector } from 'antd-mobile';
import type { CodeChannel, IdType, OcrIdCardResponse, RegisterRequest } from '@gradphoto/contracts/accounts';
import { normalizeIdNumber } from '@gradphoto/contracts/id-number';
import { useLang } from '../../../lib/i18n.js';
import { SubmitFooter } from '../../../components/student/SubmitFooter.js';
import { fieldErrors } from '../../../lib/form-errors.js';
import { idNumberProblemKey } from '../../../lib/id-number.js';
import { CodeField } from './CodeField.js';
import { PasswordInput } from '../../../components/student/PasswordInput.js';
import { register } from '../api/auth.js';
import { AgreementField } from './AgreementField.js';
import { IdCardOcr } from './IdCardOcr.js';
import { passwordRules, confirmRules } from './password-rules.js';
import { EMAIL_RE, PHONE_RE } from './target-rules.js';

interface Values {
  idNumber: string;
  name: string;
  gender: 'male' | 'female';
  phone?: string;
  email: string;
  password: string;
  confirm: string;
  code: string;
  agreed?: boolean;
}

const FIELDS = ['idNumber', 'name', 'gender', 'phone', 'email', 'password', 'code', 'agreed'] as const;
const one = <T,>(v: T | undefined) => ({ value: v ? [v] : [] });
const first = (arr: unknown[]) => arr[0];

/** The registration form: ID card (typed or read by OCR) or passport, contact, password, code, consent. */
export function RegisterForm({ onDone }: { onDone: () => Promise<void> }) {
  const { t, errorText, pick } = useLang();
  const [form] = Form.useForm<Values>();
  const [idType, setIdType] = useState<IdType>('id_card');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const phone = Form.useWatch('phone', form);
  const channel: CodeChannel = idType === 'passport' && !phone ? 'email' : 'sms';

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body: RegisterRequest = {
        idType,
        idNumber: v.idNumber,
        name: v.name,
        gender: v.gender,
        phone: v.phone?.trim() ? v.phone.trim() : undefined,
        email: v.email,
        password: v.password,
        code: v.code,
        agreed: true,
      };
      await register(body);
      await onDone();
    } catch (e) {
      const fields = fieldErrors(e, pick, FIELDS);
      if (fields.length) form.setFields(fields);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const getTarget = async () => {
    try {
      const v = await form.validateFields(channel === 'sms' ? ['phone'] : ['email']);
      return channel === 'sms'
        ? { channel, target: String(v.phone).trim() }
        : { channel, target: String(v.email).trim() };
    } catch {
      return null;
    }
  };

  const onOcr = (r: OcrIdCardResponse) => {
    const patch: Partial<Values> = {};
    if (r.idNumber) patch.idNumber = r.idNumber;
    if (r.name) patch.name = r.name;
    form.setFieldsValue(patch);
    void form.validateFields(Object.keys(patch)).catch(() => undefined);
  };

  const idTypeOptions = [
    { label: t('idType.id_card'), value: 'id_card' as const },
    { label: t('idType.passport'), value: 'passport' as const },
  ];
  const genderOptions = [
    { label: t('gender.male'), value: 'male' },
    { label: t('gender.female'), value: 'female' },
  ];

  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      onFinish={(v) => void submit(v)}
      footer={<SubmitFooter error={error} busy={busy} label={t('register.submit')} />}
    >
      <Form.Header>{t('register.sectionId')}</Form.Header>
      <Form.Item label={t('fields.idType')}>
        <Selector
          columns={2}
          options={idTypeOptions}
          value={[idType]}
          onChange={(arr) => {
            if (!arr[0]) return;
            setIdType(arr[0]);
            form.setFields([{ name: 'idNumber', errors: [] }]);
          }}
          data-testid="id-type"
        />
      </Form.Item>
      {idType === 'id_card' && (
        <Form.Item>
          <IdCardOcr onRead={onOcr} />
        </Form.Item>
      )}
      <Form.Item
        name="idNumber"
        label={t(idType === 'id_card' ? 'fields.idNumber' : 'fields.passportNumber')}
        normalize={(v: string) => normalizeIdNumber(v ?? '')}
        validateFirst
        rules={[
          {
            required: true,
            message: t(idType === 'id_card' ? 'validation.idNumberRequired' : 'validation.passportRequired'),
          },
          {
            validator: (_, v: string) => {
              const key = idNumberProblemKey(idType, v);
              return key
                ? Promise.reject(new Error(t(key, { n: normalizeIdNumber(v ?? '').length })))
                : Promise.resolve();
            },
          },
        ]}
        description={idType === 'id_card' ? t('register.idHint') : t('register.passportHint')}
      >
        <Input
          name="idNumber"
          maxLength={idType === 'id_card' ? 18 : 20}
          placeholder={t(idType === 'id_card' ? 'fields.idNumberPlaceholder' : 'fields.passportPlaceholder')}
          clearable
          autoComplete="off"
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('fields.name')}
        rules={[{ required: true, message: t('validation.nameRequired') }]}
      >
        <Input name="name" placeholder={t('fields.namePlaceholder')} autoComplete="name" clearable />
      </Form.Item>
      <Form.Item
        name="gender"
        label={t('fields.gender')}
        getValueProps={one}
        getValueFromEvent={first}
        rules={[{ required: true, message: t('validation.genderRequired') }]}
      >
        <Selector columns={2} options={genderOptions} data-testid="gender" />
      </Form.Item>

      <Form.Header>{t('register.sectionContact')}</Form.Header>
      <Form.Item
        name="phone"
        label={t(idType === 'passport' ? 'fields.phoneOptional' : 'fields.phone')}
        description={idType === 'passport' ? t('register.phoneOptionalHint') : undefined}
        rules={[
          { required: idType === 'id_card', message: t('validation.phoneRequired') },
          { pattern: PHONE_RE, message: t('validation.phone') },
        ]}
      >
        <Input
          name="phone"
          type="tel"
          inputMode="numeric"
          maxLength={11}
          placeholder={t('fields.phonePlaceholder')}
          autoComplete="tel"
          clearable
        />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('fields.email')}
        rules={[
          { required: true, message: t('validation.emailRequired') },
          { pattern: EMAIL_RE, message: t('validation.email') },
        ]}
      >
        <Input
          name="email"
          type="email"
          inputMode="email"
          placeholder={t('fields.emailPlaceholder')}
          autoComplete="email"
          clearable
        />
      </Form.Item>
      <CodeField
        purpose="register"
        getTarget={getTarget}
        description={t(channel === 'sms' ? 'register.codeToPhone' : 'register.codeToEmail')}
      />

      <Form.Header>{t('register.sectionPassword')}</Form.Header>
      <Form.Item
        name="password"
        label={t('fields.password')}
        rules={passwordRules(t)}
        description={t('password.rule')}
      >
        <PasswordInput
          name="password"
          placeholder={t('fields.newPasswordPlaceholder')}
          autoComplete="new-password"
        />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('fields.confirmPassword')}
        dependencies={['password']}
        rules={confirmRules(t)}
      >
        <PasswordInput
          name="confirm"
          placeholder={t('fields.confirmPlaceholder')}
          autoComplete="new-password"
        />
      </Form.Item>
      <Form.Item
        name="agreed"
        rules={[
          {
            validator: (_, v) =>
              v === true ? Promise.resolve() : Promise.reject(new Error(t('validation.agree'))),
          },
        ]}
      >
        <AgreementField />
      </Form.Item>
    </Form>
  );
}
