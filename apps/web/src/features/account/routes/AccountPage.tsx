import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, List } from 'antd-mobile';
import {
  BellOutline,
  DeleteOutline,
  EnvironmentOutline,
  GlobalOutline,
  QuestionCircleOutline,
} from 'antd-mobile-icons';
import type { CodeChannel, StudentProfile } from '@gradphoto/contracts/accounts';
import { maskPhone } from '@gradphoto/contracts/id-number';
import { useLang } from '../../../lib/i18n.js';
import { centreHours, useCentre, useLogout } from '../../../lib/session.js';
import { AppShell } from '../../../components/student/AppShell.js';
import { useUnread } from '../api/account.js';
import { AvatarPicker } from '../components/AvatarPicker.js';
import { ContactChange } from '../components/ContactChange.js';
import { DeleteAccount } from '../components/DeleteAccount.js';
import '../account.css';

/** 我的: avatar, identity (read-only), contact (changed with a code), addresses, help, language, logout, data deletion. */
export function AccountPage({ student }: { student: StudentProfile }) {
  const { t, lang, setLanguage } = useLang('account');
  const navigate = useNavigate();
  const logout = useLogout();
  const centre = useCentre();
  const unread = useUnread();
  const [changing, setChanging] = useState<CodeChannel | null>(null);
  const [erasing, setErasing] = useState(false);
  const created = new Date(student.createdAt);
  return (
    <AppShell title={t('title')}>
      <div className="profile-head">
        <AvatarPicker student={student} />
        <div>
          <div className="profile-head__name" data-testid="account-name">
            {student.name}
          </div>
          <div className="profile-head__sub">{t('avatar.hint')}</div>
        </div>
      </div>
      <List header={t('identity')} mode="card" data-testid="identity">
        <List.Item extra={student.name}>{t('fields.name')}</List.Item>
        <List.Item extra={t(`idType.${student.idType}`)}>{t('fields.idType')}</List.Item>
        <List.Item extra={student.idNumberMasked}>
          {t(student.idType === 'passport' ? 'fields.passportNumber' : 'fields.idNumber')}
        </List.Item>
        <List.Item extra={t(`gender.${student.gender}`)}>{t('fields.gender')}</List.Item>
        <List.Item extra={Number.isNaN(created.getTime()) ? '' : created.toLocaleDateString(lang)}>
          {t('createdAt')}
        </List.Item>
      </List>
      <p className="account-note">{t('identityNote')}</p>
      <List header={t('contact.title')} mode="card">
        <List.Item
          extra={
            <span data-testid="account-phone">{student.phone ? maskPhone(student.phone) : t('none')}</span>
          }
          onClick={() => setChanging('sms')}
          clickable
          data-testid="change-phone"
        >
          {t('fields.phone')}
        </List.Item>
        <List.Item
          extra={<span data-testid="account-email">{student.email}</span>}
          onClick={() => setChanging('email')}
          clickable
          data-testid="change-email"
        >
          {t('fields.email')}
        </List.Item>
      </List>
      <p className="account-note">{t('contact.tapToChange')}</p>
      <List header={t('services')} mode="card">
        <List.Item
          prefix={<EnvironmentOutline />}
          onClick={() => void navigate('/addresses')}
          clickable
          data-testid="to-addresses"
        >
          {t('addresses')}
        </List.Item>
        <List.Item
          prefix={<BellOutline />}
          extra={unread.data ? <Badge content={unread.data} /> : null}
          onClick={() => void navigate('/notifications')}
          clickable
        >
          {t('notifications')}
        </List.Item>
        <List.Item
          prefix={<QuestionCircleOutline />}
          extra={centre.data?.phone}
          description={centreHours(centre.data, lang)}
          onClick={() => void navigate('/help')}
          clickable
        >
          {t('help')}
        </List.Item>
        <List.Item
          prefix={<GlobalOutline />}
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
      <p className="privacy-note">{t('privacyNote')}</p>
      <List mode="card" className="danger-entry">
        <List.Item
          prefix={<DeleteOutline />}
          description={t('erase.entryHint')}
          onClick={() => setErasing(true)}
          clickable
          data-testid="to-erase"
        >
          {t('erase.entry')}
        </List.Item>
      </List>
      <ContactChange channel={changing ?? 'sms'} open={changing !== null} onClose={() => setChanging(null)} />
      <DeleteAccount open={erasing} onClose={() => setErasing(false)} />
    </AppShell>
  );
}
