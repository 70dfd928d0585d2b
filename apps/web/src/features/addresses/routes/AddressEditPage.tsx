import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { SpinLoading, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import type { AddressInput } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { safeReturnPath, withQuery } from '../../../lib/return-path.js';
import { SubPageShell } from '../../../components/student/SubPageShell.js';
import { addressesKey, createAddress, updateAddress, useAddresses } from '../api/addresses.js';
import { AddressForm } from '../components/AddressForm.js';
import '../addresses.css';

/** New address (`/addresses/new`) or an edit (`/addresses/:id/edit`); afterwards back to where the student came from. */
export function AddressEditPage() {
  const { id } = useParams();
  const { t } = useLang('addresses');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const back = safeReturnPath(params.get('return'));
  const list = useAddresses();
  const editing = id ? list.data?.find((a) => a.id === id) : undefined;

  const save = async (body: AddressInput) => {
    const saved = id ? await updateAddress(id, body) : await createAddress(body);
    await qc.invalidateQueries({ queryKey: addressesKey });
    Toast.show({ icon: 'success', content: t('form.saved') });
    // an order page that sent us here gets the new address chosen
    void navigate(back ? withQuery(back, { address: saved.id }) : '/addresses', { replace: true });
  };

  const title = id ? t('form.editTitle') : t('form.newTitle');
  const backTo = back ? `/addresses?return=${encodeURIComponent(back)}` : '/addresses';
  if (id && list.isPending)
    return (
      <SubPageShell title={title} backTo={backTo}>
        <div className="page-state">
          <SpinLoading color="primary" />
        </div>
      </SubPageShell>
    );
  if (id && !editing) return <Navigate to="/addresses" replace />;
  return (
    <SubPageShell title={title} backTo={backTo}>
      <div className="address-form">
        <AddressForm initial={editing} onSave={save} />
      </div>
    </SubPageShell>
  );
}
