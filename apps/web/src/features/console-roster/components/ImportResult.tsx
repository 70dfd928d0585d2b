import { Alert, Result, Space, Table } from 'antd';
import type { RosterImportView, RosterRowError } from '@gradphoto/contracts/console-roster';
import { useLang } from '../../../lib/i18n.js';
import { DownloadButton } from '../../../components/console/DownloadButton.js';

/** The end of an import: how many rows went in, or why nothing did (with the row errors and the report). */
export function ImportResult({ imp }: { imp: RosterImportView }) {
  const { t, pick } = useLang('console-roster');
  if (imp.status === 'succeeded')
    return (
      <Result
        status="success"
        title={<span data-testid="import-succeeded">{t('import.succeeded', { n: imp.insertedRows })}</span>}
        subTitle={imp.filename}
      />
    );
  return (
    <div data-testid="import-failed">
      <Alert
        type="error"
        showIcon
        title={imp.failure ? pick(imp.failure.message) : t('import.failed')}
        description={
          imp.errorCount > 0
            ? t('import.errorSummary', { n: imp.errorCount, shown: imp.errors.length })
            : undefined
        }
        style={{ marginBottom: 16 }}
      />
      {imp.errorReport && (
        <Space style={{ marginBottom: 12 }}>
          <DownloadButton url={imp.errorReport.xlsx} type="primary" data-testid="error-report-xlsx">
            {t('import.reportXlsx')}
          </DownloadButton>
          <DownloadButton url={imp.errorReport.csv} data-testid="error-report-csv">
            {t('import.reportCsv')}
          </DownloadButton>
        </Space>
      )}
      {imp.errors.length > 0 && (
        <Table<RosterRowError>
          size="small"
          rowKey={(e) => `${e.row}-${e.field ?? ''}-${e.code}`}
          dataSource={imp.errors}
          pagination={{ pageSize: 8, size: 'small' }}
          data-testid="row-errors"
          columns={[
            { title: t('import.row'), dataIndex: 'row', width: 70 },
            {
              title: t('import.column'),
              dataIndex: 'column',
              width: 140,
              render: (c: string | null) => c ?? '—',
            },
            { title: t('import.problem'), key: 'message', render: (_: unknown, e) => pick(e.message) },
          ]}
        />
      )}
    </div>
  );
}
