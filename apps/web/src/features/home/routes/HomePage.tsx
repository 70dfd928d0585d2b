import { Link, useNavigate } from 'react-router-dom';
import { Button, Skeleton } from 'antd-mobile';
import { AddOutline, PhoneFill, RightOutline } from 'antd-mobile-icons';
import type { StudentProfile } from '@gradphoto/contracts/accounts';
import { useLang } from '../../../lib/i18n.js';
import { centreHours, useCentre, useLogout } from '../../../lib/session.js';
import { AppShell } from '../../../components/student/AppShell.js';
import { useCollections, useOrders } from '../api/home.js';
import { collectionStage, sortCollections } from '../components/collection-stage.js';
import { JourneySteps } from '../components/JourneySteps.js';
import { CollectionsEmpty } from '../components/CollectionsEmpty.js';
import { CollectionCard } from '../components/CollectionCard.js';
import { OrdersSection } from '../components/OrdersSection.js';
import { NotificationBell } from '../components/NotificationBell.js';
import '../home.css';

/** 首页: greeting and bell, the journey progress, the student's 学历 with their next step, and orders by tab. */
export function HomePage({ student }: { student: StudentProfile }) {
  const { t, lang } = useLang('home');
  const navigate = useNavigate();
  const centre = useCentre();
  const logout = useLogout();
  const collections = useCollections();
  const orders = useOrders();
  const list = sortCollections(collections.data ?? [], orders.data ?? []);
  const first = list[0];
  const step = first ? collectionStage(first, orders.data ?? []).step : 1;
  const stepHint = first ? t(`stageHint.${collectionStage(first, orders.data ?? []).stage}`) : t('nextStep');

  return (
    <AppShell>
      <section className="greeting">
        <div>
          <h1 className="greeting__hello" data-testid="greeting">
            {t('hello', { name: student.name })}
          </h1>
          <div className="greeting__id" data-testid="masked-id">
            {t(`idType.${student.idType}`)} {student.idNumberMasked}
          </div>
        </div>
        <div className="greeting__tools">
          <NotificationBell />
          <Button
            size="mini"
            shape="rounded"
            className="greeting__logout"
            onClick={() => void logout()}
            data-testid="logout"
          >
            {t('common.logout')}
          </Button>
        </div>
      </section>
      <section className="card">
        <div className="card__title">{t('progress')}</div>
        <JourneySteps current={step} />
        <p className="card__hint" data-testid="next-step">
          {step >= 5 ? t('allDone') : stepHint}
        </p>
      </section>
      <section className="card" data-testid="collections">
        <div className="card__title card__title--row">
          <span>{t('collections')}</span>
          {list.length > 0 && (
            <button
              type="button"
              className="text-link"
              onClick={() => void navigate('/collections/new')}
              data-testid="add-collection"
            >
              <AddOutline /> {t('addCollection')}
            </button>
          )}
        </div>
        {collections.isPending ? (
          <Skeleton.Paragraph lineCount={3} animated />
        ) : list.length === 0 ? (
          <CollectionsEmpty />
        ) : (
          <div className="col-list">
            {list.map((c) => (
              <CollectionCard key={c.id} c={c} orders={orders.data ?? []} />
            ))}
          </div>
        )}
      </section>
      {orders.data && orders.data.length > 0 && <OrdersSection orders={orders.data} />}
      {centre.data && (
        <Link to="/help" className="card card--link">
          <PhoneFill className="card--link__icon" />
          <div className="card--link__body">
            <div>{t('needHelp')}</div>
            <small>
              {centre.data.phone} · {centreHours(centre.data, lang)}
            </small>
          </div>
          <RightOutline />
        </Link>
      )}
    </AppShell>
  );
}
