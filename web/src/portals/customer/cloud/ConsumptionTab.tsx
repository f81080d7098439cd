import { Checkbox, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import { usePaging } from '../../../components/paging';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ApiData } from '../../../api/client';
import { formatTime } from '../../../components/format';
import { Money } from '../ui';
import { cloudKey, useCatalogue, useTx } from './common';
import { C } from './text';

type Fee = ApiData<'/api/customer/cloud/fees', 'get'>['items'][number];

/** 账期: the current Beijing month and the 17 before it (R-O5: 18 months). */
const LOOKBACK_MONTHS = 18;
const beijingNow = () => dayjs(Date.now() + (8 * 60 + new Date().getTimezoneOffset()) * 60_000);

/**
 * 费用中心 > 消费明细 (spec 05 E4 / E17 seen from the customer): one 账期 of the customer's own fee records
 * (`GET /api/customer/cloud/fees`, paged in SQL), filtered by 计费模式, with 隐藏0元消费. 消费金额 is the list price
 * (官网价), 应付金额 what is due after discounts = 现金支付 + 代金券抵扣 + 欠费金额.
 */
export function ConsumptionTab() {
  const tx = useTx();
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const [month, setMonth] = useState<Dayjs>(beijingNow().startOf('month'));
  const [chargingMode, setChargingMode] = useState<1 | 3 | undefined>(undefined);
  const [hideZero, setHideZero] = useState(false);
  const paging = usePaging();
  const { page, pageSize, setPage } = paging;
  const query = { month: month.format('YYYY-MM'), chargingMode, hideZero: hideZero ? ('true' as const) : undefined, page, pageSize };
  const q = useQuery({ queryKey: [...cloudKey, 'fees', query], queryFn: () => api.GET('/api/customer/cloud/fees', { params: { query } }), placeholderData: keepPreviousData, retry: false });
  const first = beijingNow().startOf('month').subtract(LOOKBACK_MONTHS - 1, 'month');
  const last = beijingNow().endOf('month');

  const productName = (f: Fee) => {
    const p = catalogue.byId.get(f.productId);
    return p ? tx(p.name) : f.productId;
  };
  const columns: TableColumnsType<Fee> = [
    { key: 'consumeTime', title: tx(C.fees.consumeTime), render: (_, f) => formatTime(f.consumeTime) },
    { key: 'product', title: tx(C.fees.product), render: (_, f) => productName(f) },
    { key: 'tradeId', title: tx(C.fees.orderNo), dataIndex: 'tradeId' },
    { key: 'billType', title: tx(C.fees.billType), render: (_, f) => tx(C.billTypes[f.billDetailType] ?? { zh: String(f.billDetailType), en: String(f.billDetailType) }) },
    { key: 'official', title: tx(C.fees.official), align: 'right', render: (_, f) => <Money value={f.officialAmount} /> },
    { key: 'payable', title: tx(C.fees.payable), align: 'right', render: (_, f) => <Money value={f.paymentAmount} testId={`fee-payable-${f.tradeId}`} /> },
    { key: 'cash', title: tx(C.fees.cash), align: 'right', render: (_, f) => <Money value={f.cashAmount} /> },
    { key: 'coupon', title: tx(C.fees.coupon), align: 'right', render: (_, f) => <Money value={f.couponAmount} /> },
    { key: 'debt', title: tx(C.fees.debt), align: 'right', render: (_, f) => <Money value={f.debtAmount} /> },
    { key: 'status', title: tx(C.fees.status), render: (_, f) => <Tag color={f.paymentStatus === '已支付' ? 'green' : 'red'}>{tx(C.payStatuses[f.paymentStatus] ?? { zh: f.paymentStatus, en: f.paymentStatus })}</Tag> },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{tx(C.fees.month)}</span>
        <DatePicker
          picker="month"
          allowClear={false}
          value={month}
          onChange={(v) => {
            if (v) setMonth(v.startOf('month'));
            setPage(1);
          }}
          disabledDate={(d) => d.isBefore(first, 'month') || d.isAfter(last, 'month')}
          data-testid="fees-month"
        />
        <span>{tx(C.fees.chargingMode)}</span>
        <Select
          style={{ width: 140 }}
          value={chargingMode ?? 0}
          onChange={(v: number) => {
            setChargingMode(v === 0 ? undefined : (v as 1 | 3));
            setPage(1);
          }}
          options={[
            { value: 0, label: tx(C.fees.all) },
            { value: 1, label: tx(C.product.period) },
            { value: 3, label: tx(C.product.onDemand) },
          ]}
          data-testid="fees-charging-mode"
        />
        <Checkbox
          checked={hideZero}
          onChange={(e) => {
            setHideZero(e.target.checked);
            setPage(1);
          }}
          data-testid="fees-hide-zero"
        >
          {tx(C.fees.hideZero)}
        </Checkbox>
      </Space>
      <Typography.Paragraph type="secondary">{tx(C.fees.monthNote)}</Typography.Paragraph>
      {q.error instanceof ApiError && <Typography.Paragraph type="danger">{q.error.message}</Typography.Paragraph>}
      <Table<Fee>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="fees-table"
        locale={{ emptyText: <span data-testid="fees-empty">{tx(C.fees.empty)}</span> }}
        pagination={paging.pagination(q.data?.total)}
      />
    </>
  );
}
