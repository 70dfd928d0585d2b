import { useEffect, type ReactElement } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Button, ErrorBlock, SpinLoading } from 'antd-mobile';
import type { StudentProfile } from '@gradphoto/contracts/accounts';
import { useLang } from '../../lib/i18n.js';
import { useCentre, useSession } from '../../lib/session.js';
import { LoginPage } from '../../features/auth/routes/LoginPage.js';
import { RegisterPage } from '../../features/auth/routes/RegisterPage.js';
import { ResetPasswordPage } from '../../features/auth/routes/ResetPasswordPage.js';
import { HomePage } from '../../features/home/routes/HomePage.js';
import { AccountPage } from '../../features/account/routes/AccountPage.js';
import { HelpPage } from '../../features/help/routes/HelpPage.js';
import { LegalPage } from '../../features/legal/routes/LegalPage.js';
import { NewOrderPage } from '../../features/orders/routes/NewOrderPage.js';
import { ReprintPage } from '../../features/orders/routes/ReprintPage.js';
import { OrderDetailPage } from '../../features/orders/routes/OrderDetailPage.js';
import { AddressBookPage } from '../../features/addresses/routes/AddressBookPage.js';
import { AddressEditPage } from '../../features/addresses/routes/AddressEditPage.js';
import { NotificationsPage } from '../../features/notifications/routes/NotificationsPage.js';
import { AddCollectionPage } from '../../features/collections/routes/AddCollectionPage.js';
import { CollectionDetailPage } from '../../features/collection-detail/routes/CollectionDetailPage.js';
import { PhotoPage } from '../../features/photo/routes/PhotoPage.js';
import { PhotoResultPage } from '../../features/photo/routes/PhotoResultPage.js';

function FullPageSpinner() {
  return (
    <div className="full-center">
      <SpinLoading color="primary" />
    </div>
  );
}

function LoadError({ onRetry }: { onRetry: () => void }) {
  const { t } = useLang();
  return (
    <div className="full-center">
      <ErrorBlock status="disconnected" title={t('errors.loadTitle')} description={t('errors.network')}>
        <Button color="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </ErrorBlock>
    </div>
  );
}

/** Renders `page(student)` for a signed-in student, else sends them to /login (remembering where they were). */
function Private({ page }: { page: (s: StudentProfile) => ReactElement }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageSpinner />;
  if (session.isError) return <LoadError onRetry={() => void session.refetch()} />;
  if (!session.data.student) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return page(session.data.student);
}

/** Signed-out pages; a signed-in student goes home. */
function Public({ page }: { page: ReactElement }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageSpinner />;
  if (session.data?.student)
    return <Navigate to={(location.state as { from?: string } | null)?.from ?? '/'} replace />;
  return page;
}

function Help() {
  const session = useSession();
  return <HelpPage signedIn={Boolean(session.data?.student)} />;
}

export function StudentRoutes() {
  const centre = useCentre();
  const { t } = useLang();
  useEffect(() => {
    document.title = centre.data ? `${centre.data.name} · ${t('common.appName')}` : t('common.appName');
  }, [centre.data, t]);
  return (
    <Routes>
      <Route path="/" element={<Private page={(s) => <HomePage student={s} />} />} />
      <Route path="/account" element={<Private page={(s) => <AccountPage student={s} />} />} />
      <Route path="/help" element={<Help />} />
      <Route path="/orders/new" element={<Private page={() => <NewOrderPage />} />} />
      <Route path="/orders/reprint" element={<Private page={() => <ReprintPage />} />} />
      <Route path="/orders/:orderNo" element={<Private page={() => <OrderDetailPage />} />} />
      <Route path="/addresses" element={<Private page={() => <AddressBookPage />} />} />
      <Route path="/addresses/new" element={<Private page={() => <AddressEditPage />} />} />
      <Route path="/addresses/:id/edit" element={<Private page={() => <AddressEditPage />} />} />
      <Route path="/notifications" element={<Private page={() => <NotificationsPage />} />} />
      <Route path="/collections/new" element={<Private page={(s) => <AddCollectionPage student={s} />} />} />
      <Route path="/collections/:id" element={<Private page={() => <CollectionDetailPage />} />} />
      <Route path="/collections/:id/photo" element={<Private page={() => <PhotoPage />} />} />
      <Route path="/collections/:id/photo/:submissionId" element={<Private page={() => <PhotoResultPage />} />} />
      <Route path="/login" element={<Public page={<LoginPage />} />} />
      <Route path="/register" element={<Public page={<RegisterPage />} />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/legal/agreement" element={<LegalPage doc="agreement" />} />
      <Route path="/legal/privacy" element={<LegalPage doc="privacy" />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
