import { useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Dropdown, Layout, Menu, Space, Tag, Typography, theme } from 'antd';
import {
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  ExportOutlined,
  FileSearchOutlined,
  LogoutOutlined,
  ShoppingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import { useLang } from '../../lib/i18n.js';
import { centreName, useCentre } from '../../lib/session.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** The menu item a page belongs to (batch pages sit under schools). */
export function menuKeyOf(pathname: string): string {
  const first = '/' + (pathname.split('/')[1] ?? '');
  return first === '/batches' ? '/schools' : first;
}

const ROLE_COLOR = { admin: 'blue', reviewer: 'green', school_coordinator: 'orange' } as const;

/** Console frame: sider menu, header with centre name, user, role, language switch and logout. */
export function ConsoleLayout({
  staff,
  onLogout,
  children,
}: {
  staff: StaffProfile;
  onLogout: () => void;
  children: ReactNode;
}) {
  const { t, lang } = useLang();
  const centre = useCentre();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();
  const items = [
    { key: '/', icon: <DashboardOutlined />, label: t('console.menu.dashboard') },
    ...(staff.role !== 'reviewer'
      ? [{ key: '/schools', icon: <BankOutlined />, label: t('console.menu.schools') }]
      : []),
    ...(staff.role !== 'school_coordinator'
      ? [{ key: '/reviews', icon: <AuditOutlined />, label: t('console.menu.reviews') }]
      : []),
    ...(staff.role !== 'school_coordinator'
      ? [{ key: '/orders', icon: <ShoppingOutlined />, label: t('console.menu.orders') }]
      : []),
    ...(staff.role !== 'reviewer'
      ? [{ key: '/exports', icon: <ExportOutlined />, label: t('console.batchNav.exports') }]
      : []),
    ...(staff.role === 'admin'
      ? [{ key: '/audit', icon: <FileSearchOutlined />, label: t('console.menu.audit') }]
      : []),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={224}
        theme="light"
        style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
      >
        <div
          style={{
            height: 64,
            display: 'flex',
            alignItems: 'center',
            gap: 10,
            padding: collapsed ? '0 24px' : '0 20px',
            overflow: 'hidden',
            whiteSpace: 'nowrap',
          }}
        >
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {!collapsed && (
            <Typography.Text strong style={{ fontSize: 15 }}>
              {t('console.title')}
            </Typography.Text>
          )}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[menuKeyOf(location.pathname)]}
          items={items}
          onClick={({ key }) => void navigate(key)}
          style={{ borderInlineEnd: 0 }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            gap: 16,
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="centre-name" ellipsis>
            {centreName(centre.data, lang)}
          </Typography.Text>
          <Space size="middle">
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: [
                  { key: 'logout', icon: <LogoutOutlined />, label: t('common.logout'), onClick: onLogout },
                ],
              }}
              placement="bottomRight"
            >
              <Space style={{ cursor: 'pointer' }} data-testid="staff-user">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                <span>{staff.name || staff.username}</span>
                <Tag color={ROLE_COLOR[staff.role]} data-testid="staff-role" style={{ marginInlineEnd: 0 }}>
                  {t(`console.roles.${staff.role}`)}
                </Tag>
              </Space>
            </Dropdown>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              onClick={onLogout}
              data-testid="logout"
              aria-label={t('common.logout')}
            />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
