import { Breadcrumb, Layout, Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../../auth/session';
import { HeaderUser } from '../../components/HeaderUser';
import { pickText } from '../../i18n';
import { matchLeaf, PARTNER_BASE, PARTNER_INFO_ZH, toMenuItems } from './menu';

/**
 * 伙伴中心 frame: top navigation (主页 计划 组织 … 支持) from the permitted menus, nested menus
 * as drop-downs; the user-name drop-down carries 伙伴信息, 消息中心, 导出记录, 修改密码, 退出登录.
 */
export function PartnerLayout() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: me } = useMe();
  const menus = me?.menus ?? [];
  const isEmployee = me?.actor.kind === 'account';

  const { topItems, infoItems } = useMemo(() => {
    const top = menus.filter((m) => m.zh !== PARTNER_INFO_ZH);
    const info = menus.find((m) => m.zh === PARTNER_INFO_ZH);
    const topItems: NonNullable<MenuProps['items']> = toMenuItems(top, navigate);
    if (isEmployee) {
      if (!top.some((m) => m.route === '/home')) topItems.unshift({ key: `${PARTNER_BASE}/home`, label: t('layout.console'), onClick: () => navigate(`${PARTNER_BASE}/home`) });
      topItems.push(
        { key: `${PARTNER_BASE}/me/invitations`, label: <span data-testid="nav-my-invitations">{t('layout.myInvitations')}</span>, onClick: () => navigate(`${PARTNER_BASE}/me/invitations`) },
        { key: `${PARTNER_BASE}/me/qualifications`, label: <span data-testid="nav-my-qualifications">{t('layout.myQualifications')}</span>, onClick: () => navigate(`${PARTNER_BASE}/me/qualifications`) },
      );
    }
    const infoItems: NonNullable<MenuProps['items']> = info
      ? [{ key: 'info', type: 'group', label: pickText(info), children: toMenuItems(info.children ?? [], navigate, 'info/') }]
      : [{ key: `${PARTNER_BASE}/info/basic`, label: t('profile.basicInfo'), onClick: () => navigate(`${PARTNER_BASE}/info/basic`) }];
    return { topItems, infoItems };
    // i18n.language: labels are re-picked when the language changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [menus, isEmployee, navigate, t, i18n.language]);

  const current = matchLeaf(menus, location.pathname);
  const ownPages: Record<string, string> = {
    [`${PARTNER_BASE}/me/invitations`]: t('layout.myInvitations'),
    [`${PARTNER_BASE}/me/qualifications`]: t('layout.myQualifications'),
    [`${PARTNER_BASE}/inbox`]: t('layout.inbox'),
    [`${PARTNER_BASE}/exports`]: t('layout.exports'),
    [`${PARTNER_BASE}/password`]: t('layout.changePassword'),
    [`${PARTNER_BASE}/real-name`]: t('auth.realName'),
  };
  const ownKey = Object.keys(ownPages).find((k) => location.pathname.startsWith(k));
  const selectedKeys = current?.node.route ? [PARTNER_BASE + current.node.route] : ownKey ? [ownKey] : [];
  const crumbs = current ? current.trail.map((n) => pickText(n)) : ownKey ? [ownPages[ownKey]!] : [];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#1f1f1f', padding: '0 24px' }}>
        <Link to={`${PARTNER_BASE}/home`} style={{ color: '#fff', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }} data-testid="brand">
          {t('app.partner')}
        </Link>
        <Menu theme="dark" mode="horizontal" items={topItems} selectedKeys={selectedKeys} style={{ flex: 1, minWidth: 0, background: 'transparent' }} data-testid="top-nav" />
        <HeaderUser
          portal="partner"
          dark
          inboxPath={`${PARTNER_BASE}/inbox`}
          items={[
            ...infoItems,
            { type: 'divider' },
            { key: 'inbox', label: <span data-testid="menu-inbox">{t('layout.inbox')}</span>, onClick: () => navigate(`${PARTNER_BASE}/inbox`) },
            { key: 'exports', label: <span data-testid="menu-exports">{t('layout.exports')}</span>, onClick: () => navigate(`${PARTNER_BASE}/exports`) },
            { key: 'password', label: <span data-testid="menu-password">{t('layout.changePassword')}</span>, onClick: () => navigate(`${PARTNER_BASE}/password`) },
          ]}
        />
      </Layout.Header>
      <Layout.Content style={{ padding: '16px 24px', background: '#f5f5f5' }}>
        {crumbs.length > 0 && <Breadcrumb style={{ marginBottom: 16 }} items={crumbs.map((title) => ({ title }))} />}
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
