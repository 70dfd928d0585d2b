import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Breadcrumb, Button, Flex, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { ExportOutlined, ShoppingOutlined } from '@ant-design/icons';
import type { StaffRole } from '@gradphoto/contracts/accounts';
import type { BatchView } from '@gradphoto/contracts/console-batches';
import { useLang } from '../../lib/i18n.js';
import { useConsoleBatch } from './batch-query.js';
import { FeatureCode } from './FeatureCode.js';
import { QueryError } from './QueryError.js';

export type BatchTab = 'overview' | 'roster' | 'codes';

const WINDOW_COLOR = { open: 'green', upcoming: 'blue', closed: 'default' } as const;

/** Which batch tabs a role gets (the server checks again). */
export function batchTabs(role: StaffRole): BatchTab[] {
  return role === 'reviewer' ? ['overview'] : ['overview', 'roster', 'codes'];
}

/**
 * The frame of every page of one batch: breadcrumb, name, window, 特征码, tabs that navigate by URL
 * (each tab belongs to its own feature), and links to the batch's orders and exports.
 */
export function BatchNav({
  batchId,
  tab,
  role,
  children,
}: {
  batchId: string;
  tab: BatchTab;
  role: StaffRole;
  children: (batch: BatchView) => ReactNode;
}) {
  const { t } = useLang();
  const navigate = useNavigate();
  const batch = useConsoleBatch(batchId);
  if (batch.isPending) return <Skeleton active />;
  if (batch.isError) return <QueryError error={batch.error} onRetry={() => void batch.refetch()} />;
  const b = batch.data;
  const base = `/batches/${b.id}`;
  const path = (k: BatchTab) => (k === 'overview' ? base : `${base}/${k}`);
  return (
    <div data-testid="batch-nav">
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          ...(role === 'reviewer'
            ? []
            : [{ title: <Link to="/schools">{t('console.batchNav.schools')}</Link> }]),
          {
            title:
              role === 'reviewer' ? b.schoolName : <Link to={`/schools/${b.schoolId}`}>{b.schoolName}</Link>,
          },
          { title: b.name },
        ]}
      />
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Space size="middle" align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">
            {b.name}
          </Typography.Title>
          <Tag color={WINDOW_COLOR[b.window]} data-testid="batch-window">
            {t(`console.window.${b.window}`)}
          </Tag>
          {b.mode === 'centralized' && (
            <Space size={8} align="center">
              <Typography.Text type="secondary">{t('console.featureCode')}</Typography.Text>
              <FeatureCode code={b.featureCode} size="small" />
            </Space>
          )}
        </Space>
        <Space wrap>
          {role !== 'school_coordinator' && (
            <Button icon={<ShoppingOutlined />} onClick={() => void navigate(`/orders?batchId=${b.id}`)}>
              {t('console.batchNav.orders')}
            </Button>
          )}
          {role !== 'reviewer' && (
            <Button icon={<ExportOutlined />} onClick={() => void navigate(`/exports?batchId=${b.id}`)}>
              {t('console.batchNav.exports')}
            </Button>
          )}
        </Space>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => void navigate(path(k as BatchTab))}
        items={batchTabs(role).map((k) => ({ key: k, label: t(`console.batchNav.${k}`) }))}
        style={{ marginTop: 8 }}
      />
      {children(b)}
    </div>
  );
}
