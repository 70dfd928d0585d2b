import { useEffect, useState } from 'react';
import { Alert, Button, Modal, Progress, Space, Steps, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { RequiredRosterFields } from '@gradphoto/contracts/console-roster';
import { useLang } from '../../../lib/i18n.js';
import { previewSheet } from '../api/sheet-preview.js';
import { guessMapping, headerRowIndex, mappingRequest, type ColumnChoice } from '../api/roster-mapping.js';
import { startImport, useImport } from '../api/roster.js';
import { MappingStep } from './MappingStep.js';
import { ImportResult } from './ImportResult.js';

type Step = 'upload' | 'mapping' | 'running';
const STEPS: Step[] = ['upload', 'mapping', 'running'];

/** Roster import: choose a CSV/XLSX file → check the column mapping → progress while the job runs → result. */
export function ImportWizard({
  batchId,
  open,
  onClose,
  onFinished,
}: {
  batchId: string;
  open: boolean;
  onClose: () => void;
  onFinished: () => void;
}) {
  const { t, errorText } = useLang('console-roster');
  const [step, setStep] = useState<Step>('upload');
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [sample, setSample] = useState<string[][]>([]);
  const [choice, setChoice] = useState<ColumnChoice>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [importId, setImportId] = useState<string | null>(null);
  const imp = useImport(importId);
  const done = imp.data?.status === 'succeeded' || imp.data?.status === 'failed';

  useEffect(() => {
    if (done) onFinished();
  }, [done, onFinished]);

  const reset = () => {
    setStep('upload');
    setFile(null);
    setHeader([]);
    setSample([]);
    setChoice({});
    setError(null);
    setImportId(null);
  };

  const choose = async (f: File) => {
    setError(null);
    if (!/\.(csv|xlsx)$/i.test(f.name)) {
      setError(t(/\.xls$/i.test(f.name) ? 'import.xlsUnsupported' : 'import.wrongType'));
      return;
    }
    try {
      const preview = await previewSheet(f);
      const h = headerRowIndex(preview.rows);
      const head = preview.rows[h] ?? [];
      if (!head.length) throw new Error('empty');
      setFile(f);
      setHeader(head);
      setSample(preview.rows.slice(h + 1, h + 6));
      setChoice(guessMapping(head));
      setStep('mapping');
    } catch {
      setError(t('import.unreadable'));
    }
  };

  const missing = RequiredRosterFields.filter((f) => choice[f] === undefined);
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const started = await startImport(batchId, file, mappingRequest(header, choice));
      setImportId(started.id);
      setStep('running');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const running = step === 'running' && !done;
  const footer =
    step === 'mapping' ? (
      <Space>
        <Button onClick={reset}>{t('import.back')}</Button>
        <Button
          type="primary"
          disabled={missing.length > 0}
          loading={busy}
          onClick={() => void submit()}
          data-testid="import-start"
        >
          {t('import.start')}
        </Button>
      </Space>
    ) : step === 'running' && done ? (
      <Space>
        <Button onClick={reset}>{t('import.another')}</Button>
        <Button type="primary" onClick={onClose} data-testid="import-close">
          {t('import.close')}
        </Button>
      </Space>
    ) : null;

  return (
    <Modal
      open={open}
      width={820}
      title={t('import.title')}
      onCancel={onClose}
      maskClosable={false}
      footer={footer}
      afterClose={reset}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={STEPS.indexOf(step) + (done ? 1 : 0)}
        items={[
          { title: t('import.stepUpload') },
          { title: t('import.stepMapping') },
          { title: t('import.stepRun') },
          { title: t('import.stepResult') },
        ]}
        style={{ marginBottom: 24 }}
      />
      {step === 'upload' && (
        <>
          <Upload.Dragger
            accept=".csv,.xlsx"
            multiple={false}
            showUploadList={false}
            beforeUpload={(f) => {
              void choose(f);
              return false;
            }}
            data-testid="roster-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.dropHint')}</p>
          </Upload.Dragger>
        </>
      )}
      {step === 'mapping' && (
        <>
          <Typography.Paragraph>
            <Typography.Text strong>{file?.name}</Typography.Text>
          </Typography.Paragraph>
          <MappingStep header={header} sample={sample} choice={choice} onChange={setChoice} />
          {missing.length > 0 && (
            <Alert type="warning" showIcon title={t('import.missingRequired')} style={{ marginTop: 12 }} />
          )}
        </>
      )}
      {step === 'running' && imp.data && !done && (
        <div style={{ padding: '24px 0' }} data-testid="import-running">
          <Progress percent={imp.data.progress} status="active" />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t(`import.phase.${imp.data.phase ?? 'queued'}`, { defaultValue: t('import.phase.queued') })}
            {imp.data.totalRows > 0 &&
              ` · ${t('import.rows', { done: imp.data.insertedRows, total: imp.data.totalRows })}`}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('import.canClose')}</Typography.Paragraph>
        </div>
      )}
      {step === 'running' && running && !imp.data && <Progress percent={0} status="active" />}
      {step === 'running' && imp.isError && <Alert type="error" showIcon title={errorText(imp.error)} />}
      {done && imp.data && <ImportResult imp={imp.data} />}
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="form-error" />
      )}
    </Modal>
  );
}
