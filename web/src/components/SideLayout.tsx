import { Layout, Menu } from 'antd';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { HeaderUser } from './HeaderUser';

export interface SideItem {
  path: string;
  label: ReactNode;
  icon?: ReactNode;
  testId?: string;
}

/** Header + left menu frame of the customer portal and the ops console. */
export function SideLayout({ portal, brand, homePath, items, userItems, inboxPath }: { portal: string; brand: string; homePath: string; items: SideItem[]; userItems: MenuProps['items']; inboxPath: string }) {
  const location = useLocation();
  const selected = items
    .filter((i) => location.pathname === i.path || location.pathname.startsWith(i.path + '/'))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#1f1f1f', padding: '0 24px' }}>
        <Link to={homePath} style={{ color: '#fff', fontSize: 18, fontWeight: 600 }} data-testid="brand">
          {brand}
        </Link>
        <HeaderUser portal={portal} dark inboxPath={inboxPath} items={userItems} />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={208} theme="light" breakpoint="lg" collapsedWidth={0}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            style={{ height: '100%', borderRight: 0 }}
            items={items.map((i) => ({ key: i.path, icon: i.icon, label: <Link to={i.path} data-testid={i.testId}>{i.label}</Link> }))}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, background: '#f5f5f5' }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
