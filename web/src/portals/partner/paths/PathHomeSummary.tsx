import { CompassOutlined } from '@ant-design/icons';
import { List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { LinkButton } from '../../../components/LinkButton';
import { pathDetailUrl, PATHS_BASE, useAnnualReviews, usePaths } from './api';
import { T } from './text';
import { StatusTag, useTx } from './ui';

/** 主页 → 发展路径 module: the paths this account has joined (or awaits), with 查看详情, and 探索发展路径. */
export function PathHomeSummary({ description }: { description: string }) {
  const tx = useTx();
  const paths = usePaths();
  const reviews = useAnnualReviews();
  // the open annual review of a path puts 申请复核 / 查看修改意见 · 修改材料 on its line
  const reviewOf = (type: string) => (reviews.data?.items ?? []).find((r) => r.path === type && (r.canApply || r.canModify));
  const mine = (paths.data?.items ?? []).filter((p) => p.status === 'joined' || p.status === 'pending_review' || (p.inviteOnly && p.invited && p.status === 'not_joined'));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>
        <CompassOutlined style={{ fontSize: 28, color: '#c7000b', marginRight: 12 }} />
        {description}
      </Typography.Paragraph>
      {mine.length > 0 && (
        <List
          size="small"
          bordered
          data-testid="home-paths"
          dataSource={mine}
          renderItem={(p) => (
            <List.Item
              actions={[
                ...(reviewOf(p.type)
                  ? [
                      <Link key="review" to={pathDetailUrl(p.type)} data-testid={`home-path-review-${p.type}`}>
                        {reviewOf(p.type)!.canApply ? tx(T.applyReview) : `${tx(T.viewOpinion)} · ${tx(T.modifyMaterials)}`}
                      </Link>,
                    ]
                  : []),
                p.status === 'not_joined' ? (
                  <Link key="select" to={`${PATHS_BASE}?select=${p.type}`} data-testid={`home-path-select-${p.type}`}>
                    {tx(T.selectPath)}
                  </Link>
                ) : (
                  <Link key="detail" to={pathDetailUrl(p.type)} data-testid={`home-path-${p.type}`}>
                    {tx(T.viewDetails)}
                  </Link>
                ),
              ]}
            >
              <Space wrap>
                <Typography.Text strong>{p.name}</Typography.Text>
                <StatusTag status={p.status} name={p.stageName ?? p.statusName} />
                {p.status === 'not_joined' && <Typography.Text type="secondary">{tx(T.invited)}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
      <LinkButton type="primary" to={PATHS_BASE} data-testid="explore-paths">
        {tx(T.explore)}
      </LinkButton>
    </Space>
  );
}
