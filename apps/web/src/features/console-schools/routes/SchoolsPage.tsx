import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { App, Button, Input, Table, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import type { SchoolView } from '@gradphoto/contracts/console-batches';
import { useQueryClient } from '@tanstack/react-query';
import { useLang } from '../../../lib/i18n.js';
import { ConsolePage } from '../../../components/console/ConsolePage.js';
import { QueryError } from '../../../components/console/QueryError.js';
import { schoolsKey, useBatches, useSchools } from '../api/schools.js';
import { SchoolFormModal } from '../components/SchoolFormModal.js';
import { BatchesTable } from '../components/BatchesTable.js';

function SchoolsTab({ staff }: { staff: StaffProfile }) {
  const { t } = useLang('console-schools');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<SchoolView | 'new' | null>(null);
  const schools = useSchools({ q: q || undefined, ...paging });
  const admin = staff.role === 'admin';
  if (schools.isError) return <QueryError error={schools.error} onRetry={() => void schools.refetch()} />;
  return (
    <>
      <div style={{ display: 'flex', gap: 8, marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('school.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          style={{ maxWidth: 360 }}
          name="q"
        />
        <div style={{ flex: 1 }} />
        {admin && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="school-create"
          >
            {t('school.create')}
          </Button>
        )}
      </div>
      <Table<SchoolView>
        rowKey="id"
        size="middle"
        loading={schools.isFetching}
        dataSource={schools.data?.items ?? []}
        data-testid="schools-table"
        onRow={(s) => ({ onClick: () => void navigate(`/schools/${s.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: schools.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('total', { n }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          {
            title: t('school.name'),
            dataIndex: 'name',
            render: (name: string) => <Typography.Link>{name}</Typography.Link>,
          },
          { title: t('school.code'), dataIndex: 'code', width: 160 },
          { title: t('school.region'), dataIndex: 'region', width: 160 },
          { title: t('school.batchCount'), dataIndex: 'batchCount', width: 120, align: 'right' },
          ...(admin
            ? [
                {
                  title: t('actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, s: SchoolView) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={(e) => {
                        e.stopPropagation();
                        setEditing(s);
                      }}
                    >
                      {t('edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <SchoolFormModal
        open={editing !== null}
        school={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(s) => {
          const created = editing === 'new';
          setEditing(null);
          void message.success(t(created ? 'school.created' : 'school.saved', { name: s.name }));
          void qc.invalidateQueries({ queryKey: schoolsKey });
          if (created) void navigate(`/schools/${s.id}`);
        }}
      />
    </>
  );
}

function AllBatchesTab() {
  const { t } = useLang('console-schools');
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const batches = useBatches({ q: q || undefined, ...paging });
  if (batches.isError) return <QueryError error={batches.error} onRetry={() => void batches.refetch()} />;
  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('batch.search')}
        onSearch={(v) => {
          setQ(v.trim());
          setPaging((p) => ({ ...p, page: 1 }));
        }}
        style={{ maxWidth: 360, marginBottom: 16 }}
        name="batch-q"
      />
      <BatchesTable
        data={batches.data}
        loading={batches.isFetching}
        {...paging}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
        showSchool
      />
    </>
  );
}

/** 学校与批次: schools (admins create and edit) and every batch, both searchable with server paging. */
export function SchoolsPage({ staff }: { staff: StaffProfile }) {
  const { t } = useLang('console-schools');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'batches' ? 'batches' : 'schools';
  return (
    <ConsolePage title={t('title')} subtitle={t('subtitle')} testId="schools-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'batches' ? { tab: k } : {}, { replace: true })}
        items={[
          { key: 'schools', label: t('tabs.schools'), children: <SchoolsTab staff={staff} /> },
          { key: 'batches', label: t('tabs.batches'), children: <AllBatchesTab /> },
        ]}
      />
    </ConsolePage>
  );
}
