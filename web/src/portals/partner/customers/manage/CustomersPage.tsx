import { DownOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Dropdown, Form, Input, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps, TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../../api/client';
import { useFeedback } from '../../../../components/feedback';
import { formatTime } from '../../../../components/format';
import { useCreateExport } from '../../../../pages/ExportsPage';
import { KEYS, ROUTES, useAccess, usePartnerKind, type CustomerRow } from '../api';
import { isPositive } from '../money';
import { T, tx } from '../text';
import { DateRangeField, emptyText, EyeTitle, Money, rangeToIso, TYPE_COLORS, useEyes, useRevealed, ActionLink } from '../ui';
import { AllocateDialog, BatchAdjustDialog, RecallDialog } from './AdjustDialogs';
import { AssignManagerDialog, AuthorizeDialog, OnBehalfDialog } from './CustomerDialogs';
import { RelationshipDialog } from './RelationshipDialogs';

interface Filters {
  associationType?: 'consulting' | 'resale';
  customerName?: string;
  accountName?: string;
  customerId?: string;
  managerName?: string;
  mobile?: string;
  tag?: string;
  associated?: [Dayjs | null, Dayjs | null] | null;
  thisMonthConsumptionMin?: string; // 本月消费 (from the cloud module, filtered in SQL)
  thisMonthConsumptionMax?: string;
  expiry?: [Dayjs | null, Dayjs | null] | null; // 资源到期时间
}
const CONSUMPTION_FILTER = { zh: '本月消费(¥)', en: 'This month (¥)' };
const EXPIRY_FILTER = { zh: '资源到期时间', en: 'Resource expiry' };
type Eye = 'customerName' | 'mobile' | 'accountManagerName';

export type RowDialog =
  | { kind: 'allocate' | 'recall' | 'unbind' | 'switch' | 'authorize' | 'order' | 'operate'; row: CustomerRow }
  | { kind: 'assign'; rows: CustomerRow[] }
  | { kind: 'batch'; mode: 'allocate' | 'recall'; rows: CustomerRow[] }
  | null;

const extraMoney = (r: CustomerRow, key: string) => {
  const v = r.extra[key];
  return typeof v === 'string' ? v : null;
};

/** The dialogs a customer row (or the detail page) opens. */
export function RowDialogs({ dialog, onClose }: { dialog: RowDialog; onClose: () => void }) {
  if (!dialog) return null;
  if (dialog.kind === 'assign') return <AssignManagerDialog customers={dialog.rows} onClose={onClose} />;
  if (dialog.kind === 'batch') return <BatchAdjustDialog rows={dialog.rows} mode={dialog.mode} onClose={onClose} />;
  const r = dialog.row;
  if (dialog.kind === 'allocate') return <AllocateDialog customerId={r.customerId} onClose={onClose} />;
  if (dialog.kind === 'recall') return <RecallDialog customerId={r.customerId} onClose={onClose} />;
  if (dialog.kind === 'unbind' || dialog.kind === 'switch') return <RelationshipDialog target={r} action={dialog.kind} onClose={onClose} />;
  if (dialog.kind === 'authorize') return <AuthorizeDialog customer={r} onClose={onClose} />;
  return <OnBehalfDialog customer={r} mode={dialog.kind} onClose={onClose} />;
}

/** The row's 更多 menu (guide 8929–8937, 9077, 9327, 9356, 9397): only what this user may do. */
export function useMoreItems() {
  const navigate = useNavigate();
  const { isAdmin, can, canAssign } = useAccess();
  return (r: CustomerRow, open: (d: RowDialog) => void): NonNullable<MenuProps['items']> => {
    const resale = r.associationType === 'resale';
    const item = (key: string, label: string, onClick: () => void, show = true) => (show ? [{ key, label: <span data-testid={`more-${key}-${r.customerId}`}>{label}</span>, onClick }] : []);
    return [
      ...item('unbind', tx(T.moreUnbind), () => open({ kind: 'unbind', row: r }), isAdmin),
      ...item('switch', tx(T.moreSwitch), () => open({ kind: 'switch', row: r }), isAdmin),
      ...item('coupon', tx(T.moreCoupon), () => navigate(ROUTES.coupons), can('销售 > 客户 > 券管理')),
      ...item('pay', tx(T.morePayOrder), () => navigate(ROUTES.orders), can('销售 > 客户 > 客户订单')),
      ...item('orders', tx(T.moreOrders), () => navigate(ROUTES.orders), can('销售 > 客户 > 客户订单')),
      ...item('resources', tx(T.moreResources), () => navigate(ROUTES.resources(r.customerId))),
      ...item('consumption', tx(T.moreConsumption), () => navigate(ROUTES.consumption), can('销售 > 客户 > 客户消费')),
      ...item('assign', tx(T.moreAssign), () => open({ kind: 'assign', rows: [r] }), canAssign),
      ...item('opportunity', tx(T.opportunityReport), () => navigate(ROUTES.opportunities), can('销售 > 拓新 > 机会点管理')),
      ...item('authorize', tx(T.moreAuthorize), () => open({ kind: 'authorize', row: r }), resale),
      ...item('order', tx(T.moreOrderOnBehalf), () => open({ kind: 'order', row: r }), resale),
      ...item('operate', tx(T.moreOperateOnBehalf), () => open({ kind: 'operate', row: r }), resale),
    ];
  };
}

/**
 * 销售 > 客户 > 客户管理 (op 14, guide 8840–8937): the banner's links (待确认的关联关系申请, 关联关系操作记录,
 * 调账记录, 伙伴预算提醒), 我的客户 / 云经销商的客户 for a distributor (the latter read-only), filters (quick
 * 客户名称 and 高级搜索), 批量分配客户经理 / 批量拨款/回收 / 导出 (super admin only), the list with eyes, and
 * 拨款 / 回收 / 更多 per row.
 */
export function CustomersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = useFeedback();
  const access = useAccess();
  const kind = usePartnerKind();
  const createExport = useCreateExport();
  const [params, setParams] = useSearchParams();
  const tab = kind === 'distributor' && params.get('tab') === 'resellers' ? 'resellers' : 'mine';
  const readOnly = tab === 'resellers';
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [advanced, setAdvanced] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [selected, setSelected] = useState<CustomerRow[]>([]);
  const [dialog, setDialog] = useState<RowDialog>(null);
  const eyes = useEyes<Eye>();
  const moreItems = useMoreItems();

  const { associated, expiry, ...rest } = filters;
  const range = rangeToIso(associated);
  const expiryRange = rangeToIso(expiry);
  const query = { ...rest, tab, associatedFrom: range.from, associatedTo: range.to, resourceExpiresFrom: expiryRange.from, resourceExpiresTo: expiryRange.to } as const;
  const q = useQuery({
    queryKey: [...KEYS.customers, query, page, pageSize],
    queryFn: () => api.GET('/api/customers', { params: { query: { ...query, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const pending = useQuery({
    queryKey: [...KEYS.events, 'pending-count'],
    queryFn: () => api.GET('/api/customers/association-events', { params: { query: { page: 1, pageSize: 1 } } }),
    select: (d) => d.pendingCustomerRequests,
  });
  const allocatable = useQuery({ queryKey: [...KEYS.funds, 'allocatable'], queryFn: () => api.GET('/api/customers/funds/allocatable'), enabled: !readOnly });
  const rows = q.data?.items ?? [];
  const revealed = useRevealed('customer', rows.map((r) => r.customerId), eyes.any);
  const shown = (r: CustomerRow, k: Eye) => (eyes.isOn(k) ? (revealed.get(r.customerId)?.[k] ?? r[k]) : r[k]) ?? '--';
  const eye = (k: Eye, title: string) => <EyeTitle title={title} on={eyes.isOn(k)} onToggle={() => eyes.toggle(k)} testId={`eye-customer-${k}`} />;

  const openBatch = (mode: 'allocate' | 'recall') => {
    if (!selected.length) return void message.warning(tx(T.chooseRows));
    if (selected.some((r) => r.associationType !== 'resale')) return void message.warning(tx(T.batchResaleOnly));
    if (mode === 'recall' && selected.some((r) => !isPositive(extraMoney(r, 'availableBalance')))) return void message.warning(tx(T.batchRecallPositive));
    setDialog({ kind: 'batch', mode, rows: selected });
  };

  const columns: TableColumnsType<CustomerRow> = [
    {
      key: 'name',
      title: eye('customerName', tx(T.customerNameAccount)),
      fixed: 'left',
      render: (_, r) => (
        <div>
          <div data-testid={`customer-name-${r.customerId}`}>{shown(r, 'customerName')}</div>
          <Link to={ROUTES.customer(r.customerId)} data-testid={`customer-link-${r.accountName}`}>
            {r.accountName}
          </Link>
        </div>
      ),
    },
    ...(readOnly ? [{ key: 'reseller', title: tx(T.resellerName), render: (_: unknown, r: CustomerRow) => r.partnerName ?? '-' }] : []),
    { key: 'level', title: tx(T.customerLevel), dataIndex: 'level' },
    { key: 'mobile', title: eye('mobile', tx(T.mobile)), render: (_, r) => shown(r, 'mobile') },
    ...(readOnly
      ? []
      : [
          {
            key: 'available',
            title: tx(T.availableBalance),
            align: 'right' as const,
            render: (_: unknown, r: CustomerRow) => <Money bare value={extraMoney(r, 'availableBalance')} testId={`customer-available-${r.accountName}`} />,
          },
          { key: 'thisMonth', title: tx(T.thisMonth), align: 'right' as const, render: (_: unknown, r: CustomerRow) => <Money bare value={extraMoney(r, 'thisMonthConsumption')} /> },
          { key: 'lastMonth', title: tx(T.lastMonth), align: 'right' as const, render: (_: unknown, r: CustomerRow) => <Money bare value={extraMoney(r, 'lastMonthConsumption')} /> },
          {
            key: 'alerts',
            title: tx(T.pendingAlerts),
            render: (_: unknown, r: CustomerRow) => {
              const n = Number(r.extra.pendingAlerts ?? 0);
              return n > 0 && access.canAlerts ? (
                <Link to={`${ROUTES.alerts}?customerId=${r.customerId}`} data-testid={`customer-alerts-${r.accountName}`}>
                  {n}
                </Link>
              ) : (
                <span data-testid={`customer-alerts-${r.accountName}`}>{n}</span>
              );
            },
          },
        ]),
    { key: 'type', title: tx(T.associationType), render: (_, r) => <Tag color={TYPE_COLORS[r.associationType]} data-testid={`customer-type-${r.accountName}`}>{r.associationTypeName}</Tag> },
    { key: 'at', title: tx(T.associatedAt), render: (_, r) => formatTime(r.associatedAt) },
    ...(readOnly
      ? []
      : [
          { key: 'manager', title: eye('accountManagerName', tx(T.managerName)), render: (_: unknown, r: CustomerRow) => shown(r, 'accountManagerName') },
          { key: 'tag', title: tx(T.customerTag), render: (_: unknown, r: CustomerRow) => r.customTag ?? '--' },
          {
            key: 'op',
            title: t('common.operation'),
            fixed: 'right' as const,
            render: (_: unknown, r: CustomerRow) => (
              <Space data-testid={`customer-actions-${r.accountName}`}>
                {r.associationType === 'resale' ? (
                  <>
                    <ActionLink onClick={() => setDialog({ kind: 'allocate', row: r })} data-testid={`customer-allocate-${r.accountName}`}>
                      {tx(T.allocate)}
                    </ActionLink>
                    <ActionLink onClick={() => setDialog({ kind: 'recall', row: r })} data-testid={`customer-recall-${r.accountName}`}>
                      {tx(T.recall)}
                    </ActionLink>
                  </>
                ) : (
                  access.can('销售 > 客户 > 客户消费') && <ActionLink onClick={() => navigate(ROUTES.consumption)}>{tx(T.moreConsumption)}</ActionLink>
                )}
                <Dropdown menu={{ items: moreItems(r, setDialog) }} trigger={['click']}>
                  <a data-testid={`customer-more-${r.accountName}`} onClick={(e) => e.preventDefault()} href="#">
                    {t('common.more')} <DownOutlined />
                  </a>
                </Dropdown>
              </Space>
            ),
          },
        ]),
  ];

  // 仅限超级管理员导出客户列表 (8922): others see only the export records and the note.
  const exportItems: NonNullable<MenuProps['items']> = [
    ...(access.isSuperAdmin
      ? [
          {
            key: 'current',
            label: (
              <Tooltip title={tx(T.exportMasked)}>
                <span data-testid="customers-export-current">{tx(T.exportCurrent)}</span>
              </Tooltip>
            ),
            onClick: () => void createExport({ kind: 'customers.list', params: query }),
          },
        ]
      : []),
    { key: 'records', label: <span data-testid="customers-export-records">{t('exports.viewRecords')}</span>, onClick: () => navigate(ROUTES.exports) },
  ];

  const resetFilters = () => {
    filterForm.resetFields();
    setFilters({});
    setPage(1);
  };

  return (
    <Card title={<span data-testid="customers-title">{tx(T.customersTitle)}</span>}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="customers-banner"
        title={
          <Space orientation="vertical" size={2}>
            {(pending.data ?? 0) > 0 && (
              <span data-testid="pending-requests-banner">
                {tx(T.pendingBefore)}
                <Link to={`${ROUTES.events}?status=pending`} data-testid="link-pending-requests">
                  {tx(T.clickHere)}
                </Link>
                {tx(T.pendingAfter)} ({pending.data})
              </span>
            )}
            <span>
              {tx(T.eventsLinkBanner)} <Link to={ROUTES.events} data-testid="link-events">{tx(T.events)}</Link>
            </span>
            <span>
              {tx(T.adjustmentsLinkBanner)} <Link to={ROUTES.adjustments} data-testid="link-adjustments">{tx(T.adjustments)}</Link>
            </span>
            {kind !== 'reseller' && (
              <span>
                {tx(T.budgetLinkBanner)} <Link to={ROUTES.budget} data-testid="link-budget">{tx(T.budgetReminder)}</Link>
              </span>
            )}
          </Space>
        }
      />
      {kind === 'distributor' && (
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setParams(k === 'resellers' ? { tab: k } : {}, { replace: true });
            setSelected([]);
            setPage(1);
          }}
          items={[
            { key: 'mine', label: <span data-testid="tab-mine">{tx(T.tabMine)}</span> },
            { key: 'resellers', label: <span data-testid="tab-resellers">{tx(T.tabResellers)}</span> },
          ]}
        />
      )}
      {readOnly && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={tx(T.resellersReadOnly)} data-testid="resellers-readonly" />}
      <Form
        form={filterForm}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="customer-filters"
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <Form.Item name="customerName" label={tx(T.customerName)}>
          <Input allowClear placeholder={tx(T.enterCustomerName)} style={{ width: 180 }} data-testid="customer-filter-name" />
        </Form.Item>
        {advanced && (
          <>
            <Form.Item name="associationType" label={tx(T.associationType)}>
              <Select allowClear style={{ width: 130 }} data-testid="customer-filter-type" options={[{ value: 'consulting', label: tx(T.consulting) }, { value: 'resale', label: tx(T.resale) }]} />
            </Form.Item>
            <Form.Item name="accountName" label={tx(T.customerAccountName)}>
              <Input allowClear style={{ width: 150 }} data-testid="customer-filter-account" />
            </Form.Item>
            <Form.Item name="customerId" label={tx(T.customerId)}>
              <Input allowClear style={{ width: 160 }} data-testid="customer-filter-id" />
            </Form.Item>
            <Form.Item name="managerName" label={tx(T.managerName)}>
              <Input allowClear style={{ width: 130 }} data-testid="customer-filter-manager" />
            </Form.Item>
            <Form.Item name="mobile" label={tx(T.mobile)}>
              <Input allowClear style={{ width: 140 }} data-testid="customer-filter-mobile" />
            </Form.Item>
            <Form.Item name="tag" label={tx(T.customerTag)}>
              <Input allowClear style={{ width: 130 }} data-testid="customer-filter-tag" />
            </Form.Item>
            <DateRangeField name="associated" label={T.associatedAt} testId="customer-filter-associated" />
            <Form.Item label={tx(CONSUMPTION_FILTER)}>
              <Space.Compact>
                <Form.Item name="thisMonthConsumptionMin" noStyle rules={[{ pattern: /^\d{1,12}(\.\d{1,2})?$/, message: '0.00' }]}>
                  <Input allowClear style={{ width: 100 }} placeholder="≥" data-testid="customer-filter-consumption-min" />
                </Form.Item>
                <Form.Item name="thisMonthConsumptionMax" noStyle rules={[{ pattern: /^\d{1,12}(\.\d{1,2})?$/, message: '0.00' }]}>
                  <Input allowClear style={{ width: 100 }} placeholder="≤" data-testid="customer-filter-consumption-max" />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
            <DateRangeField name="expiry" label={EXPIRY_FILTER} testId="customer-filter-expiry" />
          </>
        )}
        <Space>
          <Button type="primary" htmlType="submit" data-testid="customer-search">
            {t('common.search')}
          </Button>
          <Button onClick={resetFilters}>{t('common.reset')}</Button>
          <Button type="link" onClick={() => setAdvanced((a) => !a)} aria-expanded={advanced} data-testid="customer-advanced">
            {tx(advanced ? T.collapse : T.advancedSearch)}
          </Button>
        </Space>
      </Form>
      {!readOnly && (
        <Space style={{ marginBottom: 16 }} wrap>
          {access.canAssign && (
            <Button onClick={() => (selected.length ? setDialog({ kind: 'assign', rows: selected }) : void message.warning(tx(T.chooseRows)))} data-testid="customers-batch-assign">
              {tx(T.batchAssign)}
            </Button>
          )}
          <Dropdown
            menu={{
              items: [
                { key: 'allocate', label: <span data-testid="customers-batch-allocate">{tx(T.batchAllocate)}</span>, onClick: () => openBatch('allocate') },
                { key: 'recall', label: <span data-testid="customers-batch-recall">{tx(T.batchRecall)}</span>, onClick: () => openBatch('recall') },
              ],
            }}
          >
            <Button data-testid="customers-batch-adjust">
              {tx(T.batchAdjust)} <DownOutlined />
            </Button>
          </Dropdown>
          <Dropdown menu={{ items: exportItems }}>
            <Button data-testid="customers-export-menu">
              {t('exports.export')} <DownOutlined />
            </Button>
          </Dropdown>
          {allocatable.data && (
            <span>
              {tx(T.allocatableAccount)}：<Money value={allocatable.data.allocatable} testId="allocatable-balance" />
            </span>
          )}
          {!access.isSuperAdmin && <Typography.Text type="secondary">{tx(T.superAdminOnlyExport)}</Typography.Text>}
        </Space>
      )}
      <Table<CustomerRow>
        rowKey="customerId"
        loading={q.isFetching}
        dataSource={rows}
        columns={columns}
        data-testid="customers-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(T.customersEmpty, 'customers-empty')}
        rowSelection={readOnly ? undefined : { selectedRowKeys: selected.map((r) => r.customerId), onChange: (_, rs) => setSelected(rs) }}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
      <RowDialogs
        dialog={dialog}
        onClose={() => {
          setDialog(null);
          setSelected([]);
        }}
      />
    </Card>
  );
}

