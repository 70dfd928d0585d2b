import { Collapse, List } from 'antd-mobile';
import { ClockCircleOutline, PhoneFill } from 'antd-mobile-icons';
import { useLang } from '../../../lib/i18n.js';
import { centreHours, centreName, useCentre } from '../../../lib/session.js';
import { AppShell } from '../../../components/student/AppShell.js';
import { AuthShell } from '../../../components/student/AuthShell.js';

const FAQ = ['code', 'foreign', 'photo', 'privacy'] as const;

/** Centre contact (phone, service hours) and a few answers. Reachable signed in or not. */
export function HelpPage({ signedIn }: { signedIn: boolean }) {
  const { t, lang } = useLang();
  const centre = useCentre();
  const body = (
    <>
      <section className="card help-contact">
        <div className="card__title">{centreName(centre.data, lang) || t('common.appName')}</div>
        <List mode="default">
          <List.Item
            prefix={<PhoneFill />}
            extra={
              centre.data ? (
                <a href={`tel:${centre.data.phone}`} data-testid="centre-phone">
                  {centre.data.phone}
                </a>
              ) : (
                '—'
              )
            }
          >
            {t('help.phone')}
          </List.Item>
          <List.Item
            prefix={<ClockCircleOutline />}
            extra={<span data-testid="centre-hours">{centreHours(centre.data, lang) || '—'}</span>}
          >
            {t('help.hours')}
          </List.Item>
        </List>
      </section>
      <section className="card">
        <div className="card__title">{t('help.faqTitle')}</div>
        <Collapse accordion>
          {FAQ.map((k) => (
            <Collapse.Panel key={k} title={t(`help.faq.${k}.q`)}>
              {t(`help.faq.${k}.a`)}
            </Collapse.Panel>
          ))}
        </Collapse>
      </section>
    </>
  );
  return signedIn ? (
    <AppShell title={t('help.title')}>{body}</AppShell>
  ) : (
    <AuthShell title={t('help.title')} back>
      <div className="help-public">{body}</div>
    </AuthShell>
  );
}
