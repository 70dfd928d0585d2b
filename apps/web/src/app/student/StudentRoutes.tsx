import { Component, Suspense, useEffect, type ReactElement, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Button, ErrorBlock, SpinLoading } from 'antd-mobile';
import type { StudentProfile } from '@gradphoto/contracts/accounts';
import { useLang } from '../../lib/i18n.js';
import { lazyPage } from '../../lib/lazy-page.js';
import { centreName, useCentre, useSession } from '../../lib/session.js';
// The login page is most visitors' first screen: it comes with the app. Every other page is a chunk of its
// own, fetched when first shown (BENCHMARKS.md has the sizes).
import { LoginPage } from '../../features/auth/routes/LoginPage.js';

const RegisterPage = lazyPage(() =>
  import('../../features/auth/routes/RegisterPage.js').then((m) => m.RegisterPage),
);
const ResetPasswordPage = lazyPage(() =>
  import('../../features/auth/routes/ResetPasswordPage.js').then((m) => m.ResetPasswordPage),
);
const HomePage = lazyPage(
  () => import('../../features/home/routes/HomePage.js').then((m) => m.HomePage),
  'home',
);
const AccountPage = lazyPage(
  () => import('../../features/account/routes/AccountPage.js').then((m) => m.AccountPage),
  'account',
);
const HelpPage = lazyPage(() => import('../../features/help/routes/HelpPage.js').then((m) => m.HelpPage));
const LegalPage = lazyPage(() => import('../../features/legal/routes/LegalPage.js').then((m) => m.LegalPage));
const NewOrderPage = lazyPage(
  () => import('../../features/orders/routes/NewOrderPage.js').then((m) => m.NewOrderPage),
  'orders',
);
const ReprintPage = lazyPage(
  () => import('../../features/orders/routes/ReprintPage.js').then((m) => m.ReprintPage),
  'orders',
);
const OrderDetailPage = lazyPage(
  () => import('../../features/orders/routes/OrderDetailPage.js').then((m) => m.OrderDetailPage),
  'orders',
);
const AddressBookPage = lazyPage(
  () => import('../../features/addresses/routes/AddressBookPage.js').then((m) => m.AddressBookPage),
  'addresses',
);
const AddressEditPage = lazyPage(
  () => import('../../features/addresses/routes/AddressEditPage.js').then((m) => m.AddressEditPage),
  'addresses',
);
const NotificationsPage = lazyPage(
  () => import('../../features/notifications/routes/NotificationsPage.js').then((m) => m.NotificationsPage),
  'notifications',
);
const AddCollectionPage = lazyPage(
  () => import('../../features/collections/routes/AddCollectionPage.js').then((m) => m.AddCollectionPage),
  'collections',
);
const CollectionDetailPage = lazyPage(
  () =>
    import('../../features/collection-detail/routes/CollectionDetailPage.js').then(
      (m) => m.CollectionDetailPage,
    ),
  'collection-detail',
);
const PhotoPage = lazyPage(
  () => import('../../features/photo/routes/PhotoPage.js').then((m) => m.PhotoPage),
  'photo',
);
const PhotoResultPage = lazyPage(
  () => import('../../features/photo/routes/PhotoResultPage.js').then((m) => m.PhotoResultPage),
  'photo',
);

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

/**
 * A page that cannot render — most often its chunk failed to download on a flaky connection (a lazy page
 * remembers the failure, so retrying means reloading).
 */
class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <LoadError onRetry={() => window.location.reload()} /> : this.props.children;
  }
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
  const { t, lang } = useLang();
  useEffect(() => {
    document.title = centre.data
      ? `${centreName(centre.data, lang)} · ${t('common.appName')}`
      : t('common.appName');
  }, [centre.data, lang, t]);
  return (
    <PageErrorBoundary>
      <Suspense fallback={<FullPageSpinner />}>
        <StudentPages />
      </Suspense>
    </PageErrorBoundary>
  );
}

function StudentPages() {
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
      <Route
        path="/collections/:id/photo/:submissionId"
        element={<Private page={() => <PhotoResultPage />} />}
      />
      <Route path="/login" element={<Public page={<LoginPage />} />} />
      <Route path="/register" element={<Public page={<RegisterPage />} />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/legal/agreement" element={<LegalPage doc="agreement" />} />
      <Route path="/legal/privacy" element={<LegalPage doc="privacy" />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
