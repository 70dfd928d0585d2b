import { useState } from 'react';
import { Button, List, Selector } from 'antd-mobile';
import type { GraduatePreview, Identities } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { FormError } from '../../../components/student/FormError.js';

export type Identity = (typeof Identities)[number];

/** Step 4: everything the record says (ID masked) and the identity (新生 / 毕业生), then add. */
export function ConfirmStep({
  graduate,
  busy,
  error,
  onEdit,
  onConfirm,
}: {
  graduate: GraduatePreview;
  busy: boolean;
  error: string | null;
  /** Back to the form (only when the details came from it). */
  onEdit?: () => void;
  onConfirm: (identity: Identity) => void;
}) {
  const { t } = useLang('collections');
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [missing, setMissing] = useState(false);
  const level = graduate.educationLevel
    ? t(`level.${graduate.educationLevel}`, { defaultValue: graduate.educationLevel })
    : '—';
  const category = graduate.educationCategory
    ? t(`category.${graduate.educationCategory}`, { defaultValue: graduate.educationCategory })
    : '—';
  const rows: Array<[string, string, string]> = [
    ['name', t('fields.name'), graduate.name],
    ['studentNumber', t('fields.studentNumber'), graduate.studentNumber],
    ['idNumber', t('fields.idNumber'), graduate.idNumberMasked],
    ['school', t('fields.school'), graduate.schoolName],
    [
      'departmentMajor',
      t('fields.departmentMajor'),
      [graduate.department, graduate.major].filter(Boolean).join(' / '),
    ],
    ['educationLevel', t('fields.educationLevel'), level],
    ['educationCategory', t('fields.educationCategory'), category],
    ['email', t('fields.email'), graduate.email],
    ['phone', t('fields.phone'), graduate.phone || t('confirm.none')],
  ];
  return (
    <>
      <section className="confirm-hero">
        <div className="confirm-hero__avatar" aria-hidden="true">
          {Array.from(graduate.name)[0] ?? '?'}
        </div>
        <div>
          <div className="confirm-hero__name">{graduate.name}</div>
          <div className="confirm-hero__sub">{graduate.schoolName}</div>
        </div>
      </section>
      <List mode="card" header={t('confirm.title')} className="confirm-list" data-testid="confirm-list">
        {rows.map(([key, label, value]) => (
          <List.Item key={key} extra={<span data-testid={`confirm-${key}`}>{value || '—'}</span>}>
            {label}
          </List.Item>
        ))}
      </List>
      {onEdit && (
        <button type="button" className="text-link confirm-edit" onClick={onEdit} data-testid="confirm-edit">
          {t('confirm.edit')}
        </button>
      )}
      <section className="card">
        <div className="card__title">{t('confirm.identity')}</div>
        <Selector<Identity>
          columns={2}
          options={[
            { label: t('identity.freshman'), description: t('identity.freshmanHint'), value: 'freshman' },
            { label: t('identity.graduate'), description: t('identity.graduateHint'), value: 'graduate' },
          ]}
          value={identity ? [identity] : []}
          onChange={(v) => {
            setIdentity(v[0] ?? null);
            setMissing(false);
          }}
          data-testid="identity"
        />
        {missing && <p className="field-error">{t('confirm.identityRequired')}</p>}
      </section>
      {error && <FormError message={error} />}
      <Button
        block
        color="primary"
        size="large"
        shape="rounded"
        loading={busy}
        disabled={busy}
        onClick={() => (identity ? onConfirm(identity) : setMissing(true))}
        data-testid="confirm-add"
      >
        {t('confirm.submit')}
      </Button>
      <p className="privacy-note">{t('confirm.privacy')}</p>
    </>
  );
}
