import { useState } from 'react';
import { Alert, Button, Card, Form, Radio, Space, Typography } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import type { ExportView } from '@gradphoto/contracts/console-exports';
import { useLang } from '../../../lib/i18n.js';
import { BatchSelect, SchoolSelect } from '../../../components/console/BatchSelect.js';
import { createExport } from '../api/exports.js';

type Scope = 'school' | 'batch';

/** Start an export: a whole school or one batch, files named by ID number or 学号. */
export function ExportForm({
  staff,
  initialBatchId,
  onStarted,
}: {
  staff: StaffProfile;
  initialBatchId?: string;
  onStarted: (e: ExportView) => void;
}) {
  const { t, errorText } = useLang('console-exports');
  const [scope, setScope] = useState<Scope>(initialBatchId ? 'batch' : 'school');
  const [schoolId, setSchoolId] = useState<string | undefined>(
    staff.role === 'school_coordinator' ? (staff.schoolId ?? undefined) : undefined,
  );
  const [batchId, setBatchId] = useState<string | undefined>(initialBatchId);
  const [naming, setNaming] = useState<ExportView['naming']>('id_number');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = scope === 'school' ? schoolId : batchId;

  const submit = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      onStarted(
        await createExport(scope === 'school' ? { schoolId: target, naming } : { batchId: target, naming }),
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('form.title')}>
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label={t('form.scope')}>
          <Radio.Group
            value={scope}
            onChange={(e) => setScope(e.target.value as Scope)}
            options={[
              { value: 'school', label: t('form.school') },
              { value: 'batch', label: t('form.batch') },
            ]}
            data-testid="export-scope"
          />
        </Form.Item>
        <Form.Item label={scope === 'school' ? t('form.school') : t('form.batch')} required>
          {scope === 'school' ? (
            <SchoolSelect
              value={schoolId}
              onChange={setSchoolId}
              placeholder={t('form.chooseSchool')}
              style={{ width: '100%' }}
              testId="export-school"
            />
          ) : (
            <BatchSelect
              value={batchId}
              onChange={setBatchId}
              placeholder={t('form.chooseBatch')}
              style={{ width: '100%' }}
              testId="export-batch"
            />
          )}
        </Form.Item>
        <Form.Item label={t('form.naming')} extra={t(`form.namingHint.${naming}`)}>
          <Radio.Group
            value={naming}
            onChange={(e) => setNaming(e.target.value as ExportView['naming'])}
            options={[
              { value: 'id_number', label: t('naming.id_number') },
              { value: 'student_number', label: t('naming.student_number') },
            ]}
            data-testid="export-naming"
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('form.hint')}</Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />
        )}
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            icon={<CloudDownloadOutlined />}
            disabled={!target}
            loading={busy}
            data-testid="export-start"
          >
            {t('form.start')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
