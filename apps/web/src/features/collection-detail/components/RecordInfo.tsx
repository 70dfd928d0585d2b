import { List } from 'antd-mobile';
import type { CollectionView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';
import { formatDate } from '../../../lib/format-date.js';

/** The 学历 record (masked ID) and the batch's terms. */
export function RecordInfo({ collection }: { collection: CollectionView }) {
  const { t } = useLang('collection-detail');
  const g = collection.graduate;
  const b = collection.batch;
  const rows: Array<[string, string]> = [
    [t('fields.studentNumber'), g.studentNumber],
    [t('fields.idNumber'), g.idNumberMasked],
    [t('fields.departmentMajor'), [g.department, g.major].filter(Boolean).join(' / ')],
    [t('fields.education'), [g.educationLevel, g.educationCategory].filter(Boolean).join(' · ')],
    [t('fields.identity'), t(`identity.${collection.identity}`)],
    [t('fields.email'), g.email],
    [t('fields.batch'), b.name],
    [t('fields.fee'), b.payer === 'school' ? t('batch.schoolPays') : formatYuan(b.priceNoPrintsCents)],
    [t('fields.deadline'), b.closesAt ? formatDate(b.closesAt) : t('batch.noDeadline')],
  ];
  return (
    <List mode="card" header={t('record.title')} className="record-info" data-testid="record-info">
      {rows.map(([label, value]) => (
        <List.Item key={label} extra={value || '—'}>
          {label}
        </List.Item>
      ))}
    </List>
  );
}
