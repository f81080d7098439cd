import { CompassOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session';
import { LinkButton } from '../../components/LinkButton';
import { pickText } from '../../i18n';
import { flattenLeaves, PARTNER_BASE } from './menu';

/** 主页: welcome and the 发展路径 card (the paths module fills it later). */
export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const name = me?.actor.displayName ?? '';
  if (me?.actor.kind === 'account') {
    return (
      <Card>
        <Typography.Title level={3} data-testid="home-welcome">
          {t('home.welcome', { name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.employeeDesc')}</Typography.Paragraph>
        <Space>
          <LinkButton type="primary" to={`${PARTNER_BASE}/me/invitations`}>
            {t('layout.myInvitations')}
          </LinkButton>
          <LinkButton to={`${PARTNER_BASE}/me/qualifications`}>{t('layout.myQualifications')}</LinkButton>
        </Space>
      </Card>
    );
  }
  const shortcuts = flattenLeaves(me?.menus ?? [])
    .filter((l) => l.node.route && l.node.route !== '/home')
    .slice(0, 8);
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="home-welcome">
            {t('home.welcome', { name })}
          </Typography.Title>
          <Typography.Text type="secondary">{t('home.welcomeDesc')}</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t('home.pathTitle')} data-testid="home-path-card">
          <Space direction="vertical">
            <Typography.Paragraph>
              <CompassOutlined style={{ fontSize: 28, color: '#c7000b', marginRight: 12 }} />
              {t('home.pathDesc')}
            </Typography.Paragraph>
            <LinkButton type="primary" to={`${PARTNER_BASE}/paths`} data-testid="explore-paths">
              {t('home.explorePath')}
            </LinkButton>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('home.quick')}>
          <Space wrap>
            {shortcuts.map((l) => (
              <LinkButton key={l.node.route} to={PARTNER_BASE + l.node.route!}>
                {pickText(l.node)}
              </LinkButton>
            ))}
          </Space>
        </Card>
      </Col>
    </Row>
  );
}
