import { useState } from 'react';
import { Form, Input } from 'antd-mobile';
import type { BatchSummary } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { SubmitFooter } from '../../../components/student/SubmitFooter.js';
import { findBatches } from '../api/collections.js';

export type CollectMode = 'centralized' | 'scattered';

interface Values {
  featureCode?: string;
  regionCode?: string;
  idLast4: string;
}

const LAST4_RE = /^\d{3}[\dX]$/;

/** Step 1: 集中采集 (特征码 + last 4) or 散排采集 (region/centre code + last 4) → the batches found. */
export function FindBatchStep({
  initialLast4,
  onFound,
}: {
  initialLast4: string;
  onFound: (r: { mode: CollectMode; idLast4: string; batches: BatchSummary[] }) => void;
}) {
  const { t, errorText } = useLang('collections');
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<CollectMode>('centralized');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const idLast4 = v.idLast4.trim().toUpperCase();
      const { batches } = await findBatches(
        mode === 'centralized'
          ? { mode, featureCode: (v.featureCode ?? '').trim().toUpperCase(), idLast4 }
          : { mode, regionCode: (v.regionCode ?? '').trim(), idLast4 },
      );
      onFound({ mode, idLast4, batches });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const modes: Array<{ key: CollectMode; art: string }> = [
    { key: 'centralized', art: 'M5 15 20 6l15 9M9 16v13M16 16v13M24 16v13M31 16v13M5 32h30' },
    {
      key: 'scattered',
      art: 'M20 34s-10-9-10-17a10 10 0 0 1 20 0c0 8-10 17-10 17zM20 21a4 4 0 1 0 0-8 4 4 0 0 0 0 8z',
    },
  ];

  return (
    <>
      <section className="card">
        <div className="card__title">{t('find.modeTitle')}</div>
        <div className="mode-cards" role="radiogroup" data-testid="collect-mode">
          {modes.map((m) => (
            <button
              key={m.key}
              type="button"
              role="radio"
              aria-checked={mode === m.key}
              className={mode === m.key ? 'mode-card mode-card--on' : 'mode-card'}
              onClick={() => {
                setMode(m.key);
                setError(null);
              }}
              data-testid={`mode-${m.key}`}
            >
              <svg viewBox="0 0 40 40" aria-hidden="true" className="mode-card__art">
                <path
                  d={m.art}
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2.4"
                  strokeLinejoin="round"
                  strokeLinecap="round"
                />
              </svg>
              <span className="mode-card__name">{t(`find.${m.key}.name`)}</span>
              <span className="mode-card__hint">{t(`find.${m.key}.hint`)}</span>
            </button>
          ))}
        </div>
      </section>
      <Form
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{ idLast4: initialLast4 }}
        onFinish={(v) => void submit(v)}
        className="journey-form"
        footer={<SubmitFooter error={error} busy={busy} label={t('find.submit')} testId="find-batch" />}
      >
        {mode === 'centralized' ? (
          <Form.Item
            key="featureCode"
            name="featureCode"
            label={t('find.featureCode')}
            description={t('find.featureCodeHint')}
            normalize={(v: string) => (v ?? '').toUpperCase().replace(/\s/g, '')}
            rules={[
              { required: true, message: t('find.featureCodeRequired') },
              { len: 4, message: t('find.featureCodeLength') },
            ]}
          >
            <Input
              name="featureCode"
              maxLength={4}
              placeholder={t('find.featureCodePlaceholder')}
              autoComplete="off"
              clearable
              className="code-input"
            />
          </Form.Item>
        ) : (
          <Form.Item
            key="regionCode"
            name="regionCode"
            label={t('find.regionCode')}
            description={t('find.regionCodeHint')}
            rules={[
              { required: true, message: t('find.regionCodeRequired') },
              { min: 2, max: 12, message: t('find.regionCodeLength') },
            ]}
          >
            <Input
              name="regionCode"
              maxLength={12}
              placeholder={t('find.regionCodePlaceholder')}
              autoComplete="off"
              clearable
            />
          </Form.Item>
        )}
        <Form.Item
          name="idLast4"
          label={t('find.idLast4')}
          description={t('find.idLast4Hint')}
          normalize={(v: string) => (v ?? '').toUpperCase().replace(/\s/g, '')}
          rules={[
            { required: true, message: t('find.idLast4Required') },
            { pattern: LAST4_RE, message: t('find.idLast4Format') },
          ]}
        >
          <Input
            name="idLast4"
            maxLength={4}
            placeholder="1234"
            autoComplete="off"
            clearable
            className="code-input"
          />
        </Form.Item>
      </Form>
    </>
  );
}
