import { DownOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Dropdown, Empty, List, Result, Row, Space, Spin, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../../api/client';
import { LinkButton } from '../../../../components/LinkButton';
import { formatTime } from '../../../../components/format';
import { KEYS, ROUTES, useAccess, useFundsContext, usePartnerKind, type Authorization, type CustomerDetail } from '../api';
import { CompanyView } from '../expansion/Encyclopedia';
import { T, tx } from '../text';
import { EyeTitle, Money, StatusTag, TYPE_COLORS } from '../ui';
import { RowDialogs, useMoreItems, type RowDialog } from './CustomersPage';
import { ResourcesView } from './ResourcesView';

const AUTH_COLORS: Record<string, string> = { pending: 'processing', granted: 'success', refused: 'error', revoked: 'default' };
const TABS = ['overview', 'resources', 'vouchers', 'encyclopedia', 'basic'] as const;

/**
 * 客户详情 (op 14 detail, guide 8896–8910, 9473–9549): tabs 概览 / 资源 / 代金券 / 企业百科 / 基本信息. The
 * overview carries the manager (分配客户经理), 关联关系管理, 申请客户授权, 可用额度 with 拨款 / 回收, open alerts,
 * 代客下单 / 代客运维 and 知识推荐; 基本信息 the 历史客户经理. A 云经销商's customer shows basic info only.
 */
export function CustomerDetailPage() {
  useTranslation();
  const { customerId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'overview';
  const [dialog, setDialog] = useState<RowDialog>(null);
  const [reveal, setReveal] = useState(false);
  const q = useQuery({
    queryKey: [...KEYS.customer, customerId],
    queryFn: () => api.GET('/api/customers/{customerId}', { params: { path: { customerId } } }),
    retry: false,
  });
  const unmasked = useQuery({
    queryKey: [...KEYS.reveal, 'customer', customerId],
    queryFn: () => api.GET('/api/customers/{customerId}/unmasked', { params: { path: { customerId } } }),
    enabled: reveal,
    staleTime: 5 * 60_000,
  });
  const c = q.data;
  if (q.isLoading) return <Spin />;
  if (!c)
    return (
      <Card>
        <Result status="404" title={(q.error as Error | null)?.message ?? '404'} extra={<LinkButton to={ROUTES.customers}>{tx(T.back)}</LinkButton>} />
      </Card>
    );
  const u = reveal ? unmasked.data : undefined;
  const basic = <BasicInfo c={c} u={u} />;
  return (
    <Card
      title={
        <Space>
          <span data-testid="customer-detail-title">{tx(T.detailTitle)}</span>
          <EyeTitle title={u?.customerName ?? c.customerName} on={reveal} onToggle={() => setReveal((v) => !v)} testId="eye-customer-detail" />
          <Tag color={TYPE_COLORS[c.associationType]} data-testid="customer-detail-type">
            {c.associationTypeName}
          </Tag>
        </Space>
      }
      extra={<LinkButton to={ROUTES.customers}>{tx(T.back)}</LinkButton>}
    >
      {c.readOnly ? (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={tx(T.resellersReadOnly)} data-testid="customer-readonly" />
          {basic}
        </>
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'overview', label: <span data-testid="tab-overview">{tx(T.tabOverview)}</span>, children: <Overview c={c} managerName={u?.accountManagerName ?? c.accountManagerName} open={setDialog} /> },
            { key: 'resources', label: <span data-testid="tab-resources">{tx(T.tabResources)}</span>, children: <ResourcesView customerId={c.customerId} /> },
            {
              key: 'vouchers',
              label: <span data-testid="tab-vouchers">{tx(T.tabVouchers)}</span>,
              children: <Empty description={<Link to={ROUTES.coupons}>{tx(T.vouchersSoon)}</Link>} />,
            },
            { key: 'encyclopedia', label: <span data-testid="tab-encyclopedia">{tx(T.tabEncyclopedia)}</span>, children: <CustomerEncyclopedia customerId={c.customerId} /> },
            { key: 'basic', label: <span data-testid="tab-basic">{tx(T.tabBasic)}</span>, children: basic },
          ]}
        />
      )}
      <RowDialogs dialog={dialog} onClose={() => setDialog(null)} />
    </Card>
  );
}

type Revealed = { customerName: string; mobile: string; email: string | null; accountManagerName: string | null } | undefined;

function BasicInfo({ c, u }: { c: CustomerDetail; u: Revealed }) {
  const history = useQuery({
    queryKey: [...KEYS.assignment, 'history', c.customerId, !!u],
    queryFn: () => api.GET('/api/customers/assignment/history/{customerId}', { params: { path: { customerId: c.customerId }, query: { reveal: u ? 'true' : undefined } } }),
    enabled: !c.readOnly,
  });
  const real = T.realNameStatuses[c.realNameStatus];
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        data-testid="customer-basic"
        items={[
          { key: 'n', label: tx(T.customerName), children: u?.customerName ?? c.customerName },
          { key: 'a', label: tx(T.accountName), children: <span data-testid="customer-detail-account">{c.accountName}</span> },
          { key: 'id', label: tx(T.customerId), children: <Typography.Text copyable>{c.customerId}</Typography.Text> },
          { key: 'l', label: tx(T.customerLevel), children: c.level },
          { key: 'm', label: tx(T.mobile), children: u?.mobile ?? c.mobile },
          ...(c.readOnly ? [{ key: 'p', label: tx(T.resellerName), children: c.partnerName ?? '-' }] : [{ key: 'e', label: tx(T.email), children: (u ? u.email : c.email) ?? '--' }]),
          { key: 'r', label: tx(T.realName), children: real ? tx(real) : c.realNameStatus },
          { key: 't', label: tx(T.associationType), children: c.associationTypeName },
          { key: 'at', label: tx(T.associatedAt), children: formatTime(c.associatedAt) },
          ...(c.readOnly
            ? []
            : [
                { key: 'g', label: tx(T.customTag), children: c.customTag ?? '--' },
                { key: 'mg', label: tx(T.manager), children: (u ? u.accountManagerName : c.accountManagerName) ?? '--' },
                { key: 'v', label: tx(T.noticeVersion), children: c.noticeVersion ?? '--' },
              ]),
        ]}
      />
      {!c.readOnly && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {tx(T.managerHistory)}
          </Typography.Title>
          <Table
            size="small"
            rowKey={(r) => `${r.memberId}-${r.assignedAt}`}
            loading={history.isFetching}
            dataSource={history.data?.items ?? []}
            pagination={false}
            data-testid="manager-history"
            columns={[
              { key: 'n', title: tx(T.managerName), render: (_, r) => r.name ?? '--' },
              { key: 'a', title: tx(T.managerAccount), render: (_, r) => r.accountName ?? '--' },
              { key: 's', title: tx(T.source), render: (_, r) => (T.sources[r.source] ? tx(T.sources[r.source]!) : r.source) },
              { key: 'as', title: tx(T.assignedAt), render: (_, r) => formatTime(r.assignedAt) },
              { key: 'cf', title: tx(T.countsFrom), render: (_, r) => formatTime(r.countsFrom) },
              { key: 'e', title: tx(T.endedAt), render: (_, r) => (r.current ? <Tag color="green">{tx(T.current)}</Tag> : formatTime(r.endedAt)) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {tx(T.keyHistory)}
          </Typography.Title>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx(T.keyHistoryEmpty)} />
        </>
      )}
    </>
  );
}

function Overview({ c, managerName, open }: { c: CustomerDetail; managerName: string | null; open: (d: RowDialog) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const access = useAccess();
  const kind = usePartnerKind();
  const moreItems = useMoreItems();
  const resale = c.associationType === 'resale';
  // The detail carries no list columns (extra): 可用额度, 最近调账时间 and 待处理预警 come from their routes.
  const funds = useFundsContext(resale ? c.customerId : undefined);
  const lastAdjustment = useQuery({
    queryKey: [...KEYS.adjustments, 'last', c.customerId],
    queryFn: () => api.GET('/api/customers/funds/adjustments', { params: { query: { customerId: c.customerId, page: 1, pageSize: 1 } } }),
    select: (d) => d.items[0]?.createdAt ?? null,
  });
  const pendingAlerts = useQuery({
    queryKey: [...KEYS.alerts, 'pending', c.customerId],
    queryFn: () => api.GET('/api/customers/alerts', { params: { query: { tab: 'view', customerId: c.customerId, status: 'pending', page: 1, pageSize: 1 } } }),
    select: (d) => d.total,
    enabled: access.canAlerts,
  });
  const balance = funds.data?.cashBalance ?? (typeof c.extra.availableBalance === 'string' ? c.extra.availableBalance : null);
  const last = lastAdjustment.data ?? null;
  const alerts = pendingAlerts.data ?? Number(c.extra.pendingAlerts ?? 0);
  const manage = [
    { key: 'requests', label: <span data-testid="manage-requests">{tx(T.associationRequests)}</span>, onClick: () => navigate(`${ROUTES.events}?accountName=${encodeURIComponent(c.accountName)}`) },
    ...(access.isAdmin && c.canManageAssociation
      ? [
          { key: 'unbind', label: <span data-testid="manage-unbind">{tx(T.moreUnbind)}</span>, onClick: () => open({ kind: 'unbind', row: c }) },
          { key: 'switch', label: <span data-testid="manage-switch">{tx(T.moreSwitch)}</span>, onClick: () => open({ kind: 'switch', row: c }) },
        ]
      : []),
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {c.pendingRequest && (
        <Alert type="warning" showIcon title={tx(T.pendingRequest, { type: c.pendingRequest.typeName, status: c.pendingRequest.statusName })} data-testid="customer-pending-request" />
      )}
      <Space wrap>
        <span data-testid="customer-manager">{managerName ? tx(T.managerLabel, { name: managerName }) : tx(T.noManager)}</span>
        {access.canAssign && (
          <Button size="small" onClick={() => open({ kind: 'assign', rows: [c] })} data-testid="detail-assign">
            {tx(T.moreAssign)}
          </Button>
        )}
        <Dropdown menu={{ items: manage }}>
          <Button size="small" data-testid="detail-association-management">
            {tx(T.associationManagement)} <DownOutlined />
          </Button>
        </Dropdown>
        {resale && (
          <Button size="small" onClick={() => open({ kind: 'authorize', row: c })} data-testid="detail-authorize">
            {tx(T.moreAuthorize)}
          </Button>
        )}
        <Dropdown menu={{ items: moreItems(c, open) }} trigger={['click']}>
          <Button size="small" data-testid="detail-more">
            {t('common.more')} <DownOutlined />
          </Button>
        </Dropdown>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={8}>
          <Card size="small" title={tx(T.availableBalance)} data-testid="detail-balance-card">
            <Statistic value={balance ?? '-'} formatter={() => <Money bare value={balance} testId="detail-available" />} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {tx(T.lastAdjusted)}：{formatTime(last)}
            </Typography.Paragraph>
            {resale ? (
              <Space>
                <Button type="primary" size="small" onClick={() => open({ kind: 'allocate', row: c })} data-testid="detail-allocate">
                  {tx(T.allocate)}
                </Button>
                <Button size="small" onClick={() => open({ kind: 'recall', row: c })} data-testid="detail-recall">
                  {tx(T.recall)}
                </Button>
              </Space>
            ) : (
              <Typography.Text type="secondary">{tx(T.notAdjustable)}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card size="small" title={tx(T.alertsCard)}>
            <Statistic value={alerts} />
            {access.canAlerts && (
              <Link to={`${ROUTES.alerts}?customerId=${c.customerId}`} data-testid="detail-alerts">
                {tx(T.alertsTitle)}
              </Link>
            )}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card size="small" title={tx(T.tabResources)}>
            <Space wrap>
              <LinkButton size="small" to={ROUTES.resources(c.customerId)}>
                {tx(T.moreResources)}
              </LinkButton>
              {resale && (
                <>
                  <Button size="small" onClick={() => open({ kind: 'order', row: c })} data-testid="detail-order">
                    {tx(T.moreOrderOnBehalf)}
                  </Button>
                  <Button size="small" onClick={() => open({ kind: 'operate', row: c })} data-testid="detail-operate">
                    {tx(T.moreOperateOnBehalf)}
                  </Button>
                </>
              )}
            </Space>
          </Card>
        </Col>
      </Row>
      {resale && <Authorizations customerId={c.customerId} />}
      <Card size="small" title={tx(T.recentEvents)}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.recentEvents}
          data-testid="detail-events"
          columns={[
            { key: 't', title: tx(T.applyType), dataIndex: 'typeName' },
            { key: 's', title: tx(T.status), dataIndex: 'statusName' },
            { key: 'a', title: tx(T.appliedAt), render: (_, e) => formatTime(e.appliedAt) },
          ]}
        />
      </Card>
      {kind !== 'reseller' && <Knowledge />}
    </Space>
  );
}

function Authorizations({ customerId }: { customerId: string }) {
  const q = useQuery({
    queryKey: [...KEYS.authorizations, customerId],
    queryFn: () => api.GET('/api/customers/authorizations', { params: { query: { customerId, page: 1, pageSize: 10 } } }),
  });
  return (
    <Card size="small" title={tx(T.authorizations)}>
      <Table<Authorization>
        size="small"
        rowKey="id"
        pagination={false}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        data-testid="detail-authorizations"
        locale={{ emptyText: tx(T.noAuthorization) }}
        columns={[
          { key: 's', title: tx(T.status), render: (_, a) => <StatusTag status={a.status} name={a.statusName} colors={AUTH_COLORS} testId={`authorization-status-${a.id}`} /> },
          { key: 'sc', title: tx(T.scopes), render: (_, a) => a.scopes.map((s) => <Tag key={s}>{T.scopeNames[s] ? tx(T.scopeNames[s]!) : s}</Tag>) },
          { key: 'at', title: tx(T.requestedAt), render: (_, a) => formatTime(a.requestedAt) },
          { key: 'by', title: tx(T.requestedBy), render: (_, a) => a.requestedByName ?? '--' },
          { key: 'd', title: tx(T.decidedAt), render: (_, a) => formatTime(a.decidedAt ?? a.revokedAt) },
          { key: 'r', title: tx(T.revokeReason), render: (_, a) => a.revokeReason ?? '--' },
        ]}
      />
    </Card>
  );
}

/** 知识推荐 (op 26, guide 9531–9549): tabs 产品 / 行业案例 / 解决方案; 查看更多 loads the next items; a click opens the article. */
function Knowledge() {
  const [tab, setTab] = useState<'product' | 'case' | 'solution'>('product');
  const [size, setSize] = useState(5);
  const q = useQuery({
    queryKey: [...KEYS.knowledge, tab, size],
    queryFn: () => api.GET('/api/customers/knowledge', { params: { query: { tab, page: 1, pageSize: size } } }),
    retry: false,
  });
  if (q.error instanceof ApiError && q.error.code === 'customers.knowledge.reseller') return null;
  return (
    <Card size="small" title={tx(T.knowledge)} data-testid="detail-knowledge">
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as typeof tab);
          setSize(5);
        }}
        items={(['product', 'case', 'solution'] as const).map((k) => ({ key: k, label: <span data-testid={`knowledge-tab-${k}`}>{tx(T.knowledgeTabs[k]!)}</span> }))}
      />
      <List
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        renderItem={(i) => (
          <List.Item>
            <List.Item.Meta
              title={
                <a href={i.url} target="_blank" rel="noreferrer" data-testid={`knowledge-${i.id}`}>
                  {i.title}
                </a>
              }
              description={i.summary}
            />
          </List.Item>
        )}
      />
      {q.data && q.data.total > size && (
        <Button type="link" onClick={() => setSize((s) => s + 5)} data-testid="knowledge-more">
          {tx(T.loadMore)}
        </Button>
      )}
    </Card>
  );
}

function CustomerEncyclopedia({ customerId }: { customerId: string }) {
  const q = useQuery({
    queryKey: [...KEYS.encyclopedia, 'customer', customerId],
    queryFn: () => api.GET('/api/customers/{customerId}/encyclopedia', { params: { path: { customerId } } }),
    retry: false,
  });
  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="info" showIcon title={q.error instanceof ApiError && q.error.code === 'customers.encyclopedia.not-enterprise' ? tx(T.encNotEnterprise) : (q.error as Error).message} data-testid="customer-encyclopedia-unavailable" />;
  if (!q.data?.company)
    return (
      <>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`* ${q.data?.disclaimer ?? ''}`} />
        <Empty description={tx(T.encNoRecord)} />
      </>
    );
  return <CompanyView company={q.data.company} />;
}
