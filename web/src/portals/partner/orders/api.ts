import { useQuery } from '@tanstack/react-query';
import { api, type ApiData } from '../../../api/client';

type Item<T> = T extends { items: (infer I)[] } ? I : never;

/** Query keys of 客户订单; mutations invalidate by the prefix. */
export const OKEYS = {
  all: ['cloud-partner-orders'] as const,
  context: ['cloud-partner-orders', 'context'] as const,
  pending: ['cloud-partner-orders', 'pending'] as const,
  orders: ['cloud-partner-orders', 'orders'] as const,
  lines: ['cloud-partner-orders', 'lines'] as const,
};

export type PendingRow = Item<ApiData<'/api/cloud/partner/pending-orders', 'get'>>;
export type PayPage = ApiData<'/api/cloud/partner/pending-orders/{id}', 'get'>;
export type OrderRow = Item<ApiData<'/api/cloud/partner/orders', 'get'>>;
export type OrderDetail = ApiData<'/api/cloud/partner/orders/{id}', 'get'>;
export type LineRow = Item<ApiData<'/api/cloud/partner/order-lines', 'get'>>;
export type OrdersContext = ApiData<'/api/cloud/partner/orders-context', 'get'>;

export const ORDER_STATUSES = ['待审核', '处理中', '待支付', '已完成', '已取消'] as const;
export const ORDER_TYPES = ['订购', '续订', '退订', '变更'] as const;
export const STATUS_COLORS: Record<string, string> = { 待支付: 'orange', 已完成: 'green', 已取消: 'default', 处理中: 'blue', 待审核: 'gold' };

/** Partner type, 验证码 switch, balances and the 产品类型 options. */
export const useOrdersContext = () =>
  useQuery({ queryKey: OKEYS.context, queryFn: () => api.GET('/api/cloud/partner/orders-context'), staleTime: 30_000 });
