import { useState } from 'react';
import {
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { AuditEntry } from '@gradphoto/contracts/console-audit';
import { useLang } from '../../../lib/i18n.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { ConsolePage } from '../../../components/console/ConsolePage.js';
import { QueryError } from '../../../components/console/QueryError.js';
import { KNOWN_ACTIONS, useAudit, type AuditParams } from '../api/audit.js';

interface Filters {
  actorType?: AuditParams['actorType'];
  /** A staff username, or any actor's id. */
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 };
const clean = (s?: string) => s?.trim() || undefined;

/** 审计日志: every staff action and every view of a full ID number, searchable by actor, action, target and dates. */
export function AuditPage() {
  const { t } = useLang('console-audit');
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Omit<AuditParams, 'page' | 'pageSize'>>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const audit = useAudit({ ...filters, ...paging });
  const apply = (v: Filters) => {
    const [from, to] = v.dates ?? [null, null];
    setFilters({
      actorType: v.actorType,
      actor: clean(v.actor),
      action: clean(v.action),
      targetType: clean(v.targetType),
      targetId: clean(v.targetId),
      from: from ? from.startOf('day').toISOString() : undefined,
      to: to ? to.endOf('day').toISOString() : undefined,
    });
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const filterBy = (patch: Partial<Filters>) => {
    form.setFieldsValue(patch);
    apply(form.getFieldsValue());
  };
  const actionLabel = (a: string) => t(`actions.${a.replace(/\./g, '_')}`, { defaultValue: a });

  return (
    <ConsolePage title={t('title')} subtitle={t('subtitle')} testId="audit-page">
      <Card style={{ marginBottom: 16 }}>
        <Form<Filters> form={form} layout="inline" onFinish={apply} style={{ rowGap: 12 }}>
          <Form.Item name="actorType" label={t('f.actorType')}>
            <Select
              allowClear
              style={{ width: 120 }}
              placeholder={t('f.any')}
              options={(['staff', 'student', 'system'] as const).map((a) => ({
                value: a,
                label: t(`actorType.${a}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="actor" label={t('f.actor')}>
            <Input allowClear style={{ width: 200 }} placeholder={t('f.actorPlaceholder')} />
          </Form.Item>
          <Form.Item name="action" label={t('f.action')}>
            <AutoComplete
              allowClear
              style={{ width: 240 }}
              placeholder={t('f.actionPlaceholder')}
              options={KNOWN_ACTIONS.map((a) => ({ value: a, label: `${actionLabel(a)} · ${a}` }))}
              showSearch={{
                filterOption: (input, o) =>
                  String(o?.label ?? '')
                    .toLowerCase()
                    .includes(input.toLowerCase()),
              }}
              data-testid="audit-action"
            />
          </Form.Item>
          <Form.Item name="targetType" label={t('f.targetType')}>
            <Input allowClear style={{ width: 120 }} placeholder="batch" />
          </Form.Item>
          <Form.Item name="targetId" label={t('f.targetId')}>
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="dates" label={t('f.dates')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                {t('f.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  apply({});
                }}
              >
                {t('f.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        {audit.isError ? (
          <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="small"
            tableLayout="fixed"
            loading={audit.isFetching}
            dataSource={audit.data?.items ?? []}
            data-testid="audit-table"
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: audit.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('total', { n }),
              onChange: (page, pageSize) => setPaging({ page, pageSize }),
            }}
            columns={[
              {
                title: t('col.time'),
                dataIndex: 'createdAt',
                width: 150,
                render: (d: string) => formatDateTime(d),
              },
              {
                title: t('col.actor'),
                key: 'actor',
                width: 160,
                render: (_: unknown, e) => (
                  <span>
                    <Tag>{t(`actorType.${e.actorType}`)}</Tag>
                    {e.actorId ? (
                      <Typography.Link
                        onClick={() =>
                          filterBy({
                            actor: e.actorUsername ?? e.actorId ?? undefined,
                            actorType: e.actorType,
                          })
                        }
                      >
                        {e.actorName ?? e.actorId.slice(0, 8)}
                      </Typography.Link>
                    ) : null}
                  </span>
                ),
              },
              {
                title: t('col.action'),
                dataIndex: 'action',
                width: 200,
                render: (a: string) => (
                  <Typography.Link onClick={() => filterBy({ action: a })}>
                    {actionLabel(a)}
                    <Typography.Text type="secondary" style={{ ...mono, display: 'block' }}>
                      {a}
                    </Typography.Text>
                  </Typography.Link>
                ),
              },
              {
                title: t('col.target'),
                key: 'target',
                width: 160,
                render: (_: unknown, e) =>
                  e.targetType ? (
                    <Typography.Link
                      onClick={() =>
                        filterBy({ targetType: e.targetType ?? undefined, targetId: e.targetId ?? undefined })
                      }
                      style={mono}
                    >
                      {e.targetType}:{e.targetId?.slice(0, 8)}
                    </Typography.Link>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('col.details'),
                dataIndex: 'details',
                render: (d: Record<string, unknown>) => (
                  <Typography.Text style={mono} ellipsis={{ tooltip: JSON.stringify(d, null, 1) }}>
                    {Object.keys(d).length ? JSON.stringify(d) : '—'}
                  </Typography.Text>
                ),
              },
              {
                title: 'IP',
                dataIndex: 'ip',
                width: 120,
                render: (ip: string | null) => <span style={mono}>{ip ?? '—'}</span>,
              },
            ]}
          />
        )}
      </Card>
    </ConsolePage>
  );
}
