import { Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, type ApiData } from '../../../api/client';
import { CUSTOMER_BASE, useTx } from '../ui';
import { C, REGION_NAMES, UNIT_NAMES, type Bi } from './text';

export { useTx, CUSTOMER_BASE };

export type Product = ApiData<'/api/cloud/products', 'get'>['items'][number];
export type Price = Product['prices'][number];
export type Order = ApiData<'/api/customer/cloud/orders', 'get'>['items'][number];
export type OrderDetail = ApiData<'/api/customer/cloud/orders/{id}', 'get'>;
export type Resource = ApiData<'/api/customer/cloud/resources', 'get'>['items'][number];

export const PATHS = {
  products: `${CUSTOMER_BASE}/products`,
  product: (id: string) => `${CUSTOMER_BASE}/products/${id}`,
  buy: (id: string) => `${CUSTOMER_BASE}/products/${id}/buy`,
  orders: `${CUSTOMER_BASE}/orders`,
  pay: (id: string) => `${CUSTOMER_BASE}/orders/${id}/pay`,
  resources: `${CUSTOMER_BASE}/resources`,
  onDemandResources: `${CUSTOMER_BASE}/resources/on-demand`,
  billing: `${CUSTOMER_BASE}/billing`,
};

export const cloudKey = ['customer', 'cloud'] as const;

/**
 * The whole catalogue (a few dozen products: one page of 100), cached: product pages, the configurator and
 * the 产品 columns of orders, resources and fees read names from it.
 */
export function useCatalogue() {
  const q = useQuery({
    queryKey: [...cloudKey, 'catalogue'],
    queryFn: () => api.GET('/api/cloud/products', { params: { query: { page: 1, pageSize: 100 } } }),
    staleTime: 5 * 60_000,
  });
  const items = q.data?.items ?? [];
  const byId = new Map(items.map((p) => [p.id, p]));
  const services = new Map<string, Bi>();
  for (const p of items) if (!services.has(p.serviceTypeCode)) services.set(p.serviceTypeCode, p.serviceTypeName);
  return { ...q, items, byId, services };
}

export function useRegionName() {
  const tx = useTx();
  return (code: string) => (REGION_NAMES[code] ? tx(REGION_NAMES[code]) : code);
}

export function unitName(tx: (b: Bi) => string, measureId: number | null | undefined) {
  return measureId != null && UNIT_NAMES[measureId] ? tx(UNIT_NAMES[measureId]) : '';
}

/** Exact comparison of decimal strings (amounts are never turned into floats). */
export function compareDecimal(a: string, b: string): number {
  const scale = (v: string) => {
    const neg = v.trim().startsWith('-');
    const [i = '0', f = ''] = v.trim().replace(/^[-+]/, '').split('.');
    const n = BigInt(i || '0') * 1_000_000n + BigInt((f + '000000').slice(0, 6) || '0');
    return neg ? -n : n;
  };
  const x = scale(a);
  const y = scale(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

const STATUS_COLORS: Record<string, string> = { 待审核: 'gold', 处理中: 'processing', 待支付: 'orange', 已完成: 'green', 已取消: 'default' };

/** 订单状态, with 待伙伴支付 while the partner is asked to pay (13.6). */
export function OrderStatusTag({ order, testId }: { order: Pick<Order, 'status' | 'partnerPayRequested'>; testId?: string }) {
  const tx = useTx();
  const waiting = order.status === '待支付' && order.partnerPayRequested;
  return (
    <Tag color={waiting ? 'blue' : STATUS_COLORS[order.status]} data-testid={testId}>
      {waiting ? tx(C.pay.waitingPartner) : tx(C.statuses[order.status] ?? { zh: order.status, en: order.status })}
    </Tag>
  );
}

const RESOURCE_COLORS: Record<string, string> = { 使用中: 'green', 已过期: 'orange', 已冻结: 'red', 已退订: 'default', 已删除: 'default' };

export function ResourceStatusTag({ status, testId }: { status: string; testId?: string }) {
  const tx = useTx();
  return (
    <Tag color={RESOURCE_COLORS[status]} data-testid={testId}>
      {tx(C.resourceStatuses[status] ?? { zh: status, en: status })}
    </Tag>
  );
}

/**
 * The money the customer's 余额支付 spends (guide 13.5.2 "当前可用余额"): a 代售 customer only its partner's 普通
 * allocation (the cloud module spends `cash.<partner>` of scenario ordinary), anyone else its own cash account.
 */
export function useSpendable() {
  const q = useQuery({ queryKey: ['customer', 'funds', 'balance'], queryFn: () => api.GET('/api/customer/funds/balance') });
  const b = q.data;
  const resale = b?.associationType === 'resale';
  const ordinary = b?.partnerFunds?.scenarios.find((s) => s.scenario === 'ordinary')?.balance ?? '0.00';
  return {
    ...q,
    resale,
    partnerName: b?.partnerFunds?.partnerName ?? '',
    amount: b ? (resale ? ordinary : b.ownCashBalance) : undefined,
    canTopUp: b?.canTopUp ?? false,
  };
}

/** The period price of a product for one unit of size (linear) or one instance (fixed). */
export function periodPrice(p: Product, periodType: 'month' | 'year'): Price | undefined {
  return p.prices.find((x) => x.chargeMode === 'period' && x.periodType === periodType);
}

/** A decimal string with at least two decimals (prices come as plain decimals: "32.2" → "32.20"). */
export function atLeast2(v: string | null | undefined): string {
  if (v == null) return '-';
  const [i, f = ''] = v.split('.');
  return `${i}.${f.padEnd(2, '0')}`;
}
