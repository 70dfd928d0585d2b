import { Suspense, useCallback, useEffect, useState } from 'react';
import { Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import { useLang } from '../../lib/i18n.js';
import { lazyPage } from '../../lib/lazy-page.js';
import { centreName, useCentre, useLogout, useSession, useSessionChanged } from '../../lib/session.js';
import { ConsoleLayout } from '../../components/console/ConsoleLayout.js';
import { ForbiddenResult } from '../../components/console/ForbiddenResult.js';
import { ConsoleLoginPage } from '../../features/console-auth/routes/ConsoleLoginPage.js';
import { DashboardPage } from '../../features/console-dashboard/routes/DashboardPage.js';
import { RoleGate } from '../../components/console/RoleGate.js';

// The login and the dashboard come with the app; every other page is fetched when first opened.
const ReviewsPage = lazyPage(() =>
  import('../../features/console-review/routes/ReviewsPage.js').then((m) => m.ReviewsPage),
);
const SchoolsPage = lazyPage(() =>
  import('../../features/console-schools/routes/SchoolsPage.js').then((m) => m.SchoolsPage),
);
const SchoolDetailPage = lazyPage(() =>
  import('../../features/console-schools/routes/SchoolDetailPage.js').then((m) => m.SchoolDetailPage),
);
const BatchOverviewPage = lazyPage(() =>
  import('../../features/console-schools/routes/BatchOverviewPage.js').then((m) => m.BatchOverviewPage),
);
const RosterPage = lazyPage(() =>
  import('../../features/console-roster/routes/RosterPage.js').then((m) => m.RosterPage),
);
const CodesPage = lazyPage(() =>
  import('../../features/console-codes/routes/CodesPage.js').then((m) => m.CodesPage),
);
const OrdersPage = lazyPage(() =>
  import('../../features/console-orders/routes/OrdersPage.js').then((m) => m.OrdersPage),
);
const ExportsPage = lazyPage(() =>
  import('../../features/console-exports/routes/ExportsPage.js').then((m) => m.ExportsPage),
);
const AuditPage = lazyPage(() =>
  import('../../features/console-audit/routes/AuditPage.js').then((m) => m.AuditPage),
);
/** While a page's chunk downloads: a spinner inside the layout (menu and header stay). */
function PageSpinner() {
  return (
    <div style={{ padding: 64, display: 'flex', justifyContent: 'center' }}>
      <Spin />
    </div>
  );
}

function Loading() {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

function LoginRoute() {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (session.data?.staff) return <Navigate to="/" replace />;
  return <ConsoleLoginPage />;
}

/** Staff-only area: 401 (nobody) → login; a student session (or a 403 from the API) → the no-permission page. */
function Guarded() {
  const { t, errorText } = useLang();
  const session = useSession();
  const navigate = useNavigate();
  const changed = useSessionChanged();
  const staffLogout = useLogout('/api/console/auth/logout');
  const studentLogout = useLogout('/api/auth/logout');
  const [forbidden, setForbidden] = useState(false);

  const onAuthError = useCallback(
    (status: 401 | 403) => {
      if (status === 403) setForbidden(true);
      else void changed().then(() => navigate('/login', { replace: true }));
    },
    [changed, navigate],
  );

  if (session.isPending) return <Loading />;
  if (session.isError)
    return (
      <Result
        status="error"
        title={t('errors.loadTitle')}
        subTitle={errorText(session.error)}
        extra={<Button onClick={() => void session.refetch()}>{t('common.retry')}</Button>}
      />
    );
  const { staff, student } = session.data;
  if (!staff) {
    if (student)
      return <ForbiddenResult student onSwitch={() => void studentLogout().then(() => navigate('/login'))} />;
    return <Navigate to="/login" replace />;
  }
  const logout = () => void staffLogout().then(() => navigate('/login', { replace: true }));
  return (
    <ConsoleLayout staff={staff} onLogout={logout}>
      {forbidden ? (
        <ForbiddenResult student={false} onSwitch={logout} />
      ) : (
        <Suspense fallback={<PageSpinner />}>
          <Routes>
            <Route path="/" element={<DashboardPage staff={staff} onAuthError={onAuthError} />} />
            <Route
              path="/reviews/*"
              element={
                <RoleGate staff={staff} roles={['admin', 'reviewer']} onSwitch={logout}>
                  <ReviewsPage staff={staff} onAuthError={onAuthError} />
                </RoleGate>
              }
            />
            {/* console-ui: schools, batches and the batch tabs */}
            <Route
              path="/schools"
              element={
                <RoleGate staff={staff} roles={['admin', 'school_coordinator']} onSwitch={logout}>
                  <SchoolsPage staff={staff} />
                </RoleGate>
              }
            />
            <Route
              path="/schools/:id"
              element={
                <RoleGate staff={staff} roles={['admin', 'school_coordinator']} onSwitch={logout}>
                  <SchoolDetailPage staff={staff} />
                </RoleGate>
              }
            />
            <Route path="/batches/:id" element={<BatchOverviewPage staff={staff} />} />
            <Route
              path="/batches/:id/roster"
              element={
                <RoleGate staff={staff} roles={['admin', 'school_coordinator']} onSwitch={logout}>
                  <RosterPage staff={staff} />
                </RoleGate>
              }
            />
            <Route
              path="/batches/:id/codes"
              element={
                <RoleGate staff={staff} roles={['admin', 'school_coordinator']} onSwitch={logout}>
                  <CodesPage staff={staff} />
                </RoleGate>
              }
            />
            <Route
              path="/orders/*"
              element={
                <RoleGate staff={staff} roles={['admin', 'reviewer']} onSwitch={logout}>
                  <OrdersPage staff={staff} />
                </RoleGate>
              }
            />
            <Route
              path="/exports"
              element={
                <RoleGate staff={staff} roles={['admin', 'school_coordinator']} onSwitch={logout}>
                  <ExportsPage staff={staff} />
                </RoleGate>
              }
            />
            <Route
              path="/audit"
              element={
                <RoleGate staff={staff} roles={['admin']} onSwitch={logout}>
                  <AuditPage />
                </RoleGate>
              }
            />
            <Route
              path="*"
              element={
                <Result
                  status="404"
                  title={t('console.notFound')}
                  extra={
                    <Button type="primary" onClick={() => void navigate('/')}>
                      {t('console.backHome')}
                    </Button>
                  }
                />
              }
            />
          </Routes>
        </Suspense>
      )}
    </ConsoleLayout>
  );
}

export function ConsoleRoutes() {
  const centre = useCentre();
  const { t, lang } = useLang();
  useEffect(() => {
    document.title = centre.data
      ? `${centreName(centre.data, lang)} · ${t('console.title')}`
      : t('console.title');
  }, [centre.data, lang, t]);
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      <Route path="/*" element={<Guarded />} />
    </Routes>
  );
}
