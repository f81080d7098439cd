import { ApartmentOutlined, ShopOutlined, ToolOutlined } from '@ant-design/icons';
import { Card, Col, Layout, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '../components/LinkButton';
import { LangSwitch } from '../components/LangSwitch';

/** `/`: the three entries. */
export function LandingPage() {
  const { t } = useTranslation();
  const entries: { key: 'partner' | 'customer' | 'ops'; icon: ReactNode; desc: string }[] = [
    { key: 'partner', icon: <ApartmentOutlined />, desc: t('app.partnerDesc') },
    { key: 'customer', icon: <ShopOutlined />, desc: t('app.customerDesc') },
    { key: 'ops', icon: <ToolOutlined />, desc: t('app.opsDesc') },
  ];
  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(135deg,#fff1f0 0%,#fff 55%)' }}>
      <Layout.Header style={{ background: 'transparent', display: 'flex', justifyContent: 'flex-end', alignItems: 'center' }}>
        <LangSwitch />
      </Layout.Header>
      <Layout.Content style={{ maxWidth: 1080, margin: '0 auto', padding: '48px 24px', width: '100%' }}>
        <Typography.Title style={{ textAlign: 'center' }}>{t('app.landingTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 48 }}>
          {t('app.landingSubtitle')}
        </Typography.Paragraph>
        <Row gutter={[24, 24]}>
          {entries.map((e) => (
            <Col xs={24} md={8} key={e.key}>
              <Card hoverable style={{ height: '100%' }}>
                <div style={{ fontSize: 40, color: '#c7000b' }}>{e.icon}</div>
                <Typography.Title level={3}>{t(`app.${e.key}`)}</Typography.Title>
                <Typography.Paragraph type="secondary" style={{ minHeight: 66 }}>
                  {e.desc}
                </Typography.Paragraph>
                <LinkButton type="primary" to={`/${e.key}`} data-testid={`enter-${e.key}`}>
                  {t('app.enter')}
                </LinkButton>
              </Card>
            </Col>
          ))}
        </Row>
      </Layout.Content>
    </Layout>
  );
}
