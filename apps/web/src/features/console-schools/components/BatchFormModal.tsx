import { useState } from 'react';
import {
  Alert,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  type ButtonProps,
} from 'antd';
import type { BatchView } from '@gradphoto/contracts/console-batches';
import { isApiError } from '../../../lib/api-client.js';
import { useLang } from '../../../lib/i18n.js';
import { ColorSwatch } from '../../../components/console/ColorSwatch.js';
import { createBatch, updateBatch, useBatchOptions } from '../api/schools.js';
import {
  backgroundChoices,
  formFieldOf,
  formValues,
  requestBody,
  type BatchFormValues,
} from './batch-form.js';

/** Create a batch for a school, or edit one (`batch` given): mode, prices in ¥, payer, spec and colour, policy, window. */
export function BatchFormModal({
  open,
  schoolId,
  batch,
  onClose,
  onSaved,
}: {
  open: boolean;
  schoolId: string;
  batch: BatchView | null;
  onClose: () => void;
  onSaved: (b: BatchView) => void;
}) {
  const { t, errorText, pick } = useLang('console-schools');
  const [form] = Form.useForm<BatchFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = useBatchOptions(open);
  const mode = Form.useWatch('mode', form);
  const specId = Form.useWatch('specId', form) ?? batch?.specId ?? 'xuexin';
  const colours = backgroundChoices(options.data, specId);

  const submit = async (v: BatchFormValues) => {
    setBusy(true);
    setError(null);
    try {
      const body = requestBody(v);
      onSaved(batch ? await updateBatch(batch.id, body) : await createBatch({ schoolId, ...body }));
    } catch (e) {
      if (isApiError(e)) {
        const byField = new Map<string, string[]>();
        for (const f of e.fields) {
          const name = formFieldOf(f.path);
          if (name) byField.set(name, [...(byField.get(name) ?? []), pick(f.message)]);
        }
        form.setFields(
          [...byField].map(([name, errors]) => ({ name: name as keyof BatchFormValues, errors })),
        );
      }
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const yuan = (name: 'priceNoPrints' | 'priceWithPrints') => (
    <Form.Item
      name={name}
      label={t(`batch.${name}`)}
      rules={[{ required: true, message: t('batch.priceRequired') }]}
    >
      <InputNumber<number>
        prefix="¥"
        min={0}
        max={10000}
        precision={2}
        step={1}
        style={{ width: '100%' }}
        id={`batch-${name}`}
        data-testid={`batch-${name}`}
      />
    </Form.Item>
  );

  return (
    <Modal
      open={open}
      width={760}
      title={batch ? t('batch.editTitle') : t('batch.createTitle')}
      onCancel={onClose}
      okText={t('save')}
      okButtonProps={{ htmlType: 'submit', loading: busy, 'data-testid': 'batch-save' } as ButtonProps}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<BatchFormValues>
          form={form}
          layout="vertical"
          initialValues={formValues(batch)}
          onFinish={(v) => void submit(v)}
          onValuesChange={() => setError(null)}
          clearOnDestroy
        >
          {dom}
        </Form>
      )}
    >
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item
            name="name"
            label={t('batch.name')}
            rules={[{ required: true, min: 2, message: t('batch.nameRequired') }]}
          >
            <Input name="name" autoFocus maxLength={100} placeholder={t('batch.namePlaceholder')} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="mode" label={t('batch.mode')} extra={t(`batch.modeHint.${mode ?? 'centralized'}`)}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={(['centralized', 'scattered'] as const).map((m) => ({
                value: m,
                label: t(`mode.${m}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="regionCode"
            label={t('batch.regionCode')}
            extra={t('batch.regionCodeHint')}
            rules={[
              { pattern: /^([0-9A-Za-z]{2,12})?$/, message: t('batch.regionCodeInvalid') },
              { required: mode === 'scattered', message: t('batch.regionCodeRequired') },
            ]}
          >
            <Input name="regionCode" maxLength={12} placeholder="330100" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="payer" label={t('batch.payer')}>
            <Radio.Group
              options={(['student', 'school'] as const).map((p) => ({ value: p, label: t(`payer.${p}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>{yuan('priceNoPrints')}</Col>
        <Col span={12}>{yuan('priceWithPrints')}</Col>
        <Col span={12}>
          <Form.Item name="specId" label={t('batch.spec')}>
            <Select
              loading={options.isPending}
              options={(options.data?.specs ?? []).map((s) => ({
                value: s.id,
                label: `${pick(s.name)} · ${s.width}×${s.height}`,
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="capturePolicy" label={t('batch.capturePolicy')}>
            <Radio.Group
              options={(['album_allowed', 'live_only'] as const).map((p) => ({
                value: p,
                label: t(`policy.${p}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="background" label={t('batch.background')}>
            <Radio.Group data-testid="batch-background">
              <Space wrap size={[8, 8]}>
                {colours.map((c) => (
                  <Radio.Button key={c.hex} value={c.hex} style={{ height: 'auto', padding: '4px 10px' }}>
                    <Space size={6}>
                      <ColorSwatch hex={c.hex} size={18} />
                      <span>{c.name ? pick(c.name) : c.hex}</span>
                    </Space>
                  </Radio.Button>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="window" label={t('batch.window')} extra={t('batch.windowHint')}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[true, true]}
              placeholder={[t('batch.opensAt'), t('batch.closesAt')]}
              style={{ width: '100%' }}
              data-testid="batch-window-picker"
            />
          </Form.Item>
        </Col>
      </Row>
      {error && <Alert type="error" showIcon title={error} data-testid="form-error" />}
    </Modal>
  );
}
