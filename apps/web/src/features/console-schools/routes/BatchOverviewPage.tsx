import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import type { BatchView } from '@gradphoto/contracts/console-batches';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { BatchNav } from '../../../components/console/BatchNav.js';
import { consoleBatchKey } from '../../../components/console/batch-query.js';
import { ColorSwatch } from '../../../components/console/ColorSwatch.js';
import { FeatureCode } from '../../../components/console/FeatureCode.js';
import { batchesKey, useBatchOptions } from '../api/schools.js';
import { BatchFormModal } from '../components/BatchFormModal.js';

function Overview({ b, admin }: { b: BatchView; admin: boolean }) {
  const { t, pick } = useLang('console-schools');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const options = useBatchOptions(admin);
  const spec = options.data?.specs.find((s) => s.id === b.specId);
  const bg = options.data?.backgrounds.find((x) => x.hex.toUpperCase() === b.background.toUpperCase());
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={8}>
        <Card data-testid="batch-code-card">
          <Typography.Text type="secondary">
            {b.mode === 'centralized' ? t('console.featureCode') : t('batch.regionCode')}
          </Typography.Text>
          <div style={{ margin: '8px 0 12px' }}>
            {b.mode === 'centralized' ? (
              <FeatureCode code={b.featureCode} />
            ) : (
              <Typography.Text copyable style={{ fontSize: 28, fontWeight: 600, letterSpacing: 4 }}>
                {b.regionCode}
              </Typography.Text>
            )}
          </div>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t(`batch.howStudentsFind.${b.mode}`, {
              code: b.mode === 'centralized' ? b.featureCode : b.regionCode,
            })}
          </Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} xl={16}>
        <Card
          title={t('batch.settings')}
          extra={
            admin && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="batch-edit">
                {t('edit')}
              </Button>
            )
          }
        >
          <Descriptions
            column={2}
            size="small"
            items={[
              { key: 'mode', label: t('batch.mode'), children: t(`mode.${b.mode}`) },
              { key: 'region', label: t('batch.regionCode'), children: b.regionCode || '—' },
              { key: 'p0', label: t('batch.priceNoPrints'), children: formatYuan(b.priceNoPrintsCents) },
              { key: 'p1', label: t('batch.priceWithPrints'), children: formatYuan(b.priceWithPrintsCents) },
              { key: 'payer', label: t('batch.payer'), children: t(`payer.${b.payer}`) },
              {
                key: 'policy',
                label: t('batch.capturePolicy'),
                children: (
                  <Tag color={b.capturePolicy === 'live_only' ? 'volcano' : 'default'}>
                    {t(`policy.${b.capturePolicy}`)}
                  </Tag>
                ),
              },
              {
                key: 'spec',
                label: t('batch.spec'),
                children: spec ? `${pick(spec.name)} · ${spec.width}×${spec.height}` : b.specId,
              },
              {
                key: 'bg',
                label: t('batch.background'),
                children: (
                  <Space size={6}>
                    <ColorSwatch hex={b.background} size={18} />
                    <span>{bg ? `${pick(bg.name)} ${b.background}` : b.background}</span>
                  </Space>
                ),
              },
              {
                key: 'opens',
                label: t('batch.opensAt'),
                children: b.opensAt ? formatDateTime(b.opensAt) : t('batch.noLimit'),
              },
              {
                key: 'closes',
                label: t('batch.closesAt'),
                children: b.closesAt ? formatDateTime(b.closesAt) : t('batch.noLimit'),
              },
              { key: 'roster', label: t('batch.hasRoster'), children: b.hasRoster ? t('yes') : t('no') },
              { key: 'created', label: t('batch.createdAt'), children: formatDateTime(b.createdAt) },
            ]}
          />
        </Card>
      </Col>
      <BatchFormModal
        open={editing}
        schoolId={b.schoolId}
        batch={b}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          qc.setQueryData(consoleBatchKey(saved.id), saved);
          void qc.invalidateQueries({ queryKey: batchesKey });
          void message.success(t('batch.saved', { name: saved.name }));
        }}
      />
    </Row>
  );
}

/** A batch's overview tab: 特征码 big with copy, every setting, edit (admins). */
export function BatchOverviewPage({ staff }: { staff: StaffProfile }) {
  const { id = '' } = useParams();
  return (
    <BatchNav batchId={id} tab="overview" role={staff.role}>
      {(b) => <Overview b={b} admin={staff.role === 'admin'} />}
    </BatchNav>
  );
}
