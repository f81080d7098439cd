import { TeamOutlined } from '@ant-design/icons';
import { Card, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { LinkButton } from '../../../components/LinkButton';
import { StatusTag, useTx } from '../paths/ui';
import { HCPN_KEY, HCPN_PATH } from './HcpnPage';
import { T } from './text';

/** 主页 of an account that is not in HCPN yet: the way in (开始入驻 / 继续入驻 / 查看入驻审核进展). */
export function HcpnEntryCard() {
  const tx = useTx();
  const q = useQuery({ queryKey: HCPN_KEY, queryFn: () => api.GET('/api/hcpn/application') });
  const app = q.data?.application ?? null;
  const label = !app ? T.title : app.status === 'in_review' ? T.viewProgress : T.continue;
  return (
    <Card title={tx(T.hcpn)} style={{ marginTop: 16 }} data-testid="home-hcpn-card" loading={q.isLoading}>
      <Space direction="vertical">
        <Typography.Paragraph>
          <TeamOutlined style={{ fontSize: 28, color: '#c7000b', marginRight: 12 }} />
          {tx(T.intro)}
        </Typography.Paragraph>
        {app && (
          <div>
            {tx(T.status)}：<StatusTag status={app.status} name={app.statusName} testId="home-hcpn-status" />
          </div>
        )}
        <LinkButton type="primary" to={HCPN_PATH} data-testid="home-hcpn-enter">
          {tx(label)}
        </LinkButton>
      </Space>
    </Card>
  );
}
