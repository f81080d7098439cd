import { Button, Card, DatePicker, Descriptions, Drawer, Input, Space, Table, Tabs, Typography } from 'antd';
import { usePaging } from '../../../components/paging';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { formatTime } from '../../../components/format';
import { Money } from '../ui';
import { cloudKey, OrderStatusTag, PATHS, useCatalogue, useRegionName, useTx, type Order, type OrderDetail } from './common';
import { C } from './text';

type Tab = 'all' | '待支付' | '已完成' | '已取消';

/**
 * 我的订单: tabs 全部 / 待支付 / 已完成 / 已取消 over `GET /api/customer/cloud/orders` (paged and filtered in SQL;
 * the last 6 months unless a range is chosen, a range at most 1 year — the server checks it too), with 支付,
 * 取消订单 and 详情 (订单资源明细, 支付详情, 订单记录).
 */
export function OrdersPage() {
  const tx = useTx();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal, handleError } = useFeedback();
  const catalogue = useCatalogue();
  const [tab, setTab] = useState<Tab>('all');
  const paging = usePaging();
  const { page, pageSize, setPage } = paging;
  const [orderNo, setOrderNo] = useState('');
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [applied, setApplied] = useState<{ orderNo?: string; range: [Dayjs, Dayjs] | null }>({ range: null });
  const [detailId, setDetailId] = useState<string | null>(null);

  const query = {
    page,
    pageSize,
    status: tab === 'all' ? undefined : tab,
    orderNo: applied.orderNo || undefined,
    createdFrom: applied.range ? applied.range[0].startOf('day').toISOString() : undefined,
    createdTo: applied.range ? applied.range[1].endOf('day').toISOString() : undefined,
  };
  const q = useQuery({
    queryKey: [...cloudKey, 'orders', query],
    queryFn: () => api.GET('/api/customer/cloud/orders', { params: { query } }),
    placeholderData: keepPreviousData,
  });

  const productOf = (o: Order) => {
    const name = catalogue.services.get(o.serviceTypeCode);
    return name ? tx(name) : o.serviceTypeCode;
  };

  const cancel = (o: Order) =>
    modal.confirm({
      title: tx(C.orders.cancel),
      content: tx(C.pay.cancelConfirm),
      okButtonProps: { danger: true, 'data-testid': 'order-cancel-ok' },
      onOk: async () => {
        try {
          await api.POST('/api/customer/cloud/orders/{id}/cancel', { params: { path: { id: o.id } }, body: {} });
          void message.success(tx(C.pay.cancelled));
          await qc.invalidateQueries({ queryKey: cloudKey });
        } catch (err) {
          handleError(err);
        }
      },
    });

  const columns: TableColumnsType<Order> = [
    {
      key: 'orderNo',
      title: tx(C.orders.orderNo),
      render: (_, o) => (
        <Typography.Link onClick={() => setDetailId(o.id)} data-testid={`order-no-${o.orderNo}`}>
          {o.orderNo}
        </Typography.Link>
      ),
    },
    { key: 'product', title: tx(C.orders.product), render: (_, o) => productOf(o) },
    { key: 'orderType', title: tx(C.orders.orderType), render: (_, o) => tx(C.orderTypes[o.orderType] ?? { zh: o.orderType, en: o.orderType }) },
    { key: 'status', title: tx(C.orders.status), render: (_, o) => <OrderStatusTag order={o} testId={`order-status-${o.orderNo}`} /> },
    { key: 'payMethod', title: tx(C.orders.payMethod), render: (_, o) => (o.paymentMethod ? tx(C.payMethods[o.paymentMethod] ?? { zh: o.paymentMethod, en: o.paymentMethod }) : '-') },
    { key: 'createdAt', title: tx(C.orders.createdAt), render: (_, o) => formatTime(o.createdAt) },
    { key: 'paidAt', title: tx(C.orders.paidAt), render: (_, o) => formatTime(o.paidAt) },
    { key: 'amount', title: tx(C.orders.amount), align: 'right', render: (_, o) => <Money value={o.amount} testId={`order-amount-${o.orderNo}`} /> },
    {
      key: 'actions',
      title: tx(C.orders.actions),
      fixed: 'right',
      render: (_, o) => (
        <Space size="small">
          {o.status === '待支付' && (
            <Typography.Link onClick={() => navigate(PATHS.pay(o.id))} data-testid={`order-pay-${o.orderNo}`}>
              {tx(C.orders.pay)}
            </Typography.Link>
          )}
          {(o.status === '待支付' || o.status === '待审核') && (
            <Typography.Link onClick={() => cancel(o)} data-testid={`order-cancel-${o.orderNo}`}>
              {tx(C.orders.cancel)}
            </Typography.Link>
          )}
          <Typography.Link onClick={() => setDetailId(o.id)} data-testid={`order-detail-${o.orderNo}`}>
            {tx(C.orders.detail)}
          </Typography.Link>
        </Space>
      ),
    },
  ];

  const oneYear = (d: Dayjs, from: Dayjs | null | undefined) => Boolean(from && Math.abs(d.diff(from, 'day')) > 366);

  return (
    <Card title={tx(C.orders.title)} data-testid="orders-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as Tab);
          setPage(1);
        }}
        items={(
          [
            ['all', C.orders.tabAll],
            ['待支付', C.orders.tabUnpaid],
            ['已完成', C.orders.tabDone],
            ['已取消', C.orders.tabCancelled],
          ] as const
        ).map(([key, label]) => ({ key, label: <span data-testid={`orders-tab-${key === 'all' ? 'all' : key}`}>{tx(label)}</span> }))}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input placeholder={tx(C.orders.orderNoPlaceholder)} value={orderNo} onChange={(e) => setOrderNo(e.target.value)} allowClear maxLength={32} style={{ width: 220 }} data-testid="orders-filter-no" />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
          disabledDate={(d, info) => d.isAfter(dayjs().endOf('day')) || oneYear(d, info.from)}
          placeholder={[tx(C.orders.range), tx(C.orders.range)]}
          data-testid="orders-filter-range"
        />
        <Button
          type="primary"
          onClick={() => {
            setApplied({ orderNo: orderNo.trim() || undefined, range });
            setPage(1);
          }}
          data-testid="orders-search"
        >
          {tx(C.orders.search)}
        </Button>
        <Button
          onClick={() => {
            setOrderNo('');
            setRange(null);
            setApplied({ range: null });
            setPage(1);
          }}
        >
          {tx(C.orders.reset)}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {tx(C.orders.rangeNote)}
      </Typography.Paragraph>
      <Table<Order>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="orders-table"
        onRow={(o) => ({ 'data-testid': `order-row-${o.orderNo}` }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <span data-testid="orders-empty">{tx(C.orders.empty)}</span> }}
        pagination={paging.pagination(q.data?.total)}
      />
      {detailId && <OrderDrawer id={detailId} onClose={() => setDetailId(null)} />}
    </Card>
  );
}

/** 订单详情: the order, 订单资源明细 (lines), 支付详情 (payments and refunds) and 订单记录 (status history). */
function OrderDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const tx = useTx();
  const regionName = useRegionName();
  const q = useQuery({ queryKey: [...cloudKey, 'order', id], queryFn: () => api.GET('/api/customer/cloud/orders/{id}', { params: { path: { id } } }) });
  const d = q.data;
  const o = d?.order;
  type Line = OrderDetail['lines'][number];
  type Payment = OrderDetail['payments'][number];
  type Event = OrderDetail['events'][number];
  return (
    <Drawer open width={880} title={tx(C.orders.detailTitle)} onClose={onClose} loading={q.isLoading} data-testid="order-detail">
      {o && d && (
        <>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={tx(C.orders.orderNo)}>
              <span data-testid="order-detail-no">{o.orderNo}</span>
            </Descriptions.Item>
            <Descriptions.Item label={tx(C.orders.status)}>
              <OrderStatusTag order={o} testId="order-detail-status" />
            </Descriptions.Item>
            <Descriptions.Item label={tx(C.orders.orderType)}>{tx(C.orderTypes[o.orderType] ?? { zh: o.orderType, en: o.orderType })}</Descriptions.Item>
            <Descriptions.Item label={tx(C.orders.payMethod)}>{o.paymentMethod ? tx(C.payMethods[o.paymentMethod] ?? { zh: o.paymentMethod, en: o.paymentMethod }) : '-'}</Descriptions.Item>
            <Descriptions.Item label={tx(C.orders.officialAmount)}>
              <Money value={o.officialAmount} />
            </Descriptions.Item>
            <Descriptions.Item label={tx(C.orders.discountAmount)}>
              <Money value={o.discountAmount} />
            </Descriptions.Item>
            <Descriptions.Item label={tx(C.orders.amount)}>
              <Money value={o.amount} />
            </Descriptions.Item>
            <Descriptions.Item label={tx(C.orders.createdAt)}>{formatTime(o.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={tx(C.orders.paidAt)}>{formatTime(o.paidAt)}</Descriptions.Item>
            {o.status === '待支付' && <Descriptions.Item label={tx(C.orders.payDeadline)}>{formatTime(o.payDeadline)}</Descriptions.Item>}
            {o.cancelReason && <Descriptions.Item label={tx(C.orders.cancelReason)}>{o.cancelReason}</Descriptions.Item>}
            {d.partnerPay.rejectReason && <Descriptions.Item label={tx(C.pay.rejectReason)}>{d.partnerPay.rejectReason}</Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {tx(C.orders.lines)}
          </Typography.Title>
          <Table<Line>
            rowKey="lineNo"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={d.lines}
            data-testid="order-detail-lines"
            columns={[
              { key: 'lineNo', title: tx(C.orders.lineNo), dataIndex: 'lineNo' },
              { key: 'product', title: tx(C.orders.product), render: (_, l) => (l.product ? tx(l.product.name) : l.productId) },
              { key: 'name', title: tx(C.orders.resourceName), render: (_, l) => l.resourceName ?? '-' },
              { key: 'region', title: tx(C.orders.region), render: (_, l) => regionName(l.regionCode) },
              { key: 'period', title: tx(C.orders.periodCol), render: (_, l) => (l.periodNum ? tx(l.periodType === 'year' ? C.buy.years(l.periodNum) : C.buy.months(l.periodNum)) : '-') },
              { key: 'qty', title: tx(C.orders.quantity), dataIndex: 'quantity' },
              { key: 'amount', title: tx(C.orders.amount), align: 'right', render: (_, l) => <Money value={l.amount} /> },
              { key: 'effective', title: tx(C.orders.effective), render: (_, l) => formatTime(l.effectiveAt) },
              { key: 'expires', title: tx(C.orders.expires), render: (_, l) => formatTime(l.expiresAt) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {tx(C.orders.payments)}
          </Typography.Title>
          <Table<Payment>
            rowKey={(p) => `${p.kind}-${p.createdAt}`}
            size="small"
            pagination={false}
            dataSource={d.payments}
            data-testid="order-detail-payments"
            columns={[
              { key: 'kind', title: tx(C.orders.payKind), render: (_, p) => tx(p.kind === 'refund' ? C.orders.refund : C.orders.payment) },
              { key: 'method', title: tx(C.orders.payMethod), render: (_, p) => tx(C.payMethods[p.method] ?? { zh: p.method, en: p.method }) },
              { key: 'payer', title: tx(C.orders.payer), render: (_, p) => tx(p.payerKind === 'partner' ? C.orders.payerPartner : C.orders.payerCustomer) },
              { key: 'amount', title: tx(C.orders.amount), align: 'right', render: (_, p) => <Money value={p.amount} /> },
              { key: 'at', title: tx(C.orders.at), render: (_, p) => formatTime(p.createdAt) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {tx(C.orders.history)}
          </Typography.Title>
          <Table<Event>
            rowKey={(e) => `${e.at}-${e.action}-${e.toStatus}`}
            size="small"
            pagination={false}
            dataSource={d.events}
            data-testid="order-detail-history"
            columns={[
              { key: 'at', title: tx(C.orders.at), render: (_, e) => formatTime(e.at) },
              { key: 'action', title: tx(C.orders.action), render: (_, e) => tx(C.actions[e.action] ?? { zh: e.action, en: e.action }) },
              {
                key: 'status',
                title: tx(C.orders.fromTo),
                render: (_, e) => `${e.fromStatus ? `${tx(C.statuses[e.fromStatus] ?? { zh: e.fromStatus, en: e.fromStatus })} → ` : ''}${tx(C.statuses[e.toStatus] ?? { zh: e.toStatus, en: e.toStatus })}`,
              },
              { key: 'reason', title: tx(C.orders.reason), render: (_, e) => e.reason ?? '-' },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
