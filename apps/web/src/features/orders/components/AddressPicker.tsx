import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Button, SpinLoading } from 'antd-mobile';
import { SheetPopup } from '../../../components/student/SheetPopup.js';
import { AddOutline, EnvironmentOutline, RightOutline } from 'antd-mobile-icons';
import type { AddressView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { useAddresses } from '../api/orders.js';
import { pickAddress } from './order-form.js';
import { ChoiceCard } from './ChoiceCard.js';

interface Props {
  chosenId: string | null;
  onChoose: (id: string) => void;
}

function AddressLines({ a }: { a: AddressView }) {
  const { t } = useLang('orders');
  return (
    <>
      <span className="address-line__who">
        {a.recipient} <span className="address-line__phone">{a.phone}</span>
        {a.isDefault && <span className="tag-default">{t('address.default')}</span>}
      </span>
      <span className="address-line__where">
        {a.regionText} {a.street}
      </span>
    </>
  );
}

/** The mailing address of an order: the chosen (or default) one, changed in a sheet; new ones in the address book. */
export function AddressPicker({ chosenId, onChoose }: Props) {
  const { t } = useLang('orders');
  const navigate = useNavigate();
  const location = useLocation();
  const addresses = useAddresses();
  const [open, setOpen] = useState(false);
  const here = location.pathname + location.search;
  const toBook = (path: string) => void navigate(`${path}?return=${encodeURIComponent(here)}`);

  if (addresses.isPending) return <SpinLoading color="primary" style={{ '--size': '24px' }} />;
  const list = addresses.data ?? [];
  const current = pickAddress(list, chosenId);

  if (!current)
    return (
      <button
        type="button"
        className="address-empty"
        onClick={() => toBook('/addresses/new')}
        data-testid="address-add"
      >
        <AddOutline />
        <span>{t('address.add')}</span>
        <RightOutline />
      </button>
    );

  return (
    <>
      <button
        type="button"
        className="address-current"
        onClick={() => setOpen(true)}
        data-testid="address-current"
      >
        <EnvironmentOutline className="address-current__icon" />
        <span className="address-line">
          <AddressLines a={current} />
        </span>
        <RightOutline />
      </button>
      <SheetPopup open={open} onClose={() => setOpen(false)} title={t('address.choose')}>
        <div className="sheet-popup__list" role="radiogroup">
          {list.map((a) => (
            <ChoiceCard
              key={a.id}
              checked={a.id === current.id}
              onSelect={() => {
                onChoose(a.id);
                setOpen(false);
              }}
              title={<AddressLines a={a} />}
              testId="address-option"
            />
          ))}
        </div>
        <div className="sheet-popup__actions">
          <Button block shape="rounded" onClick={() => toBook('/addresses')}>
            {t('address.manage')}
          </Button>
          <Button block shape="rounded" color="primary" onClick={() => toBook('/addresses/new')}>
            <AddOutline /> {t('address.add')}
          </Button>
        </div>
      </SheetPopup>
    </>
  );
}
