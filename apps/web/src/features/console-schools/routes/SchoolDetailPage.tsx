import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Descriptions, Input, Skeleton, Space, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import { useLang } from '../../../lib/i18n.js';
import { ConsolePage } from '../../../components/console/ConsolePage.js';
import { DownloadButton } from '../../../components/console/DownloadButton.js';
import { QueryError } from '../../../components/console/QueryError.js';
import { batchesKey, schoolsKey, useBatches, useSchool } from '../api/schools.js';
import { BatchesTable } from '../components/BatchesTable.js';
import { BatchFormModal } from '../components/BatchFormModal.js';
import { SchoolFormModal } from '../components/SchoolFormModal.js';

/** One school: its details, its batches (admins create them) and the QR sheet of all its codes. */
export function SchoolDetailPage({ staff }: { staff: StaffProfile }) {
  const { id = '' } = useParams();
  const { t } = useLang('console-schools');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const school = useSchool(id);
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const batches = useBatches({ schoolId: id, q: q || undefined, ...paging });
  const [editSchool, setEditSchool] = useState(false);
  const [newBatch, setNewBatch] = useState(false);
  const admin = staff.role === 'admin';

  if (school.isPending) return <Skeleton active />;
  if (school.isError) return <QueryError error={school.error} onRetry={() => void school.refetch()} />;
  const s = school.data;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/schools">{t('title')}</Link> }, { title: s.name }]}
      />
      <ConsolePage
        title={s.name}
        testId="school-page"
        extra={
          <>
            {staff.role !== 'reviewer' && (
              <DownloadButton url={`/api/console/schools/${s.id}/codes.pdf`} parts fallbackName="codes.pdf">
                {t('school.codesPdf')}
              </DownloadButton>
            )}
            {admin && (
              <Button icon={<EditOutlined />} onClick={() => setEditSchool(true)}>
                {t('edit')}
              </Button>
            )}
          </>
        }
      >
        <Card style={{ marginBottom: 16 }}>
          <Descriptions
            column={3}
            items={[
              { key: 'code', label: t('school.code'), children: s.code },
              { key: 'region', label: t('school.region'), children: s.region || '—' },
              { key: 'batches', label: t('school.batchCount'), children: s.batchCount },
            ]}
          />
        </Card>
        <Card
          title={t('school.batches')}
          extra={
            <Space>
              <Input.Search
                allowClear
                size="small"
                placeholder={t('batch.search')}
                onSearch={(v) => {
                  setQ(v.trim());
                  setPaging((p) => ({ ...p, page: 1 }));
                }}
                style={{ width: 220 }}
              />
              {admin && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setNewBatch(true)}
                  data-testid="batch-create"
                >
                  {t('batch.create')}
                </Button>
              )}
            </Space>
          }
        >
          {batches.isError ? (
            <QueryError error={batches.error} onRetry={() => void batches.refetch()} />
          ) : batches.data && batches.data.total === 0 && !q ? (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {admin ? t('school.noBatchesAdmin') : t('school.noBatches')}
            </Typography.Paragraph>
          ) : (
            <BatchesTable
              data={batches.data}
              loading={batches.isFetching}
              {...paging}
              onPage={(page, pageSize) => setPaging({ page, pageSize })}
              showSchool={false}
            />
          )}
        </Card>
      </ConsolePage>
      <SchoolFormModal
        open={editSchool}
        school={s}
        onClose={() => setEditSchool(false)}
        onSaved={(saved) => {
          setEditSchool(false);
          void message.success(t('school.saved', { name: saved.name }));
          void qc.invalidateQueries({ queryKey: schoolsKey });
        }}
      />
      <BatchFormModal
        open={newBatch}
        schoolId={s.id}
        batch={null}
        onClose={() => setNewBatch(false)}
        onSaved={(b) => {
          setNewBatch(false);
          void message.success(t('batch.created', { name: b.name, code: b.featureCode }));
          void qc.invalidateQueries({ queryKey: batchesKey });
          void qc.invalidateQueries({ queryKey: schoolsKey });
          void navigate(`/batches/${b.id}`);
        }}
      />
    </>
  );
}
