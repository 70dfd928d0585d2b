import { Select, Table, Tag, Typography } from 'antd';
import { RequiredRosterFields, RosterFields, type RosterField } from '@gradphoto/contracts/console-roster';
import { useLang } from '../../../lib/i18n.js';
import type { ColumnChoice } from '../api/roster-mapping.js';

const required = new Set<string>(RequiredRosterFields);

/** Field ↔ column: one select per roster field, with the first values of the chosen column as a check. */
export function MappingStep({
  header,
  sample,
  choice,
  onChange,
}: {
  header: string[];
  sample: string[][];
  choice: ColumnChoice;
  onChange: (c: ColumnChoice) => void;
}) {
  const { t } = useLang('console-roster');
  const options = header.map((h, i) => ({ value: i, label: h ? `${h}` : t('import.columnN', { n: i + 1 }) }));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('import.mappingHint')}</Typography.Paragraph>
      <Table<{ field: RosterField }>
        size="small"
        rowKey="field"
        pagination={false}
        data-testid="mapping-table"
        dataSource={RosterFields.map((field) => ({ field }))}
        columns={[
          {
            title: t('import.field'),
            dataIndex: 'field',
            width: 150,
            render: (f: RosterField) => (
              <span>
                {t(`fields.${f}`)}
                {required.has(f) && (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {t('import.required')}
                  </Tag>
                )}
              </span>
            ),
          },
          {
            title: t('import.column'),
            key: 'column',
            width: 220,
            render: (_: unknown, { field }) => (
              <Select<number>
                allowClear
                style={{ width: '100%' }}
                placeholder={t('import.notMapped')}
                value={choice[field]}
                options={options}
                status={required.has(field) && choice[field] === undefined ? 'error' : undefined}
                data-testid={`map-${field}`}
                onChange={(v) => {
                  const next = { ...choice };
                  if (v === undefined) delete next[field];
                  else {
                    for (const f of RosterFields) if (next[f] === v) delete next[f];
                    next[field] = v;
                  }
                  onChange(next);
                }}
              />
            ),
          },
          {
            title: t('import.sample'),
            key: 'sample',
            render: (_: unknown, { field }) => {
              const i = choice[field];
              if (i === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
              const values = sample
                .map((r) => r[i] ?? '')
                .filter(Boolean)
                .slice(0, 3);
              return (
                <Typography.Text ellipsis style={{ maxWidth: 360 }}>
                  {values.join(' · ') || '—'}
                </Typography.Text>
              );
            },
          },
        ]}
      />
    </>
  );
}
