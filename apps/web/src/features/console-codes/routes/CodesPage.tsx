import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import { CodeKinds, CodeStates, type CodeView } from '@gradphoto/contracts/console-codes';
import type { BatchView } from '@gradphoto/contracts/console-batches';
import { useLang } from '../../../lib/i18n.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { BatchNav } from '../../../components/console/BatchNav.js';
import { DownloadButton } from '../../../components/console/DownloadButton.js';
import { withQuery } from '../../../components/console/download.js';
import { QueryError } from '../../../components/console/QueryError.js';
import { codesKey, revokeCode, useCodes } from '../api/codes.js';
import { IssueCodesModal } from '../components/IssueCodesModal.js';

const STATUS_COLOR = { active: 'blue', used: 'green', revoked: 'default' } as const;
const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

function Codes({ batch }: { batch: BatchView }) {
  const { t, errorText } = useLang('console-codes');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [status, setStatus] = useState<CodeView['status'] | undefined>();
  const [kind, setKind] = useState<CodeView['kind'] | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [issuing, setIssuing] = useState(false);
  const [justIssued, setJustIssued] = useState<{ issued: number; skipped: number; since: string } | null>(
    null,
  );
  const codes = useCodes(batch.id, { status, kind, ...paging });
  const refresh = () => void qc.invalidateQueries({ queryKey: codesKey(batch.id) });

  const revoke = async (c: CodeView) => {
    try {
      await revokeCode(c.id);
      void message.success(t('revoked'));
      refresh();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <Card>
      <div style={{ display: 'flex', gap: 8, marginBottom: 16, flexWrap: 'wrap' }}>
        <Select<CodeView['status']>
          allowClear
          placeholder={t('allStatuses')}
          style={{ width: 150 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={CodeStates.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          data-testid="codes-status"
        />
        <Select<CodeView['kind']>
          allowClear
          placeholder={t('allKinds')}
          style={{ width: 150 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={CodeKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <div style={{ flex: 1 }} />
        <DownloadButton
          url={`/api/console/batches/${batch.id}/codes.pdf`}
          parts
          fallbackName="codes.pdf"
          data-testid="codes-pdf"
        >
          {t('pdfAll')}
        </DownloadButton>
        <Button
          type="primary"
          icon={<QrcodeOutlined />}
          onClick={() => setIssuing(true)}
          data-testid="codes-issue"
        >
          {t('issue.title')}
        </Button>
      </div>
      {justIssued && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setJustIssued(null) }}
          style={{ marginBottom: 16 }}
          data-testid="codes-issued"
          title={t('issuedMessage', { issued: justIssued.issued, skipped: justIssued.skipped })}
          action={
            justIssued.issued > 0 ? (
              <DownloadButton
                size="small"
                url={withQuery(`/api/console/batches/${batch.id}/codes.pdf`, { since: justIssued.since })}
                parts
                fallbackName="codes.pdf"
              >
                {t('pdfNew')}
              </DownloadButton>
            ) : undefined
          }
        />
      )}
      {codes.isError ? (
        <QueryError error={codes.error} onRetry={() => void codes.refetch()} />
      ) : (
        <Table<CodeView>
          rowKey="id"
          size="middle"
          loading={codes.isFetching}
          dataSource={codes.data?.items ?? []}
          data-testid="codes-table"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: codes.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('total', { n }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            {
              title: t('code'),
              dataIndex: 'token',
              width: 200,
              render: (token: string) => (
                <Typography.Text style={mono} copyable={{ text: token }}>
                  {token.length > 14 ? `${token.slice(0, 6)}…${token.slice(-6)}` : token}
                </Typography.Text>
              ),
            },
            {
              title: t('kindTitle'),
              dataIndex: 'kind',
              width: 110,
              render: (k: CodeView['kind']) => t(`kind.${k}`),
            },
            {
              title: t('graduate'),
              key: 'graduate',
              render: (_: unknown, c) =>
                c.graduate ? (
                  <span>
                    {c.graduate.name}
                    {c.graduate.studentNumber && (
                      <Typography.Text type="secondary"> · {c.graduate.studentNumber}</Typography.Text>
                    )}
                  </span>
                ) : (
                  <Typography.Text type="secondary">{t('unbound')}</Typography.Text>
                ),
            },
            {
              title: t('statusTitle'),
              dataIndex: 'status',
              width: 100,
              render: (s: CodeView['status']) => <Tag color={STATUS_COLOR[s]}>{t(`status.${s}`)}</Tag>,
            },
            {
              title: t('createdAt'),
              dataIndex: 'createdAt',
              width: 160,
              render: (d: string) => formatDateTime(d),
            },
            {
              title: t('usedAt'),
              key: 'usedAt',
              width: 160,
              render: (_: unknown, c) =>
                c.usedAt ? formatDateTime(c.usedAt) : c.revokedAt ? formatDateTime(c.revokedAt) : '—',
            },
            {
              title: t('actions'),
              key: 'actions',
              width: 90,
              render: (_: unknown, c) =>
                c.status === 'active' ? (
                  <Popconfirm
                    title={t('revokeTitle')}
                    description={t('revokeHint')}
                    okText={t('revoke')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => void revoke(c)}
                  >
                    <Button type="link" danger size="small" data-testid="code-revoke">
                      {t('revoke')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      )}
      <IssueCodesModal
        batchId={batch.id}
        hasRoster={batch.hasRoster}
        open={issuing}
        onClose={() => setIssuing(false)}
        onIssued={(r) => {
          setIssuing(false);
          setJustIssued(r);
          refresh();
        }}
      />
    </Card>
  );
}

/** A batch's 图像采集码 tab: issue for the roster or as blank invitations, list, revoke, print QR sheets. */
export function CodesPage({ staff }: { staff: StaffProfile }) {
  const { id = '' } = useParams();
  return (
    <BatchNav batchId={id} tab="codes" role={staff.role}>
      {(b) => <Codes batch={b} />}
    </BatchNav>
  );
}
