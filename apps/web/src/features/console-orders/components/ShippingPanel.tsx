import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import type { PrintRunView } from '@gradphoto/contracts/console-shipping';
import { useLang } from '../../../lib/i18n.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { BatchSelect } from '../../../components/console/BatchSelect.js';
import { DownloadButton } from '../../../components/console/DownloadButton.js';
import { withQuery } from '../../../components/console/download.js';
import {
  createPrintRun,
  ordersKey,
  printRunsKey,
  retryPrintRun,
  usePrintCandidates,
  usePrintRuns,
} from '../api/orders.js';
import { ShipImport } from './ShipImport.js';

const RUN_COLOR = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  purged: 'warning',
} as const;

/** 印制与发货: per batch, print runs (300 dpi PDF) of paid print orders, shipping by CSV, address labels. */
export function ShippingPanel() {
  const { t, errorText, pick } = useLang('console-orders');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batchId') ?? undefined;
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const [labelStatus, setLabelStatus] = useState<'paid' | 'in_production' | 'shipped'>('in_production');
  const [creating, setCreating] = useState(false);
  const candidates = usePrintCandidates(batchId);
  const runs = usePrintRuns({ batchId, ...paging });
  const setBatch = (id: string | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('batchId', id);
    else next.delete('batchId');
    setParams(next, { replace: true });
  };
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: printRunsKey });
    void qc.invalidateQueries({ queryKey: ordersKey });
  };
  const create = async () => {
    if (!batchId) return;
    setCreating(true);
    try {
      const r = await createPrintRun(batchId);
      void message.success(t('print.created', { n: r.orderCount }));
      refresh();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setCreating(false);
    }
  };
  const retry = async (r: PrintRunView) => {
    try {
      await retryPrintRun(r.id);
      refresh();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <Typography.Text strong>{t('print.batch')}</Typography.Text>
          <BatchSelect
            value={batchId}
            onChange={setBatch}
            placeholder={t('print.chooseBatch')}
            style={{ minWidth: 340 }}
            testId="shipping-batch"
          />
        </Space>
        {batchId ? (
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col span={8}>
              <Statistic
                title={t('print.candidates')}
                value={candidates.data?.total ?? 0}
                loading={candidates.isPending}
              />
              <Button
                type="primary"
                icon={<PrinterOutlined />}
                style={{ marginTop: 12 }}
                disabled={!candidates.data?.total}
                loading={creating}
                onClick={() => void create()}
                data-testid="print-create"
              >
                {t('print.create')}
              </Button>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {t('print.hint')}
              </Typography.Paragraph>
            </Col>
            <Col span={8}>
              <Typography.Text strong>{t('labels.title')}</Typography.Text>
              <div style={{ marginTop: 12 }}>
                <Space wrap>
                  <Select
                    value={labelStatus}
                    onChange={setLabelStatus}
                    style={{ width: 140 }}
                    options={(['in_production', 'paid', 'shipped'] as const).map((s) => ({
                      value: s,
                      label: t(`status.${s}`),
                    }))}
                  />
                  <DownloadButton
                    url={withQuery(`/api/console/batches/${batchId}/address-labels.csv`, {
                      status: labelStatus,
                    })}
                    fallbackName="labels.csv"
                    data-testid="labels-csv"
                  >
                    {t('labels.download')}
                  </DownloadButton>
                </Space>
              </div>
            </Col>
            <Col span={8}>
              <Typography.Text strong>{t('shipImport.title')}</Typography.Text>
              <div style={{ marginTop: 12 }}>
                <ShipImport onShipped={refresh} />
              </div>
            </Col>
          </Row>
        ) : (
          <Empty description={t('print.chooseBatchHint')} style={{ margin: '16px 0 0' }} />
        )}
      </Card>
      <Card
        title={t('print.runs')}
        extra={<Button icon={<ReloadOutlined />} size="small" onClick={refresh} aria-label={t('refresh')} />}
      >
        <Table<PrintRunView>
          rowKey="id"
          size="middle"
          loading={runs.isPending}
          dataSource={runs.data?.items ?? []}
          data-testid="print-runs"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: runs.data?.total ?? 0,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            {
              title: t('print.createdAt'),
              dataIndex: 'createdAt',
              width: 150,
              render: (d: string) => formatDateTime(d),
            },
            {
              title: t('col.batch'),
              key: 'batch',
              render: (_: unknown, r) => `${r.schoolName} · ${r.batchName}`,
            },
            { title: t('print.orders'), dataIndex: 'orderCount', width: 80, align: 'right' },
            { title: t('print.sheets'), dataIndex: 'sheetCount', width: 80, align: 'right' },
            {
              title: t('print.status'),
              key: 'status',
              width: 260,
              render: (_: unknown, r) =>
                r.status === 'running' || r.status === 'queued' ? (
                  <Progress
                    percent={Math.round((100 * r.doneOrders) / Math.max(1, r.orderCount))}
                    size="small"
                    status="active"
                  />
                ) : (
                  <span data-testid="print-status">
                    <Tag color={RUN_COLOR[r.status]}>{t(`runStatus.${r.status}`)}</Tag>
                    {r.failure && <Typography.Text type="danger">{pick(r.failure.message)}</Typography.Text>}
                    {r.purgedAt && (
                      // a PDF held a student who deleted their data: deleted, or made again without them
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t(r.status === 'purged' ? 'print.purged' : 'print.rebuilt', {
                          date: formatDateTime(r.purgedAt),
                        })}
                      </Typography.Text>
                    )}
                  </span>
                ),
            },
            {
              title: t('actions'),
              key: 'actions',
              width: 150,
              render: (_: unknown, r) =>
                r.downloadUrl ? (
                  // a plain link: the server streams the (large) PDF straight to disk
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    href={r.downloadUrl}
                    download
                    data-testid="print-download"
                  >
                    PDF
                  </Button>
                ) : r.status === 'failed' || r.status === 'purged' ? (
                  <Button size="small" onClick={() => void retry(r)} data-testid="print-retry">
                    {t(r.status === 'failed' ? 'print.retry' : 'print.rebuild')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
