import { Alert, Button, Card, Col, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../../../auth/session';
import { LinkButton } from '../../../components/LinkButton';
import { pathDetailUrl, usePaths, type PathSummary } from './api';
import { SelectPathModal } from './SelectPathModal';
import { PATH_INTROS, T } from './text';
import { StatusTag, useTx } from './ui';

/**
 * 主页 > 发展路径 > 探索发展路径 (spec 01 ops 5, 10, 12): the five paths with this account's standing;
 * "选择该路径" opens the stage diagram and "确认选择". The invitation e-mail's link ("这里", ?select=si)
 * opens the choice of the invited path at once.
 */
export function ExplorePathsPage() {
  const tx = useTx();
  const { data: me } = useMe();
  const paths = usePaths();
  const [params, setParams] = useSearchParams();
  const [selecting, setSelecting] = useState<PathSummary | null>(null);
  const admin = !!me?.actor.isAdmin;

  // the e-mail link: open the invited path's choice once the list is known
  const wanted = params.get('select');
  useEffect(() => {
    if (!wanted || !paths.data) return;
    const p = paths.data.items.find((x) => x.type === wanted);
    if (p && p.status !== 'joined' && p.status !== 'pending_review') setSelecting(p);
    setParams({}, { replace: true });
  }, [wanted, paths.data, setParams]);

  if (paths.isLoading) return <Skeleton active />;
  const items = paths.data?.items ?? [];
  return (
    <Card title={tx(T.explore)} data-testid="paths-explore">
      <Typography.Paragraph type="secondary">{tx(T.exploreIntro)}</Typography.Paragraph>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tx(T.consult)} />
      {items.length === 0 ? (
        <Empty />
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((p) => {
            const canChoose = admin && (p.status === 'not_joined' || p.status === 'rejected' || p.status === 'withdrawn') && (!p.inviteOnly || p.invited);
            return (
              <Col xs={24} md={12} xl={8} key={p.type}>
                <Card
                  size="small"
                  data-testid={`path-card-${p.type}`}
                  title={p.name}
                  extra={<StatusTag status={p.status} name={p.statusName} testId={`path-status-${p.type}`} />}
                  style={{ height: '100%' }}
                >
                  <Typography.Paragraph type="secondary" style={{ minHeight: 44 }}>
                    {tx(PATH_INTROS[p.type] ?? { zh: '', en: '' })}
                  </Typography.Paragraph>
                  <Space wrap style={{ marginBottom: 12 }}>
                    {p.inviteOnly && <Tag>{tx(T.inviteOnly)}</Tag>}
                    {p.inviteOnly && p.invited && <Tag color="blue">{tx(T.invited)}</Tag>}
                    {p.stageName && (
                      <Tag color="green" data-testid={`path-stage-${p.type}`}>
                        {tx(T.currentStage)}：{p.stageName}
                      </Tag>
                    )}
                  </Space>
                  <Space wrap>
                    {canChoose && (
                      <Button type="primary" onClick={() => setSelecting(p)} data-testid={`path-select-${p.type}`}>
                        {p.status === 'rejected' ? tx(T.reselect) : tx(T.selectPath)}
                      </Button>
                    )}
                    {p.inviteOnly && !p.invited && p.status === 'not_joined' && <Typography.Text type="secondary">{tx(T.inviteRequired)}</Typography.Text>}
                    <LinkButton to={pathDetailUrl(p.type)} data-testid={`path-detail-${p.type}`}>
                      {tx(T.viewDetails)}
                    </LinkButton>
                  </Space>
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
      {selecting && <SelectPathModal path={selecting} onClose={() => setSelecting(null)} />}
    </Card>
  );
}
