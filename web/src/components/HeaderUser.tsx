import { BellOutlined, DownOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Space } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout, useMe } from '../auth/session';
import { useUnreadCount } from '../pages/InboxPage';
import { LangSwitch } from './LangSwitch';

/**
 * Right side of every portal header: 消息中心 bell with the unread badge, language switch,
 * and the user-name drop-down (portal-specific items first, then 退出登录).
 */
export function HeaderUser({ portal, items, inboxPath, dark }: { portal: string; items: MenuProps['items']; inboxPath: string; dark?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const logout = useLogout();
  const unread = useUnreadCount(!!me && me.actor.kind !== 'anonymous');
  const color = dark ? '#fff' : undefined;
  return (
    <Space size="middle">
      <Badge count={unread.data ?? 0} size="small" data-testid="header-unread">
        <Button type="text" icon={<BellOutlined style={{ color }} />} aria-label={t('layout.inbox')} data-testid="header-inbox" onClick={() => navigate(inboxPath)} />
      </Badge>
      <LangSwitch dark={dark} />
      <Dropdown
        trigger={['click', 'hover']}
        menu={{
          items: [
            ...(items ?? []),
            { type: 'divider' },
            {
              key: 'logout',
              label: <span data-testid="logout">{t('common.logout')}</span>,
              onClick: async () => {
                await logout();
                navigate(`/${portal}/login`, { replace: true });
              },
            },
          ],
        }}
      >
        <Button type="text" style={{ color }} data-testid="user-menu">
          <UserOutlined /> {me?.actor.displayName ?? ''} <DownOutlined />
        </Button>
      </Dropdown>
    </Space>
  );
}
