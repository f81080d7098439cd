import { Card, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session';
import { LinkButton } from '../../components/LinkButton';
import { pickText } from '../../i18n';
import { flattenLeaves, PARTNER_BASE } from './menu';
import { HcpnEntryCard } from './hcpn/HcpnEntryCard';
import { PathHomeSummary } from './paths/PathHomeSummary';
import { ExpiryBanner } from './programs/ExpiryNotice';
import { SCORECARD_PATH, useMemberships } from './programs/api';

/** 积分卡 module of the distributor's 主页 (L2102): shown while the account is in the distribution plan. */
function ScorecardCard() {
  const { t } = useTranslation();
  const { data } = useMemberships();
  if (!data?.items.some((m) => m.program === 'distributor')) return null;
  return (
    <Col xs={24} lg={14}>
      <Card title={t('home.scorecardTitle')} data-testid="home-scorecard-card">
        <Typography.Paragraph type="secondary">{t('home.scorecardDesc')}</Typography.Paragraph>
        <LinkButton type="primary" to={SCORECARD_PATH} data-testid="home-scorecard">
          {t('home.scorecardOpen')}
        </LinkButton>
      </Card>
    </Col>
  );
}

/** 主页: welcome, the solution-provider expiry notice, the 发展路径 card, the distributor's 积分卡, shortcuts. */
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
        <HcpnEntryCard />
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
      <Col span={24}>
        <ExpiryBanner />
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t('home.pathTitle')} data-testid="home-path-card">
          <PathHomeSummary description={t('home.pathDesc')} />
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
      <ScorecardCard />
    </Row>
  );
}
