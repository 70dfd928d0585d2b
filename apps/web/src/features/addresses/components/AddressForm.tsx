import { useState } from 'react';
import { CascadePicker, Form, Input, Switch, TextArea } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import type { AddressInput, AddressView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { fieldErrors } from '../../../lib/form-errors.js';
import { PHONE_RE } from '../../../lib/contact-rules.js';
import { SubmitFooter } from '../../../components/student/SubmitFooter.js';
import { useRegions } from './use-regions.js';

interface Values {
  recipient: string;
  phone: string;
  region: string[];
  street: string;
  isDefault: boolean;
}

const FIELDS = ['recipient', 'phone', 'street'] as const;
const REGION_FIELDS = ['provinceCode', 'cityCode', 'districtCode'];

/** Recipient, phone, province/city/district (picker), street, default. */
export function AddressForm({
  initial,
  onSave,
}: {
  initial?: AddressView;
  onSave: (body: AddressInput) => Promise<void>;
}) {
  const { t, errorText, pick } = useLang('addresses');
  const [form] = Form.useForm<Values>();
  const regions = useRegions();
  const [pickerOpen, setPickerOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const [provinceCode, cityCode, districtCode] = v.region;
      await onSave({
        recipient: v.recipient.trim(),
        phone: v.phone.trim(),
        provinceCode: provinceCode!,
        cityCode: cityCode!,
        districtCode: districtCode!,
        street: v.street.trim(),
        isDefault: v.isDefault,
      });
    } catch (e) {
      const fields = fieldErrors(e, pick, [...FIELDS, ...REGION_FIELDS]).map((f) =>
        REGION_FIELDS.includes(f.name) ? { ...f, name: 'region' } : f,
      );
      if (fields.length) form.setFields(fields);
      setError(errorText(e));
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="horizontal"
      mode="card"
      initialValues={{
        recipient: initial?.recipient ?? '',
        phone: initial?.phone ?? '',
        region: initial ? [initial.provinceCode, initial.cityCode, initial.districtCode] : [],
        street: initial?.street ?? '',
        isDefault: initial?.isDefault ?? false,
      }}
      onFinish={(v) => void submit(v)}
      footer={<SubmitFooter error={error} busy={busy} label={t('form.save')} testId="address-save" />}
    >
      <Form.Item
        name="recipient"
        label={t('form.recipient')}
        rules={[{ required: true, whitespace: true, message: t('form.recipientRequired') }]}
      >
        <Input
          name="recipient"
          placeholder={t('form.recipientPlaceholder')}
          maxLength={32}
          clearable
          autoComplete="name"
        />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('form.phone')}
        rules={[
          { required: true, message: t('form.phoneRequired') },
          { pattern: PHONE_RE, message: t('form.phoneInvalid') },
        ]}
      >
        <Input
          name="phone"
          placeholder={t('form.phonePlaceholder')}
          type="tel"
          inputMode="numeric"
          maxLength={11}
          clearable
          autoComplete="tel"
        />
      </Form.Item>
      <Form.Item
        name="region"
        label={t('form.region')}
        required
        trigger="onConfirm"
        onClick={() => setPickerOpen(true)}
        arrowIcon={<RightOutline />}
        rules={[
          {
            validator: (_, v: string[] | undefined) =>
              v?.length === 3 && (!regions || regions.regionLabel(v))
                ? Promise.resolve()
                : Promise.reject(new Error(t('form.regionRequired'))),
          },
        ]}
      >
        <CascadePicker
          options={regions?.regionOptions() ?? []}
          visible={pickerOpen}
          onClose={() => setPickerOpen(false)}
          title={t('form.regionPicker')}
        >
          {(items) => {
            const labels = items.filter(Boolean).map((i) => i!.label);
            return labels.length ? (
              <span data-testid="region-value">{labels.join(' ')}</span>
            ) : (
              <span className="placeholder" data-testid="region-value">
                {t('form.regionPlaceholder')}
              </span>
            );
          }}
        </CascadePicker>
      </Form.Item>
      <Form.Item
        name="street"
        label={t('form.street')}
        rules={[{ required: true, whitespace: true, min: 4, message: t('form.streetRequired') }]}
      >
        <TextArea
          name="street"
          placeholder={t('form.streetPlaceholder')}
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={200}
        />
      </Form.Item>
      <Form.Item
        name="isDefault"
        label={t('form.isDefault')}
        valuePropName="checked"
        childElementPosition="right"
      >
        <Switch data-testid="address-default" />
      </Form.Item>
    </Form>
  );
}
