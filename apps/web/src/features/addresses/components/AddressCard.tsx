import { Dialog, Toast } from 'antd-mobile';
import { CheckCircleFill, DeleteOutline, EditSOutline } from 'antd-mobile-icons';
import type { AddressView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { deleteAddress, updateAddress } from '../api/addresses.js';

interface Props {
  address: AddressView;
  /** In pick mode the card chooses the address (for the page that sent the student here). */
  onPick?: () => void;
  onEdit: () => void;
  onChanged: () => Promise<unknown>;
}

/** One address: who, where, default mark; edit, delete, make default. */
export function AddressCard({ address: a, onPick, onEdit, onChanged }: Props) {
  const { t, errorText } = useLang('addresses');
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      Toast.show({ icon: 'success', content: done });
    } catch (e) {
      Toast.show({ content: errorText(e) });
    }
    await onChanged();
  };
  const remove = async () => {
    const ok = await Dialog.confirm({
      content: t('book.deleteAsk'),
      confirmText: t('book.delete'),
      cancelText: t('common.cancel'),
    });
    if (ok) await run(() => deleteAddress(a.id), t('book.deleted'));
  };
  const makeDefault = () =>
    run(
      () =>
        updateAddress(a.id, {
          recipient: a.recipient,
          phone: a.phone,
          provinceCode: a.provinceCode,
          cityCode: a.cityCode,
          districtCode: a.districtCode,
          street: a.street,
          isDefault: true,
        }),
      t('book.defaultSet'),
    );

  return (
    <article className="card address-card" data-testid="address-card">
      <button
        type="button"
        className="address-card__main"
        onClick={onPick ?? onEdit}
        aria-label={onPick ? t('book.use') : t('book.edit')}
      >
        <span className="address-card__who">
          {a.recipient} <span className="address-card__phone">{a.phone}</span>
          {a.isDefault && <span className="tag-default">{t('book.default')}</span>}
        </span>
        <span className="address-card__where">
          {a.regionText} {a.street}
        </span>
      </button>
      <div className="address-card__actions">
        {a.isDefault ? (
          <span className="address-card__is-default">
            <CheckCircleFill /> {t('book.isDefault')}
          </span>
        ) : (
          <button
            type="button"
            className="text-link"
            onClick={() => void makeDefault()}
            data-testid="address-make-default"
          >
            {t('book.makeDefault')}
          </button>
        )}
        <span className="address-card__spacer" />
        <button type="button" className="icon-text" onClick={onEdit} data-testid="address-edit">
          <EditSOutline /> {t('book.edit')}
        </button>
        <button
          type="button"
          className="icon-text icon-text--danger"
          onClick={() => void remove()}
          data-testid="address-delete"
        >
          <DeleteOutline /> {t('book.delete')}
        </button>
      </div>
    </article>
  );
}
