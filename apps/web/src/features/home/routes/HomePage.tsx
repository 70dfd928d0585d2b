import { Link } from 'react-router-dom';
import { Button } from 'antd-mobile';
import { PhoneFill, RightOutline } from 'antd-mobile-icons';
import type { StudentProfile } from '@gradphoto/contracts/accounts';
import { useLang } from '../../../lib/i18n.js';
import { useCentre, useLogout } from '../../../lib/session.js';
import { AppShell } from '../../../components/student/AppShell.js';
import { JourneySteps } from '../components/JourneySteps.js';
import { CollectionsEmpty } from '../components/CollectionsEmpty.js';

export function HomePage({ student }: { student: StudentProfile }) {
  const { t } = useLang();
  const centre = useCentre();
  const logout = useLogout();
  return (
    <AppShell>
      <section className="greeting">
        <div>
          <h1 className="greeting__hello" data-testid="greeting">
            {t('home.hello', { name: student.name })}
          </h1>
          <div className="greeting__id" data-testid="masked-id">
            {t(`idType.${student.idType}`)} {student.idNumberMasked}
          </div>
        </div>
        <Button
          size="mini"
          shape="rounded"
          className="greeting__logout"
          onClick={() => void logout()}
          data-testid="logout"
        >
          {t('common.logout')}
        </Button>
      </section>
      <section className="card">
        <div className="card__title">{t('home.progress')}</div>
        <JourneySteps current={1} />
        <p className="card__hint">{t('home.nextStep')}</p>
      </section>
      <CollectionsEmpty />
      {centre.data && (
        <Link to="/help" className="card card--link">
          <PhoneFill className="card--link__icon" />
          <div className="card--link__body">
            <div>{t('home.needHelp')}</div>
            <small>
              {centre.data.phone} · {centre.data.serviceHours}
            </small>
          </div>
          <RightOutline />
        </Link>
      )}
    </AppShell>
  );
}
