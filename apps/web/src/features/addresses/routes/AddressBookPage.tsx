import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, ErrorBlock, SpinLoading } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useLang } from '../../../lib/i18n.js';
import { safeReturnPath, withQuery } from '../../../lib/return-path.js';
import { SubPageShell } from '../../../components/student/SubPageShell.js';
import { useAddresses } from '../api/addresses.js';
import { AddressCard } from '../components/AddressCard.js';
import '../addresses.css';

/** 收货地址: the address book. With `?return=` (from an order page), tapping an address chooses it. */
export function AddressBookPage() {
  const { t, errorText } = useLang('addresses');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const back = safeReturnPath(params.get('return'));
  const list = useAddresses();
  const carry = back ? `?return=${encodeURIComponent(back)}` : '';

  let body;
  if (list.isPending)
    body = (
      <div className="page-state">
        <SpinLoading color="primary" />
      </div>
    );
  else if (list.isError)
    body = <ErrorBlock status="default" title={t('errors.loadTitle')} description={errorText(list.error)} />;
  else if (list.data.length === 0)
    body = (
      <div className="card empty-state" data-testid="addresses-empty">
        <svg className="empty-state__art" viewBox="0 0 120 84" aria-hidden="true">
          <rect x="14" y="16" width="92" height="56" rx="10" fill="var(--soft-primary)" />
          <path
            d="M60 22c-10 0-17 7-17 16 0 12 17 28 17 28s17-16 17-28c0-9-7-16-17-16z"
            fill="var(--adm-color-primary)"
            opacity=".55"
          />
          <circle cx="60" cy="38" r="6" fill="#fff" />
        </svg>
        <div className="empty-state__title">{t('book.emptyTitle')}</div>
        <p className="empty-state__text">{t('book.emptyText')}</p>
      </div>
    );
  else
    body = (
      <>
        {back && <p className="address-pick-hint">{t('book.pickHint')}</p>}
        {list.data.map((a) => (
          <AddressCard
            key={a.id}
            address={a}
            onPick={
              back ? () => void navigate(withQuery(back, { address: a.id }), { replace: true }) : undefined
            }
            onEdit={() => void navigate(`/addresses/${a.id}/edit${carry}`)}
            onChanged={() => list.refetch()}
          />
        ))}
      </>
    );

  return (
    <SubPageShell
      title={t('book.title')}
      backTo={back ?? '/account'}
      footer={
        <Button
          block
          color="primary"
          shape="rounded"
          size="large"
          onClick={() => void navigate(`/addresses/new${carry}`)}
          data-testid="address-new"
        >
          <AddOutline /> {t('book.add')}
        </Button>
      }
    >
      {body}
    </SubPageShell>
  );
}
