import { DownOutlined } from '@ant-design/icons';
import { usePaging } from '../../../components/paging';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Drawer, Dropdown, Form, Input, Modal, Radio, Row, Segmented, Select, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, type ApiData } from '../../../api/client';
import { Chart } from '../../../components/Chart';
import { formatTime } from '../../../components/format';
import { useCreateExport } from '../../../pages/ExportsPage';
import { ROUTES, usePartnerKind } from '../customers/api';
import { tx } from '../customers/text';
import { ActionLink, EyeTitle, Money, emptyText } from '../customers/ui';
import { C } from './text';

type Summary = ApiData<'/api/cloud/partner/consumption/summary', 'get'>;
type SummaryRow = Summary['items'][number];
type DetailRow = ApiData<'/api/cloud/partner/consumption/details', 'get'>['items'][number];
type Scope = 'mine' | 'resellers';

const TABS = ['summary', 'details', 'peak95'] as const;
type Tab = (typeof TABS)[number];
const KEY = ['cloud', 'consumption'] as const;

/** The 18 months of the look-back (R-O5): the current Beijing month and the 17 before it. */
const thisMonth = () => dayjs().startOf('month');
const outsideLookback = (d: Dayjs) => d.isAfter(thisMonth(), 'month') || d.isBefore(thisMonth().subtract(17, 'month'), 'month');
const monthKey = (d: Dayjs | null | undefined) => (d ?? thisMonth()).format('YYYY-MM');
const blank = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;

/**
 * 销售 > 客户 > 客户消费 (`/partner/sales/consumption?tab=summary|details|peak95&scope=mine|resellers`; guide
 * 10.4.4, 9787–9891): 消费汇总 (cards, 按支付方式 / 按关联类型, 客户消费汇总 / 客户退款汇总, 业绩明细, 导出客户消费清单),
 * 消费明细 (filters, 隐藏0元消费, 导出当前记录 / 按客户经理导出) and 月结95峰值计费产品. A distributor chooses 我的客户 /
 * 云经销商的客户; a reseller has no 业绩明细 (spec 05 §7).
 */
export function ConsumptionPage() {
  const kind = usePartnerKind();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'summary';
  const scope: Scope = kind === 'distributor' && params.get('scope') === 'resellers' ? 'resellers' : 'mine';
  const set = (next: Record<string, string>) => setParams({ tab, ...(scope === 'resellers' ? { scope } : {}), ...next }, { replace: true });
  return (
    <Card title={<span data-testid="consumption-title">{tx(C.title)}</span>}>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        items={[
          { key: 'summary', label: <span data-testid="consumption-tab-summary">{tx(C.tabSummary)}</span> },
          { key: 'details', label: <span data-testid="consumption-tab-details">{tx(C.tabDetails)}</span> },
          { key: 'peak95', label: <span data-testid="consumption-tab-peak95">{tx(C.tabPeak95)}</span> },
        ]}
      />
      {kind === 'distributor' && tab !== 'peak95' && (
        <Segmented
          style={{ marginBottom: 12 }}
          value={scope}
          onChange={(v) => set({ scope: String(v) })}
          options={[
            { value: 'mine', label: <span data-testid="consumption-scope-mine">{tx(C.scopeMine)}</span> },
            { value: 'resellers', label: <span data-testid="consumption-scope-resellers">{tx(C.scopeResellers)}</span> },
          ]}
        />
      )}
      {tab === 'summary' && <SummaryTab key={scope} scope={scope} />}
      {tab === 'details' && <DetailsTab key={scope} scope={scope} />}
      {tab === 'peak95' && <Peak95Tab />}
    </Card>
  );
}

function MonthField({ name, label, testId }: { name: string; label: string; testId: string }) {
  return (
    <Form.Item name={name} label={label} initialValue={thisMonth()}>
      <DatePicker picker="month" allowClear={false} disabledDate={outsideLookback} data-testid={testId} aria-label={label} />
    </Form.Item>
  );
}

function AssociationSelect({ testId }: { testId: string }) {
  return (
    <Select
      allowClear
      style={{ width: 130 }}
      placeholder={tx(C.all)}
      data-testid={testId}
      options={['resale', 'consulting'].map((k) => ({ value: k, label: tx(C.associationTypes[k]!) }))}
    />
  );
}

function ExportMenu({ items, testId }: { items: { key: string; label: string; testId: string; onClick: () => void }[]; testId: string }) {
  const navigate = useNavigate();
  return (
    <Dropdown
      menu={{
        items: [
          ...items.map((i) => ({ key: i.key, label: <span data-testid={i.testId}>{i.label}</span>, onClick: i.onClick })),
          { key: 'records', label: <span data-testid={`${testId}-records`}>{tx(C.exportRecords)}</span>, onClick: () => navigate(ROUTES.exports) },
        ],
      }}
    >
      <Button data-testid={testId}>
        {tx(C.export)} <DownOutlined />
      </Button>
    </Dropdown>
  );
}

/* ------------------------------------------------------------------ 消费汇总 */

interface SummaryFilters {
  month?: Dayjs;
  customerName?: string;
  accountName?: string;
  managerName?: string;
  associationType?: 'resale' | 'consulting';
  resellerName?: string;
}

function SummaryTab({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const kind = usePartnerKind();
  const createExport = useCreateExport();
  const [form] = Form.useForm<SummaryFilters>();
  const [filters, setFilters] = useState<SummaryFilters>({});
  const [sub, setSub] = useState<'consumption' | 'refund'>('consumption');
  const [view, setView] = useState<'payment' | 'association'>('payment');
  const paging = usePaging();
  const { page, pageSize, setPage } = paging;
  const [reveal, setReveal] = useState(false);
  const [row, setRow] = useState<SummaryRow | null>(null);
  const [discounts, setDiscounts] = useState(false);
  const { month, ...rest } = filters;
  const query = blank({ ...rest, month: monthKey(month), scope });
  const q = useQuery({
    queryKey: [...KEY, 'summary', query, sub, view, page, pageSize, reveal],
    queryFn: () => api.GET('/api/cloud/partner/consumption/summary', { params: { query: { ...query, month: query.month!, tab: sub, view, page, pageSize, reveal: reveal ? 'true' : undefined } } }),
    placeholderData: keepPreviousData,
  });
  const d = q.data;
  const refund = sub === 'refund';
  const columns: TableColumnsType<SummaryRow> = [
    { key: 'name', title: <EyeTitle title={tx(C.colCustomerName)} on={reveal} onToggle={() => setReveal((v) => !v)} testId="eye-consumption-customerName" />, dataIndex: 'customerName' },
    { key: 'account', title: tx(C.colAccountName), dataIndex: 'accountName' },
    ...(scope === 'resellers' ? [{ key: 'reseller', title: tx(C.resellerName), render: (_: unknown, r: SummaryRow) => r.partnerName ?? '--' }] : []),
    { key: 'type', title: tx(C.productType), dataIndex: 'productTypeName' },
    { key: 'mode', title: tx(C.chargingMode), dataIndex: 'chargingModeName' },
    { key: 'assoc', title: tx(C.associationType), dataIndex: 'associationTypeName' },
    { key: 'amount', title: tx(refund ? C.colRefund : C.colAmount), align: 'right', render: (_, r) => <Money bare value={r.amount} /> },
    { key: 'cash', title: tx(C.colCash), align: 'right', render: (_, r) => <Money bare value={r.cash} /> },
    { key: 'coupon', title: tx(C.colCoupon), align: 'right', render: (_, r) => <Money bare value={r.coupon} /> },
    { key: 'debt', title: tx(C.colDebt), align: 'right', render: (_, r) => <Money bare value={r.debt} /> },
    { key: 'discount', title: tx(C.colDiscount), align: 'right', render: (_, r) => <Money bare value={r.discount} /> },
    ...(d?.performanceLink
      ? [
          {
            key: 'op',
            title: tx(C.colOperation),
            render: (_: unknown, r: SummaryRow) => (
              <ActionLink onClick={() => setRow(r)} data-testid={`consumption-performance-${r.customerId}-${r.serviceTypeCode}-${r.chargingMode}`}>
                {tx(C.performance)}
              </ActionLink>
            ),
          },
        ]
      : []),
  ];
  return (
    <div data-testid="consumption-summary">
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        title={
          <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="consumption-notes">
            {kind !== 'reseller' && <li>{tx(C.noteDelay)}</li>}
            <li>{tx(kind === 'reseller' ? C.noteManagerReseller : C.noteManager)}</li>
            <li>{d?.note}</li>
            <li>{tx(C.noteLookback)}</li>
          </ul>
        }
      />
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <MonthField name="month" label={tx(C.consumeMonth)} testId="summary-month" />
        <Form.Item name="customerName" label={tx(C.customerName)}>
          <Input allowClear style={{ width: 160 }} data-testid="summary-filter-customer" />
        </Form.Item>
        {kind === 'distributor' && (
          <Form.Item name="accountName" label={tx(C.customerAccountName)}>
            <Input allowClear style={{ width: 150 }} data-testid="summary-filter-account" />
          </Form.Item>
        )}
        <Form.Item name="managerName" label={tx(C.managerName)}>
          <Input allowClear style={{ width: 130 }} data-testid="summary-filter-manager" />
        </Form.Item>
        {scope === 'resellers' && (
          <Form.Item name="resellerName" label={tx(C.resellerName)}>
            <Input allowClear style={{ width: 150 }} data-testid="summary-filter-reseller" />
          </Form.Item>
        )}
        <Form.Item name="associationType" label={tx(C.associationType)}>
          <AssociationSelect testId="summary-filter-association" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="summary-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
              setPage(1);
            }}
            data-testid="summary-reset"
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      <Space style={{ marginBottom: 12 }} wrap>
        <ExportMenu
          testId="summary-export"
          items={[{ key: 'summary', label: tx(C.exportSummary), testId: 'export-summary', onClick: () => void createExport({ kind: 'cloud.consumption.summary', params: { ...query, tab: sub, view } }) }]}
        />
        <Typography.Text type="secondary">{tx(C.exportMasked)}</Typography.Text>
        {d?.closedThrough && (
          <Typography.Text type="secondary" data-testid="summary-data-through">
            {tx(C.dataThrough, { date: d.closedThrough })}
          </Typography.Text>
        )}
      </Space>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={12}>
          <Card size="small" data-testid="summary-cards">
            <Space size={32} wrap>
              <div>
                <Typography.Text type="secondary">{tx(C.cardConsumption)}</Typography.Text>
                <div style={{ fontSize: 22 }}>
                  <Money value={d?.cards.consumption} testId="card-consumption" />
                </div>
              </div>
              <div>
                <Typography.Text type="secondary">{tx(C.cardDiscount)}</Typography.Text>
                <div style={{ fontSize: 22 }}>
                  <a role="button" tabIndex={0} onClick={() => setDiscounts(true)} data-testid="card-discount" title={tx(C.discountDetail)}>
                    <Money value={d?.cards.discount} />
                  </a>
                </div>
              </div>
              <div>
                <Typography.Text type="secondary">{tx(C.cardRefunds)}</Typography.Text>
                <div style={{ fontSize: 22 }}>
                  <Money value={d?.cards.refunds} testId="card-refunds" />
                </div>
              </div>
            </Space>
            <div style={{ marginTop: 12 }}>
              <Radio.Group value={view} onChange={(e) => setView(e.target.value)} optionType="button" size="small" data-testid="summary-view">
                <Radio.Button value="payment" data-testid="summary-view-payment">
                  {tx(C.viewPayment)}
                </Radio.Button>
                <Radio.Button value="association" data-testid="summary-view-association">
                  {tx(C.viewAssociation)}
                </Radio.Button>
              </Radio.Group>
              <Space size={24} style={{ marginLeft: 16 }} data-testid="summary-breakdown" wrap>
                {(d?.breakdown ?? []).map((b) => (
                  <span key={b.key} data-testid={`breakdown-${b.key}`}>
                    {b.name}: <Money value={b.amount} />
                  </span>
                ))}
              </Space>
            </div>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={tx(C.chartTitle)}>
            <Chart
              height={170}
              testId="summary-chart"
              option={{
                tooltip: { trigger: 'item' },
                series: [
                  {
                    type: 'pie',
                    radius: ['40%', '70%'],
                    data: (d?.productTypes ?? []).map((p) => ({ name: p.productTypeName, value: Number(p.amount) })),
                  },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Tabs
        activeKey={sub}
        onChange={(k) => {
          setSub(k as 'consumption' | 'refund');
          setPage(1);
        }}
        items={[
          { key: 'consumption', label: <span data-testid="summary-sub-consumption">{tx(C.subConsumption)}</span> },
          { key: 'refund', label: <span data-testid="summary-sub-refund">{tx(C.subRefund)}</span> },
        ]}
      />
      {q.error && <Alert type="error" style={{ marginBottom: 12 }} title={(q.error as Error).message} />}
      <Table<SummaryRow>
        rowKey={(r) => `${r.customerId}|${r.serviceTypeCode}|${r.chargingMode}|${r.associationType}|${r.partnerName ?? ''}`}
        loading={q.isFetching}
        dataSource={d?.items ?? []}
        columns={columns}
        data-testid="summary-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(C.empty, 'summary-empty')}
        pagination={paging.pagination(d?.total)}
      />
      {row && <PerformanceDrawer row={row} month={query.month!} tab={sub} scope={scope} onClose={() => setRow(null)} />}
      <Modal open={discounts} title={tx(C.discountDetail)} footer={null} onCancel={() => setDiscounts(false)}>
        <Table
          size="small"
          rowKey="serviceTypeCode"
          pagination={false}
          data-testid="discount-details"
          dataSource={(d?.productTypes ?? []).filter((p) => p.discount !== '0.00')}
          locale={emptyText(C.empty, 'discount-details-empty')}
          columns={[
            { key: 't', title: tx(C.productType), dataIndex: 'productTypeName' },
            { key: 'o', title: tx(C.colAmount), align: 'right', render: (_, p) => <Money bare value={p.official} /> },
            { key: 'd', title: tx(C.colDiscount), align: 'right', render: (_, p) => <Money bare value={p.discount} /> },
          ]}
        />
      </Modal>
    </div>
  );
}

function PerformanceDrawer({ row, month, tab, scope, onClose }: { row: SummaryRow; month: string; tab: 'consumption' | 'refund'; scope: Scope; onClose: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: [...KEY, 'performance', row, month, tab, scope, page],
    queryFn: () =>
      api.GET('/api/cloud/partner/consumption/summary/performance', {
        params: { query: { month, customerId: row.customerId, serviceTypeCode: row.serviceTypeCode, chargingMode: row.chargingMode, associationType: row.associationType, tab, scope, page, pageSize: 10 } },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <Drawer open width={900} title={`${tx(C.performance)} · ${row.customerName} · ${row.productTypeName}`} onClose={onClose}>
      <Table<DetailRow>
        size="small"
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        data-testid="performance-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(C.empty, 'performance-empty')}
        columns={detailColumns(false)}
        pagination={{ current: page, pageSize: 10, total: q.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
      />
    </Drawer>
  );
}

/* ------------------------------------------------------------------ 消费明细 */

function detailColumns(resellers: boolean, eye?: { on: boolean; toggle: () => void }): TableColumnsType<DetailRow> {
  return [
    { key: 'month', title: tx(C.billMonth), dataIndex: 'billMonth' },
    {
      key: 'customer',
      title: eye ? <EyeTitle title={tx(C.colCustomerAccount)} on={eye.on} onToggle={eye.toggle} testId="eye-details-customerName" /> : tx(C.colCustomerAccount),
      render: (_, r) => `${r.customerName} / ${r.accountName}`,
    },
    { key: 'assoc', title: tx(C.associationType), dataIndex: 'associationTypeName' },
    ...(resellers ? [{ key: 'partner', title: tx(C.partnerName), render: (_: unknown, r: DetailRow) => r.partnerName ?? '--' }] : []),
    { key: 'manager', title: tx(C.managerName), render: (_, r) => r.managerName ?? '--' },
    { key: 'type', title: tx(C.productType), dataIndex: 'productTypeName' },
    { key: 'product', title: tx(C.colProduct), dataIndex: 'productName' },
    { key: 'mode', title: tx(C.chargingMode), dataIndex: 'chargingModeName' },
    { key: 'time', title: tx(C.colConsumeTime), render: (_, r) => (r.consumeEnd ? `${formatTime(r.consumeTime)} - ${formatTime(r.consumeEnd)}` : formatTime(r.consumeTime)) },
    { key: 'trade', title: tx(C.tradeId), render: (_, r) => <span data-testid={`detail-trade-${r.id}`}>{r.tradeId}</span> },
    { key: 'bill', title: tx(C.billType), dataIndex: 'billTypeName' },
    { key: 'region', title: tx(C.region), dataIndex: 'regionCode' },
    { key: 'resource', title: `${tx(C.resourceName)}/${tx(C.resourceId)}`, render: (_, r) => (r.resourceId ? `${r.resourceName ?? '--'}/${r.resourceId}` : '--') },
    { key: 'official', title: tx(C.colOfficial), align: 'right', render: (_, r) => <Money bare value={r.officialAmount} /> },
    { key: 'discount', title: tx(C.colDiscount), align: 'right', render: (_, r) => <Money bare value={r.discountAmount} /> },
    { key: 'payable', title: tx(C.colPayable), align: 'right', render: (_, r) => <Money bare value={r.paymentAmount} testId={`detail-payable-${r.id}`} /> },
    { key: 'cash', title: tx(C.colCash), align: 'right', render: (_, r) => <Money bare value={r.cashAmount} /> },
    { key: 'coupon', title: tx(C.colCoupon), align: 'right', render: (_, r) => <Money bare value={r.couponAmount} /> },
    { key: 'debt', title: tx(C.colDebt), align: 'right', render: (_, r) => <Money bare value={r.debtAmount} /> },
    { key: 'status', title: tx(C.colPayStatus), dataIndex: 'paymentStatus' },
  ];
}

interface DetailFilters {
  month?: Dayjs;
  customerName?: string;
  accountName?: string;
  managerName?: string;
  tradeId?: string;
  resourceId?: string;
  resourceName?: string;
  serviceTypeCode?: string;
  associationType?: 'resale' | 'consulting';
  chargingMode?: number;
  billDetailType?: number;
  regionCode?: string;
  partnerName?: string;
  hideZero?: boolean;
}

function DetailsTab({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const createExport = useCreateExport();
  const [form] = Form.useForm<DetailFilters>();
  const [filters, setFilters] = useState<DetailFilters>({});
  const paging = usePaging();
  const { page, pageSize, setPage } = paging;
  const [reveal, setReveal] = useState(false);
  const [byManager, setByManager] = useState(false);
  const products = useQuery({ queryKey: ['cloud', 'service-types'], queryFn: () => api.GET('/api/cloud/products', { params: { query: { pageSize: 100 } } }), staleTime: 10 * 60_000 });
  const productTypes = [...new Map((products.data?.items ?? []).map((p) => [p.serviceTypeCode, p.serviceTypeName])).entries()];
  const regions = [...new Set((products.data?.items ?? []).flatMap((p) => p.regions))].sort();
  const { month, hideZero, ...rest } = filters;
  const query = blank({ ...rest, month: monthKey(month), scope, hideZero: hideZero ? 'true' : undefined });
  const q = useQuery({
    queryKey: [...KEY, 'details', query, page, pageSize, reveal],
    queryFn: () =>
      api.GET('/api/cloud/partner/consumption/details', {
        params: { query: { ...query, month: query.month!, chargingMode: query.chargingMode, billDetailType: query.billDetailType, hideZero: query.hideZero as 'true' | undefined, page, pageSize, reveal: reveal ? 'true' : undefined } },
      }),
    placeholderData: keepPreviousData,
  });
  const exportParams = { ...query, hideZero: hideZero ? true : undefined };
  return (
    <div data-testid="consumption-details">
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <MonthField name="month" label={tx(C.billMonth)} testId="details-month" />
        <Form.Item name="customerName" label={tx(C.customerName)}>
          <Input allowClear style={{ width: 150 }} data-testid="details-filter-customer" />
        </Form.Item>
        <Form.Item name="accountName" label={tx(C.customerAccountName)}>
          <Input allowClear style={{ width: 150 }} data-testid="details-filter-account" />
        </Form.Item>
        {scope === 'resellers' && (
          <Form.Item name="partnerName" label={tx(C.partnerName)}>
            <Input allowClear style={{ width: 150 }} data-testid="details-filter-partner" />
          </Form.Item>
        )}
        <Form.Item name="managerName" label={tx(C.managerName)}>
          <Input allowClear style={{ width: 120 }} data-testid="details-filter-manager" />
        </Form.Item>
        <Form.Item name="tradeId" label={tx(C.tradeId)}>
          <Input allowClear style={{ width: 170 }} data-testid="details-filter-trade" />
        </Form.Item>
        <Form.Item name="resourceId" label={tx(C.resourceId)}>
          <Input allowClear style={{ width: 170 }} data-testid="details-filter-resource-id" />
        </Form.Item>
        <Form.Item name="resourceName" label={tx(C.resourceName)}>
          <Input allowClear style={{ width: 140 }} data-testid="details-filter-resource-name" />
        </Form.Item>
        <Form.Item name="serviceTypeCode" label={tx(C.productType)}>
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 170 }} placeholder={tx(C.all)} data-testid="details-filter-product" options={productTypes.map(([code, name]) => ({ value: code, label: tx(name) }))} />
        </Form.Item>
        <Form.Item name="associationType" label={tx(C.associationType)}>
          <AssociationSelect testId="details-filter-association" />
        </Form.Item>
        <Form.Item name="chargingMode" label={tx(C.chargingMode)}>
          <Select allowClear style={{ width: 120 }} placeholder={tx(C.all)} data-testid="details-filter-mode" options={[1, 3].map((k) => ({ value: k, label: tx(C.chargingModes[k]!) }))} />
        </Form.Item>
        <Form.Item name="billDetailType" label={tx(C.billType)}>
          <Select allowClear style={{ width: 150 }} placeholder={tx(C.all)} data-testid="details-filter-bill-type" options={Object.entries(C.billTypes).map(([k, v]) => ({ value: Number(k), label: tx(v) }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={tx(C.region)}>
          <Select allowClear style={{ width: 140 }} placeholder={tx(C.all)} data-testid="details-filter-region" options={regions.map((r) => ({ value: r, label: r }))} />
        </Form.Item>
        <Form.Item name="hideZero" valuePropName="checked">
          <Checkbox data-testid="details-hide-zero">{tx(C.hideZero)}</Checkbox>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="details-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
              setPage(1);
            }}
            data-testid="details-reset"
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      <Space style={{ marginBottom: 12 }} wrap>
        <ExportMenu
          testId="details-export"
          items={[
            { key: 'current', label: tx(C.exportCurrent), testId: 'export-current', onClick: () => void createExport({ kind: 'cloud.consumption.details', params: exportParams }) },
            ...(scope === 'mine' ? [{ key: 'manager', label: tx(C.exportByManager), testId: 'export-by-manager', onClick: () => setByManager(true) }] : []),
          ]}
        />
        <Typography.Text type="secondary">{tx(C.exportMasked)}</Typography.Text>
      </Space>
      {q.error && <Alert type="error" style={{ marginBottom: 12 }} title={(q.error as Error).message} />}
      <Table<DetailRow>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={detailColumns(scope === 'resellers', { on: reveal, toggle: () => setReveal((v) => !v) })}
        data-testid="details-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(C.empty, 'details-empty')}
        pagination={paging.pagination(q.data?.total, { showTotal: (total) => (q.data?.totalCapped ? tx(C.totalCapped) : t('common.total', { total })) })}
      />
      {byManager && <ByManagerDialog month={query.month!} onClose={() => setByManager(false)} onExport={(managerId) => createExport({ kind: 'cloud.consumption.by-manager', params: { month: query.month, managerId } })} />}
    </div>
  );
}

function ByManagerDialog({ month, onClose, onExport }: { month: string; onClose: () => void; onExport: (managerId: string) => Promise<boolean> }) {
  const [form] = Form.useForm<{ month: Dayjs; managerId: string }>();
  const [name, setName] = useState('');
  const managers = useQuery({ queryKey: [...KEY, 'managers', name], queryFn: () => api.GET('/api/cloud/partner/consumption/managers', { params: { query: { name: name || undefined } } }) });
  return (
    <Modal
      open
      title={`${tx(C.exportByManager)} · ${tx(C.exportConditions)}`}
      okText={tx(C.export)}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        if (await onExport(v.managerId)) onClose();
      }}
      okButtonProps={{ 'data-testid': 'by-manager-ok' } as never}
    >
      <Form form={form} layout="vertical" initialValues={{ month: dayjs(`${month}-01`) }}>
        <Form.Item name="month" label={tx(C.billMonth)}>
          <DatePicker picker="month" disabled />
        </Form.Item>
        <Form.Item name="managerId" label={tx(C.managerName)} rules={[{ required: true, message: tx(C.chooseManager) }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setName}
            data-testid="by-manager-select"
            options={(managers.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.accountName})` }))}
          />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{tx(C.exportLimit)}</Typography.Text>
    </Modal>
  );
}

/* ------------------------------------------------------------------ 月结95峰值计费产品 */

function Peak95Tab() {
  const q = useQuery({ queryKey: [...KEY, 'peak95'], queryFn: () => api.GET('/api/cloud/partner/consumption/peak95-products') });
  return (
    <Table
      rowKey="code"
      loading={q.isFetching}
      pagination={false}
      data-testid="peak95-table"
      dataSource={q.data?.items ?? []}
      columns={[
        { key: 'name', title: tx(C.productName), render: (_, p) => <span data-testid={`peak95-${p.abbreviation}`}>{p.name}</span> },
        {
          key: 'url',
          title: tx(C.productIntro),
          render: (_, p) => (
            <a href={p.productUrl} target="_blank" rel="noreferrer">
              {p.productUrl}
            </a>
          ),
        },
      ]}
    />
  );
}
