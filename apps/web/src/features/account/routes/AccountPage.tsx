import { Button, List } from 'antd-mobile';
import type { StudentProfile } from '@gradphoto/contracts/accounts';
import { maskPhone } from '@gradphoto/contracts/id-number';
import { useLang } from '../../../lib/i18n.js';
import { useLogout } from '../../../lib/session.js';
import { AppShell } from '../../../components/student/AppShell.js';

/** The student's profile (masked where personal), language choice and logout. */
export function AccountPage({ student }: { student: StudentProfile }) {
  const { t, lang, setLanguage } = useLang();
  const logout = useLogout();
  const created = new Date(student.createdAt);
  return (
    <AppShell title={t('account.title')}>
      <div className="profile-head">
        <div className="profile-head__avatar" aria-hidden="true">
          {Array.from(student.name)[0]}
        </div>
        <div>
          <div className="profile-head__name" data-testid="account-name">
            {student.name}
          </div>
          <div className="profile-head__sub">{student.email}</div>
        </div>
      </div>
      <List header={t('account.profile')} mode="card">
        <List.Item extra={t(`idType.${student.idType}`)}>{t('fields.idType')}</List.Item>
        <List.Item extra={student.idNumberMasked}>
          {t(student.idType === 'passport' ? 'fields.passportNumber' : 'fields.idNumber')}
        </List.Item>
        <List.Item extra={t(`gender.${student.gender}`)}>{t('fields.gender')}</List.Item>
        <List.Item extra={student.phone ? maskPhone(student.phone) : t('account.none')}>
          {t('fields.phone')}
        </List.Item>
        <List.Item extra={student.email}>{t('fields.email')}</List.Item>
        <List.Item extra={Number.isNaN(created.getTime()) ? '' : created.toLocaleDateString(lang)}>
          {t('account.createdAt')}
        </List.Item>
      </List>
      <List header={t('account.settings')} mode="card">
        <List.Item
          extra={lang === 'en' ? 'English' : '简体中文'}
          onClick={() => setLanguage(lang === 'en' ? 'zh-CN' : 'en')}
          clickable
        >
          {t('lang.label')}
        </List.Item>
      </List>
      <div className="page-actions">
        <Button
          block
          shape="rounded"
          color="danger"
          fill="outline"
          onClick={() => void logout()}
          data-testid="logout"
        >
          {t('common.logout')}
        </Button>
      </div>
      <p className="privacy-note">{t('account.privacyNote')}</p>
    </AppShell>
  );
}
