import { DownOutlined } from '@ant-design/icons';
import { usePaging } from '../../../components/paging';
import { Alert, Button, Descriptions, Drawer, Dropdown, Form, Input, Modal, Popover, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { formatTime } from '../../../components/format';
import { useCreateExport } from '../../../pages/ExportsPage';
import { ROUTES } from '../customers/api';
import { tx } from '../customers/text';
import { ActionLink, DateRangeField, emptyText, EyeTitle, Money, rangeToIso } from '../customers/ui';
import { OKEYS, ORDER_STATUSES, ORDER_TYPES, STATUS_COLORS, useOrdersContext, type OrderRow } from './api';
import { O } from './text';

interface Filters {
  customerName?: string;
  orderNo?: string;
  status?: string;
  serviceTypeCode?: string;
  orderType?: string;
  created?: [Dayjs | null, Dayjs | null] | null;
}

/**
 * 我的客户订单 (op 30, guide 9677–9745) — or a distributor's 云经销商的客户订单 (read only): filters 客户名称, 订单号,
 * 订单状态, 产品类型, 订单类型, 下单时间 (default the last 6 months; ≤ 1 year); 详情 drawer, 调价记录, hovering 实付金额 of a
 * 已完成 non-退订 order shows 支付详情; 导出 > 导出当前记录 / 导出全部记录 / 查看导出记录.
 */
export function OrdersTab({ scope }: { scope: 'mine' | 'resellers' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const createExport = useCreateExport();
  const ctx = useOrdersContext();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const paging = usePaging();
  const { page, pageSize, setPage } = paging;
  const [reveal, setReveal] = useState(false);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [adjustId, setAdjustId] = useState<string | null>(null);
  const { created, ...rest } = filters;
  const range = rangeToIso(created);
  const query = { ...rest, scope, createdFrom: range.from, createdTo: range.to };
  const q = useQuery({
    queryKey: [...OKEYS.orders, query, page, pageSize, reveal],
    queryFn: () => api.GET('/api/cloud/partner/orders', { params: { query: { ...(query as Record<string, unknown>), page, pageSize, reveal: reveal ? 'true' : undefined } } }),
    placeholderData: keepPreviousData,
    retry: false,
  });

  const columns: TableColumnsType<OrderRow> = [
    { key: 'no', title: tx(O.orderNo), render: (_, r) => <span data-testid={`order-no-${r.orderNo}`}>{r.orderNo}</span> },
    { key: 'product', title: tx(O.productType), dataIndex: 'serviceTypeName' },
    { key: 'type', title: tx(O.orderType), dataIndex: 'orderTypeName' },
    { key: 'status', title: tx(O.orderStatus), render: (_, r) => <Tag color={STATUS_COLORS[r.status] ?? 'default'} data-testid={`order-status-${r.orderNo}`}>{r.status}</Tag> },
    {
      key: 'customer',
      title: <EyeTitle title={tx(O.customerName)} on={reveal} onToggle={() => setReveal((v) => !v)} testId="eye-orders-customer" />,
      render: (_, r) => (
        <span>
          {r.customerName}
          <br />
          <Typography.Text type="secondary">{r.customerAccountName}</Typography.Text>
        </span>
      ),
    },
    ...(scope === 'resellers' ? [{ key: 'reseller', title: tx(O.resellerName), render: (_: unknown, r: OrderRow) => r.partnerName ?? '--' }] : []),
    { key: 'assoc', title: tx(O.associationType), render: (_, r) => r.associationTypeName ?? '--' },
    { key: 'at', title: tx(O.orderedAt), render: (_, r) => formatTime(r.createdAt) },
    { key: 'paid', title: tx(O.paidAt), render: (_, r) => (r.paidAt ? formatTime(r.paidAt) : '--') },
    { key: 'amount', title: tx(O.orderAmount), align: 'right', render: (_, r) => <Money bare value={r.amount} /> },
    {
      key: 'paidAmount',
      title: tx(O.paidAmount),
      align: 'right',
      render: (_, r) => {
        if (!r.paidAmount) return '--';
        const d = r.paymentDetail;
        if (!d) return <Money bare value={r.paidAmount} />;
        return (
          <Popover
            title={tx(O.paymentDetail)}
            content={
              <div data-testid={`payment-detail-${r.orderNo}`}>
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'm', label: tx(O.payMethod), children: d.paymentMethod ?? '--' },
                    { key: 'p', label: tx(O.payer), children: d.payer },
                    { key: 'o', label: tx(O.officialAmount), children: <Money bare value={d.officialAmount} /> },
                    { key: 'd', label: tx(O.discountAmount), children: <Money bare value={d.discountAmount} /> },
                    { key: 'c', label: tx(O.cash), children: <Money bare value={d.cashAmount} /> },
                    { key: 'v', label: tx(O.coupon), children: <Money bare value={d.couponAmount} /> },
                    ...(r.invoiceableAmount ? [{ key: 'i', label: tx(O.invoiceable), children: <Money bare value={r.invoiceableAmount} /> }] : []),
                  ]}
                />
              </div>
            }
          >
            <a data-testid={`paid-amount-${r.orderNo}`}>
              <Money bare value={r.paidAmount} />
            </a>
          </Popover>
        );
      },
    },
    {
      key: 'op',
      title: tx(O.operation),
      render: (_, r) => (
        <Space>
          <ActionLink onClick={() => setDetailId(r.id)} data-testid={`order-detail-${r.orderNo}`}>
            {tx(O.detail)}
          </ActionLink>
          <ActionLink onClick={() => setAdjustId(r.id)} data-testid={`order-adjustments-${r.orderNo}`}>
            {tx(O.priceAdjustments)}
          </ActionLink>
        </Space>
      ),
    },
  ];

  const exportParams = { ...query };
  return (
    <div data-testid={`orders-tab-${scope}`}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={<ul style={{ margin: 0, paddingLeft: 16 }}>{[...O.ordersNotes, O.eyeNote].map((n) => <li key={n.zh}>{tx(n)}</li>)}</ul>} />
      {scope === 'resellers' && <Alert type="warning" style={{ marginBottom: 12 }} message={tx(O.resellersReadOnly)} />}
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="orders-filters"
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <Form.Item name="customerName" label={tx(O.customerName)}>
          <Input allowClear style={{ width: 160 }} data-testid="orders-filter-customer" />
        </Form.Item>
        <Form.Item name="orderNo" label={tx(O.orderNo)}>
          <Input allowClear style={{ width: 190 }} data-testid="orders-filter-no" />
        </Form.Item>
        <Form.Item name="status" label={tx(O.orderStatus)}>
          <Select allowClear style={{ width: 110 }} data-testid="orders-filter-status" options={ORDER_STATUSES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item name="serviceTypeCode" label={tx(O.productType)}>
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} data-testid="orders-filter-product" options={(ctx.data?.serviceTypes ?? []).map((s) => ({ value: s.code, label: s.name }))} />
        </Form.Item>
        <Form.Item name="orderType" label={tx(O.orderType)}>
          <Select allowClear style={{ width: 100 }} data-testid="orders-filter-type" options={ORDER_TYPES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <DateRangeField name="created" label={O.orderedAt} testId="orders-filter-created" />
        <Space>
          <Button type="primary" htmlType="submit" data-testid="orders-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
              setPage(1);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      <Space style={{ marginBottom: 12 }} wrap>
        <Dropdown
          menu={{
            items: [
              { key: 'current', label: <span data-testid="orders-export-current">{tx(O.exportCurrent)}</span>, onClick: () => void createExport({ kind: 'cloud.partner-orders', params: { ...exportParams, mode: 'current' } }) },
              { key: 'all', label: <span data-testid="orders-export-all">{tx(O.exportAll)}</span>, onClick: () => void createExport({ kind: 'cloud.partner-orders', params: { scope, mode: 'all' } }) },
              { key: 'records', label: <span data-testid="orders-export-records">{tx(O.exportRecords)}</span>, onClick: () => navigate(ROUTES.exports) },
            ],
          }}
        >
          <Button data-testid="orders-export-menu">
            {tx(O.export)} <DownOutlined />
          </Button>
        </Dropdown>
        <Typography.Text type="secondary">{tx(O.exportMasked)}</Typography.Text>
      </Space>
      {q.error && <Alert type="error" style={{ marginBottom: 12 }} message={(q.error as Error).message} data-testid="orders-error" />}
      <Table<OrderRow>
        rowKey="id"
        loading={q.isFetching && !q.data}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="orders-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(O.empty, 'orders-empty')}
        pagination={paging.pagination(q.data?.total)}
      />
      {detailId && <OrderDrawer id={detailId} onClose={() => setDetailId(null)} />}
      {adjustId && <AdjustmentsModal id={adjustId} onClose={() => setAdjustId(null)} />}
    </div>
  );
}

function OrderDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const d = useQuery({ queryKey: [...OKEYS.orders, 'one', id], queryFn: () => api.GET('/api/cloud/partner/orders/{id}', { params: { path: { id } } }) });
  const o = d.data?.order;
  return (
    <Drawer open width={860} title={tx(O.orderDetail)} onClose={onClose}>
      {!d.data || !o ? (
        <Spin />
      ) : (
        <div data-testid="order-detail">
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'no', label: tx(O.orderNo), children: o.orderNo },
              { key: 'type', label: tx(O.orderType), children: o.orderTypeName },
              { key: 'status', label: tx(O.orderStatus), children: o.status },
              { key: 'product', label: tx(O.productType), children: o.serviceTypeName },
              { key: 'customer', label: tx(O.customerNameAccount), children: `${o.customerName} / ${o.customerAccountName}` },
              { key: 'assoc', label: tx(O.associationType), children: o.associationTypeName ?? '--' },
              { key: 'at', label: tx(O.orderedAt), children: formatTime(o.createdAt) },
              { key: 'paid', label: tx(O.paidAt), children: o.paidAt ? formatTime(o.paidAt) : '--' },
              { key: 'method', label: tx(O.payMethod), children: o.paymentMethod ?? '--' },
              { key: 'amount', label: tx(O.orderAmount), children: <Money bare value={o.amount} /> },
              { key: 'paidAmount', label: tx(O.paidAmount), children: o.paidAmount ? <Money bare value={o.paidAmount} /> : '--' },
              ...(o.rejectReason ? [{ key: 'reject', label: tx(O.rejectReason), children: o.rejectReason }] : []),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {tx(O.lines)}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={d.data.lines}
            columns={[
              { key: 'id', title: tx(O.lineId), dataIndex: 'lineNo' },
              { key: 'p', title: tx(O.product), render: (_, l) => `${l.productName}${l.size ? ` ${l.size}GB` : ''}` },
              { key: 'r', title: tx(O.region), dataIndex: 'regionCode' },
              { key: 'period', title: tx(O.period), render: (_, l) => (l.periodNum ? `${l.periodNum}${tx(l.periodType === 'year' ? O.year : O.month)}` : '--') },
              { key: 'q', title: tx(O.quantity), dataIndex: 'quantity' },
              { key: 'o', title: tx(O.officialAmount), align: 'right', render: (_, l) => <Money bare value={l.officialAmount} /> },
              { key: 'd', title: tx(O.discountAmount), align: 'right', render: (_, l) => <Money bare value={l.discountAmount} /> },
              { key: 'a', title: tx(O.amount), align: 'right', render: (_, l) => <Money bare value={l.amount} /> },
              { key: 'e', title: tx(O.lineEffective), render: (_, l) => formatTime(l.effectiveAt) },
              { key: 'x', title: tx(O.lineExpires), render: (_, l) => formatTime(l.expiresAt) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {tx(O.payments)}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.data.payments}
            columns={[
              { key: 'k', title: '', render: (_, p) => (p.kind === 'payment' ? tx({ zh: '支付', en: 'Payment' }) : tx({ zh: '退款', en: 'Refund' })) },
              { key: 'm', title: tx(O.payMethod), dataIndex: 'method' },
              { key: 'a', title: tx(O.amount), align: 'right', render: (_, p) => <Money bare value={p.amount} /> },
              { key: 't', title: tx(O.paidAt), render: (_, p) => formatTime(p.createdAt) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {tx(O.history)}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.data.events}
            columns={[
              { key: 't', title: tx(O.adjustedAt), render: (_, e) => formatTime(e.at) },
              { key: 's', title: tx(O.orderStatus), render: (_, e) => `${e.fromStatus ?? '--'} → ${e.toStatus}` },
              { key: 'a', title: tx(O.operation), dataIndex: 'action' },
              { key: 'r', title: tx(O.rejectReason), render: (_, e) => e.reason ?? '' },
            ]}
          />
        </div>
      )}
    </Drawer>
  );
}

function AdjustmentsModal({ id, onClose }: { id: string; onClose: () => void }) {
  const d = useQuery({ queryKey: [...OKEYS.orders, 'adjustments', id], queryFn: () => api.GET('/api/cloud/partner/orders/{id}/price-adjustments', { params: { path: { id } } }) });
  return (
    <Modal open width={860} footer={null} title={`${tx(O.priceAdjustments)}${d.data ? ` · ${d.data.orderNo}` : ''}`} onCancel={onClose}>
      <Table
        size="small"
        rowKey="lineNo"
        loading={!d.data}
        pagination={false}
        data-testid="price-adjustments"
        dataSource={d.data?.items ?? []}
        locale={emptyText(O.noAdjustments, 'price-adjustments-empty')}
        columns={[
          { key: 'id', title: tx(O.lineId), dataIndex: 'lineNo' },
          { key: 'p', title: tx(O.product), dataIndex: 'productName' },
          { key: 't', title: tx(O.adjustType), dataIndex: 'adjustType' },
          { key: 'o', title: tx(O.officialAmount), align: 'right', render: (_, r) => <Money bare value={r.officialAmount} /> },
          { key: 'a', title: tx(O.adjustedAmount), align: 'right', render: (_, r) => <Money bare value={r.amount} /> },
          { key: 'd', title: tx(O.adjustAmount), align: 'right', render: (_, r) => <Money bare value={r.adjustAmount} /> },
          { key: 'r', title: tx(O.rate), render: (_, r) => (r.rate ? `${(Number(r.rate) * 10).toFixed(2).replace(/\.?0+$/, '')}折` : '--') },
          { key: 'at', title: tx(O.adjustedAt), render: (_, r) => formatTime(r.adjustedAt) },
          { key: 'op', title: tx(O.operator), dataIndex: 'operator' },
        ]}
      />
    </Modal>
  );
}
