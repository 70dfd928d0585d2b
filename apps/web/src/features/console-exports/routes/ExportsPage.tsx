import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Progress, Row, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, RedoOutlined } from '@ant-design/icons';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import type { ExportView } from '@gradphoto/contracts/console-exports';
import { useLang } from '../../../lib/i18n.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { ConsolePage } from '../../../components/console/ConsolePage.js';
import { QueryError } from '../../../components/console/QueryError.js';
import { createExport, exportsKey, useExports } from '../api/exports.js';
import { ExportForm } from '../components/ExportForm.js';

const STATUS_COLOR = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  purged: 'warning',
} as const;

function size(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes > 1e9
    ? `${(bytes / 1e9).toFixed(2)} GB`
    : bytes > 1e6
      ? `${(bytes / 1e6).toFixed(1)} MB`
      : `${Math.ceil(bytes / 1e3)} KB`;
}

/** 学信网导出: start a ZIP of approved photos (+ manifest XLSX) for a school or batch, follow its progress, download. */
export function ExportsPage({ staff }: { staff: StaffProfile }) {
  const { t, pick, errorText } = useLang('console-exports');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const exports = useExports(paging);
  const started = () => {
    setPaging((p) => ({ ...p, page: 1 }));
    void qc.invalidateQueries({ queryKey: exportsKey });
  };
  // a ZIP deleted after a student's erasure: the same scope and naming again, a new export without them
  const again = async (e: ExportView) => {
    try {
      await createExport(
        e.batchId ? { batchId: e.batchId, naming: e.naming } : { schoolId: e.schoolId, naming: e.naming },
      );
      void message.success(t('list.againStarted'));
      started();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <ConsolePage title={t('title')} subtitle={t('subtitle')} testId="exports-page">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <ExportForm staff={staff} initialBatchId={params.get('batchId') ?? undefined} onStarted={started} />
        </Col>
        <Col xs={24} xl={15}>
          <Card title={t('list.title')}>
            {exports.isError ? (
              <QueryError error={exports.error} onRetry={() => void exports.refetch()} />
            ) : (
              <Table<ExportView>
                rowKey="id"
                size="middle"
                loading={exports.isPending}
                dataSource={exports.data?.items ?? []}
                data-testid="exports-table"
                pagination={{
                  current: paging.page,
                  pageSize: paging.pageSize,
                  total: exports.data?.total ?? 0,
                  onChange: (page, pageSize) => setPaging({ page, pageSize }),
                }}
                columns={[
                  {
                    title: t('list.scope'),
                    key: 'scope',
                    render: (_: unknown, e) => (
                      <span>
                        {e.schoolName}
                        {e.batchName && <> · {e.batchName}</>}
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                          {t(`naming.${e.naming}`)} · {formatDateTime(e.createdAt)}
                        </Typography.Text>
                      </span>
                    ),
                  },
                  {
                    title: t('list.status'),
                    key: 'status',
                    width: 260,
                    render: (_: unknown, e) =>
                      e.status === 'queued' || e.status === 'running' ? (
                        <div data-testid="export-progress">
                          <Progress
                            percent={e.total ? Math.floor((100 * e.done) / e.total) : 0}
                            size="small"
                            status="active"
                          />
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('list.progress', { done: e.done, total: e.total })}
                          </Typography.Text>
                        </div>
                      ) : (
                        <span data-testid="export-status">
                          <Tag color={STATUS_COLOR[e.status]}>{t(`status.${e.status}`)}</Tag>
                          {e.status === 'succeeded' && (
                            <Typography.Text type="secondary">
                              {t('list.photos', { n: e.total })}
                              {e.completedOrders > 0 && ` · ${t('list.completed', { n: e.completedOrders })}`}
                            </Typography.Text>
                          )}
                          {e.failure && (
                            <Typography.Text type="danger" style={{ display: 'block' }}>
                              {pick(e.failure.message)}
                            </Typography.Text>
                          )}
                          {e.status === 'purged' && e.purgedAt && (
                            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                              {t('list.purged', { date: formatDateTime(e.purgedAt) })}
                            </Typography.Text>
                          )}
                        </span>
                      ),
                  },
                  {
                    title: t('list.file'),
                    key: 'file',
                    width: 150,
                    render: (_: unknown, e) =>
                      e.downloadUrl ? (
                        // a plain link: the ZIP streams from storage straight to disk
                        <Button
                          type="primary"
                          size="small"
                          icon={<DownloadOutlined />}
                          href={e.downloadUrl}
                          download
                          data-testid="export-download"
                        >
                          ZIP {size(e.fileBytes)}
                        </Button>
                      ) : e.status === 'purged' ? (
                        <Button
                          size="small"
                          icon={<RedoOutlined />}
                          onClick={() => void again(e)}
                          data-testid="export-again"
                        >
                          {t('list.again')}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </ConsolePage>
  );
}
