import { useCallback, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { QrcodeOutlined, UploadOutlined } from '@ant-design/icons';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import { GraduateStatuses, type GraduateStatus, type RosterEntry } from '@gradphoto/contracts/console-roster';
import { useLang } from '../../../lib/i18n.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { BatchNav } from '../../../components/console/BatchNav.js';
import { consoleBatchKey } from '../../../components/console/batch-query.js';
import { DownloadButton } from '../../../components/console/DownloadButton.js';
import { QueryError } from '../../../components/console/QueryError.js';
import { issueCodesFor, rosterKey, useImports, useRoster } from '../api/roster.js';
import { ImportWizard } from '../components/ImportWizard.js';
import { RevealId } from '../components/RevealId.js';

export const STATUS_COLOR: Record<GraduateStatus, string> = {
  not_registered: 'default',
  registered: 'blue',
  photographed: 'cyan',
  paid: 'geekblue',
  pending_review: 'gold',
  rejected: 'red',
  approved: 'green',
  shipped: 'purple',
};

function Roster({ batchId }: { batchId: string }) {
  const { t, errorText } = useLang('console-roster');
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<GraduateStatus | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [issuing, setIssuing] = useState(false);
  const { message } = App.useApp();
  const roster = useRoster(batchId, { q: q || undefined, status, ...paging });
  const imports = useImports(batchId);
  const last = imports.data?.[0];
  const onFinished = useCallback(() => {
    void qc.invalidateQueries({ queryKey: rosterKey(batchId) });
    void qc.invalidateQueries({ queryKey: ['console', 'roster-imports', batchId] });
    void qc.invalidateQueries({ queryKey: consoleBatchKey(batchId) });
  }, [qc, batchId]);
  const issue = async () => {
    setIssuing(true);
    try {
      const r = await issueCodesFor(batchId, selected);
      void message.success(t('roster.issued', { issued: r.issued, skipped: r.skipped }));
      setSelected([]);
      void qc.invalidateQueries({ queryKey: rosterKey(batchId) });
      void qc.invalidateQueries({ queryKey: ['console', 'codes', batchId] });
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setIssuing(false);
    }
  };

  return (
    <Card>
      <div style={{ display: 'flex', gap: 8, marginBottom: 16, flexWrap: 'wrap' }}>
        <Input.Search
          allowClear
          name="roster-q"
          placeholder={t('roster.search')}
          style={{ width: 300 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        <Select<GraduateStatus>
          allowClear
          placeholder={t('roster.allStatuses')}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={GraduateStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          data-testid="roster-status"
        />
        <div style={{ flex: 1 }} />
        {selected.length > 0 && (
          <Button
            icon={<QrcodeOutlined />}
            loading={issuing}
            onClick={() => void issue()}
            data-testid="roster-issue-codes"
          >
            {t('roster.issueSelected', { n: selected.length })}
          </Button>
        )}
        <DownloadButton
          url={`/api/console/batches/${batchId}/roster.xlsx`}
          fallbackName="roster.xlsx"
          data-testid="roster-export"
        >
          {t('roster.export')}
        </DownloadButton>
        <Button
          type="primary"
          icon={<UploadOutlined />}
          onClick={() => setImporting(true)}
          data-testid="roster-import"
        >
          {t('roster.import')}
        </Button>
      </div>
      {last && (
        <Typography.Paragraph type="secondary" data-testid="last-import">
          {t('roster.lastImport', { file: last.filename, at: formatDateTime(last.createdAt) })}{' '}
          <Tag color={last.status === 'succeeded' ? 'green' : last.status === 'failed' ? 'red' : 'blue'}>
            {t(`importStatus.${last.status}`)}
          </Tag>
          {last.status === 'succeeded' && t('roster.lastImportRows', { n: last.insertedRows })}
        </Typography.Paragraph>
      )}
      {roster.isError ? (
        <QueryError error={roster.error} onRetry={() => void roster.refetch()} />
      ) : (
        <Table<RosterEntry>
          rowKey="id"
          size="middle"
          loading={roster.isFetching}
          dataSource={roster.data?.items ?? []}
          data-testid="roster-table"
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            preserveSelectedRowKeys: true,
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: roster.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('total', { n }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            { title: t('fields.name'), dataIndex: 'name', width: 120 },
            { title: t('fields.studentNumber'), dataIndex: 'studentNumber', width: 140 },
            {
              title: t('fields.idNumber'),
              key: 'id',
              width: 250,
              render: (_: unknown, g) => <RevealId graduateId={g.id} masked={g.idNumberMasked} />,
            },
            {
              title: t('roster.deptMajor'),
              key: 'dept',
              render: (_: unknown, g) => [g.department, g.major].filter(Boolean).join(' · ') || '—',
            },
            { title: t('fields.educationLevel'), dataIndex: 'educationLevel', width: 100 },
            {
              title: t('roster.source'),
              dataIndex: 'source',
              width: 100,
              render: (s: RosterEntry['source']) => t(`source.${s}`),
            },
            {
              title: t('roster.code'),
              key: 'code',
              width: 110,
              render: (_: unknown, g) =>
                g.code ? (
                  <Tag color={g.code.status === 'active' ? 'blue' : 'default'}>
                    {t(`codeStatus.${g.code.status}`)}
                  </Tag>
                ) : (
                  '—'
                ),
            },
            {
              title: t('roster.status'),
              dataIndex: 'status',
              width: 110,
              render: (s: GraduateStatus) => <Tag color={STATUS_COLOR[s]}>{t(`status.${s}`)}</Tag>,
            },
          ]}
        />
      )}
      <ImportWizard
        batchId={batchId}
        open={importing}
        onClose={() => setImporting(false)}
        onFinished={onFinished}
      />
    </Card>
  );
}

/** A batch's 名单 tab: the roster with statuses, masked IDs (audited reveal), import and export. */
export function RosterPage({ staff }: { staff: StaffProfile }) {
  const { id = '' } = useParams();
  return (
    <BatchNav batchId={id} tab="roster" role={staff.role}>
      {(b) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Roster batchId={b.id} />
        </Space>
      )}
    </BatchNav>
  );
}
