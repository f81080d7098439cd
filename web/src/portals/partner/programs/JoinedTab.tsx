import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { DownloadLink, StatusTag, useTx } from '../paths/ui';
import { guideDate, guideTime, KEYS, PROGRAMS_BASE, RESELLERS_PATH, SCORECARD_PATH, useMemberships, type Membership } from './api';
import { T } from './text';

const certificateUrl = (id: string) => `/api/programs/memberships/${encodeURIComponent(id)}/certificate`;
const STATUS_COLORS: Record<Membership['status'], string> = { active: 'joined', expired: 'expired', exiting: 'expiring', ended: 'ended' };

/**
 * 已加入伙伴计划 (ops 27, 16): one card per plan with 查看详情, 下载证书 (the four plans of R41, while in
 * force) and 提升等级 (solution provider below 核心).
 */
export function JoinedTab() {
  const tx = useTx();
  const q = useMemberships();
  const items = q.data?.items ?? [];
  if (q.isLoading) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Alert type="info" showIcon message={tx(T.certificateRule)} />
      {items.length === 0 ? (
        <Empty description={tx(T.emptyJoined)} data-testid="joined-empty" />
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((m) => (
            <Col xs={24} md={12} xl={8} key={m.id ?? m.program}>
              <MembershipCard m={m} />
            </Col>
          ))}
        </Row>
      )}
      <Typography.Text type="secondary">{tx(T.joinedMore)}</Typography.Text>
    </Space>
  );
}

function MembershipCard({ m }: { m: Membership }) {
  const tx = useTx();
  const navigate = useNavigate();
  return (
    <Card
      data-testid={`joined-${m.program}`}
      title={
        <Space>
          {m.hasCertificate && <SafetyCertificateOutlined style={{ color: '#c7000b' }} />}
          {tx(m.programName)}
        </Space>
      }
      extra={
        <Space size={4}>
          <StatusTag status={STATUS_COLORS[m.status]} name={tx(m.statusName)} testId={`joined-status-${m.program}`} />
          {m.nonCompliant && <Tag color="red">{tx(T.nonCompliant)}</Tag>}
        </Space>
      }
      actions={[
        <Space key="a" wrap style={{ padding: '0 12px' }}>
          {m.id && (
            <Button type="link" onClick={() => navigate(`${PROGRAMS_BASE}/memberships/${m.id}`)} data-testid={`joined-detail-${m.program}`}>
              {tx(T.viewDetail)}
            </Button>
          )}
          {m.hasCertificate && m.id && (
            <DownloadLink url={certificateUrl(m.id)} disabled={!m.canDownloadCertificate} testId={`joined-certificate-${m.program}`}>
              {tx(T.downloadCertificate)}
            </DownloadLink>
          )}
          {m.canUpgrade && (
            <Button type="link" onClick={() => navigate(`${PROGRAMS_BASE}/level-upgrade`)} data-testid="joined-upgrade">
              {tx(T.upgrade)}
            </Button>
          )}
          {m.program === 'distributor' && (
            <>
              <Button type="link" onClick={() => navigate(SCORECARD_PATH)} data-testid="joined-scorecard">
                {tx(T.scorecard)}
              </Button>
              <Button type="link" onClick={() => navigate(RESELLERS_PATH)}>
                {tx(T.rmTitle)}
              </Button>
            </>
          )}
          {m.program === 'reseller' && (
            <Button type="link" onClick={() => navigate(`${PROGRAMS_BASE}?tab=distributor`)}>
              {tx(T.myDistributorTitle)}
            </Button>
          )}
        </Space>,
      ]}
    >
      <Descriptions size="small" column={1}>
        {m.levelName && <Descriptions.Item label={tx(T.currentLevel)}>{tx(m.levelName)}</Descriptions.Item>}
        {m.businessRegion && <Descriptions.Item label={tx(T.businessRegion)}>{m.businessRegion}</Descriptions.Item>}
        <Descriptions.Item label={tx(T.joinedAt)}>{guideDate(m.joinedAt)}</Descriptions.Item>
        {m.expiresAt && <Descriptions.Item label={tx(T.expiresAt)}>{guideDate(m.expiresAt)}</Descriptions.Item>}
        <Descriptions.Item label={tx(T.certificate)}>{tx(m.hasCertificate ? T.hasCertificate : T.noCertificate)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** 查看详情 of a joined plan. */
export function MembershipDetailPage() {
  const tx = useTx();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: [...KEYS.memberships, id], queryFn: () => api.GET('/api/programs/memberships/{id}', { params: { path: { id } } }) });
  if (q.isLoading) return <Skeleton active />;
  if (!q.data) return <Result status="404" title={q.error instanceof Error ? q.error.message : tx(T.membershipTitle)} />;
  const m = q.data;
  return (
    <Card
      title={`${tx(T.membershipTitle)} · ${tx(m.programName)}`}
      data-testid="membership-detail"
      extra={
        <Space>
          {m.hasCertificate && m.id && (
            <DownloadLink button url={certificateUrl(m.id)} disabled={!m.canDownloadCertificate} testId="membership-certificate">
              {tx(T.downloadCertificate)}
            </DownloadLink>
          )}
          {m.canUpgrade && (
            <Button type="primary" onClick={() => navigate(`${PROGRAMS_BASE}/level-upgrade`)}>
              {tx(T.upgrade)}
            </Button>
          )}
          <Button onClick={() => navigate(`${PROGRAMS_BASE}?tab=joined`)}>{tx({ zh: '返回', en: 'Back' })}</Button>
        </Space>
      }
    >
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={tx(T.program)}>{tx(m.programName)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.status)}>
          <StatusTag status={STATUS_COLORS[m.status]} name={tx(m.statusName)} />
          {m.nonCompliant && <Tag color="red">{tx(T.nonCompliant)}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={tx(T.currentLevel)}>{m.levelName ? tx(m.levelName) : '--'}</Descriptions.Item>
        <Descriptions.Item label={tx(T.businessRegion)}>{m.businessRegion ?? '--'}</Descriptions.Item>
        <Descriptions.Item label={tx(T.joinedAt)}>{guideTime(m.joinedAt)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.expiresAt)}>{guideTime(m.expiresAt)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.certificate)}>{tx(m.hasCertificate ? T.hasCertificate : T.noCertificate)}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {tx(T.joinedMore)}
      </Typography.Paragraph>
    </Card>
  );
}
