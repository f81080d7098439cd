import { Card, Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LangSwitch } from '../components/LangSwitch';

/** The frame around login, registration and password pages: brand, language switch, one card. */
export function AuthShell({ title, children, width = 440 }: { title: ReactNode; children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(135deg,#f0f5ff 0%,#fff 60%)' }}>
      <Layout.Header style={{ background: 'transparent', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Link to="/" style={{ fontSize: 18, fontWeight: 600, color: '#c7000b' }}>
          {t('app.name')}
        </Link>
        <LangSwitch />
      </Layout.Header>
      <Layout.Content style={{ display: 'flex', justifyContent: 'center', alignItems: 'flex-start', paddingTop: 48 }}>
        <Card style={{ width, maxWidth: '94vw' }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {title}
            </Typography.Title>
            {children}
          </Space>
        </Card>
      </Layout.Content>
    </Layout>
  );
}
