import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Image,
  Popconfirm,
  Row,
  Skeleton,
  Typography,
  theme,
} from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import type { BulkApproveResponse, GreenResponse } from '@gradphoto/contracts/console-reviews';
import { isApiError } from '../../../lib/api-client.js';
import { useLang } from '../../../lib/i18n.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { BatchSelect } from '../../../components/console/BatchSelect.js';
import { QueryError } from '../../../components/console/QueryError.js';
import { GREEN_LIMIT, bulkApprove, reviewsKey, useGreen } from '../api/reviews.js';
import { BulkResult } from './BulkResult.js';

type GreenItem = GreenResponse['items'][number];

/** One all-green photo: the result, who it is; the card body toggles the selection, the photo zooms. */
function GreenCard({ item, checked, onToggle }: { item: GreenItem; checked: boolean; onToggle: () => void }) {
  const { t } = useLang('console-review');
  const { token } = theme.useToken();
  return (
    <Card
      size="small"
      data-testid="green-item"
      data-id={item.submissionId}
      style={{
        borderColor: checked ? token.colorPrimary : undefined,
        boxShadow: checked ? `0 0 0 1px ${token.colorPrimary}` : undefined,
      }}
      styles={{ body: { padding: 8 } }}
      cover={
        <Image
          src={item.resultUrl}
          alt={t('item.result')}
          width="100%"
          style={{ aspectRatio: '3 / 4', objectFit: 'cover', display: 'block', background: '#f3f4f6' }}
        />
      }
    >
      <div
        role="checkbox"
        aria-checked={checked}
        tabIndex={0}
        onClick={onToggle}
        onKeyDown={(e) => {
          if (e.key !== ' ' && e.key !== 'Enter') return;
          e.preventDefault();
          onToggle();
        }}
        style={{ cursor: 'pointer' }}
      >
        <Checkbox checked={checked} tabIndex={-1} style={{ pointerEvents: 'none', maxWidth: '100%' }}>
          <Typography.Text strong ellipsis data-testid="green-name">
            {item.name}
          </Typography.Text>
        </Checkbox>
        <Typography.Text
          type="secondary"
          ellipsis={{ tooltip: true }}
          style={{ display: 'block', fontSize: 12 }}
        >
          {item.schoolName} · {item.batchName}
        </Typography.Text>
        {item.submittedAt && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {formatDateTime(item.submittedAt)}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}

/**
 * 批量通过: the waiting photos whose every automatic check is green (none held by another reviewer),
 * filtered by batch; select some or all and approve them at once. The server re-checks each photo and
 * reports the ones it skipped; the list is reloaded after every action.
 */
export function BulkApprove({ onAuthError }: { onAuthError: (status: 401 | 403) => void }) {
  const { t, errorText } = useLang('console-review');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batchId') ?? undefined;
  const green = useGreen(batchId);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ r: BulkApproveResponse; names: Record<string, string> } | null>(
    null,
  );
  const items = green.data?.items ?? [];
  const selected = items.filter((i) => chosen.has(i.submissionId)).map((i) => i.submissionId);
  const all = items.length > 0 && selected.length === items.length;

  const setBatch = (id: string | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('batchId', id);
    else next.delete('batchId');
    setParams(next, { replace: true });
    setChosen(new Set());
  };
  const toggle = (id: string) =>
    setChosen((s) => {
      const n = new Set(s);
      if (!n.delete(id)) n.add(id);
      return n;
    });
  const approve = async () => {
    if (!selected.length || busy) return;
    setBusy(true);
    const names = Object.fromEntries(items.map((i) => [i.submissionId, i.name]));
    try {
      const r = await bulkApprove(selected);
      setResult({ r, names });
      setChosen(new Set());
    } catch (e) {
      if (isApiError(e) && e.status === 401) onAuthError(401);
      else void message.error(errorText(e));
    } finally {
      setBusy(false);
      void qc.invalidateQueries({ queryKey: reviewsKey });
    }
  };

  return (
    <Card data-testid="bulk-approve">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <BatchSelect
          value={batchId}
          onChange={setBatch}
          placeholder={t('bulk.allBatches')}
          testId="bulk-batch"
        />
        <Checkbox
          checked={all}
          indeterminate={selected.length > 0 && !all}
          disabled={!items.length}
          onChange={(e) => setChosen(new Set(e.target.checked ? items.map((i) => i.submissionId) : []))}
          data-testid="bulk-select-all"
          style={{ marginInlineStart: 8 }}
        >
          {t('bulk.selectAll')}
        </Checkbox>
        <Typography.Text type="secondary" data-testid="bulk-count">
          {t('bulk.count', { selected: selected.length, n: items.length })}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void green.refetch()}
          loading={green.isFetching && !busy}
        >
          {t('bulk.reload')}
        </Button>
        <Popconfirm
          title={t('bulk.confirmTitle', { n: selected.length })}
          description={t('bulk.confirmText')}
          okText={t('bulk.confirmOk')}
          cancelText={t('bulk.cancel')}
          onConfirm={() => void approve()}
          disabled={!selected.length}
        >
          <Button
            type="primary"
            icon={<CheckOutlined />}
            disabled={!selected.length}
            loading={busy}
            data-testid="bulk-approve-open"
          >
            {t('bulk.approve', { n: selected.length })}
          </Button>
        </Popconfirm>
      </Flex>
      <Typography.Paragraph type="secondary">{t('bulk.hint')}</Typography.Paragraph>
      {result && <BulkResult result={result.r} names={result.names} onClose={() => setResult(null)} />}
      {green.isPending ? (
        <Skeleton active />
      ) : green.isError ? (
        <QueryError error={green.error} onRetry={() => void green.refetch()} />
      ) : items.length === 0 ? (
        <Empty description={t('bulk.empty')} data-testid="bulk-empty" />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {items.map((i) => (
              <Col key={i.submissionId} xs={12} sm={8} md={6} lg={4} xxl={3}>
                <GreenCard
                  item={i}
                  checked={chosen.has(i.submissionId)}
                  onToggle={() => toggle(i.submissionId)}
                />
              </Col>
            ))}
          </Row>
          {(green.data?.total ?? 0) > GREEN_LIMIT && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              {t('bulk.more', { n: GREEN_LIMIT })}
            </Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
