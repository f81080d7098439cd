import { useQuery } from '@tanstack/react-query';
import { api, type ApiData } from '../../../api/client';
import { useMe } from '../../../auth/session';
import { PARTNER_BASE } from '../menu';

type Item<T> = T extends { items: (infer I)[] } ? I : never;

/** Query keys of 客户拓展 / 客户管理; mutations invalidate by these prefixes. */
export const KEYS = {
  reports: ['customers', 'reports'] as const,
  links: ['customers', 'links'] as const,
  records: ['customers', 'records'] as const,
  encyclopedia: ['customers', 'encyclopedia'] as const,
  customers: ['customers', 'list'] as const,
  customer: ['customers', 'one'] as const,
  reveal: ['customers', 'reveal'] as const,
  events: ['customers', 'events'] as const,
  funds: ['customers', 'funds'] as const,
  adjustments: ['customers', 'adjustments'] as const,
  budget: ['customers', 'budget'] as const,
  alerts: ['customers', 'alerts'] as const,
  authorizations: ['customers', 'authorizations'] as const,
  assignment: ['customers', 'assignment'] as const,
  knowledge: ['customers', 'knowledge'] as const,
  resources: ['customers', 'resources'] as const,
};

/** Page routes (the menu's, spec 04 "menu paths"); sub-pages of 客户管理 hang under its route. */
export const ROUTES = {
  expansion: `${PARTNER_BASE}/sales/expansion`,
  customers: `${PARTNER_BASE}/sales/customers`,
  customer: (id: string) => `${PARTNER_BASE}/sales/customers/${id}`,
  resources: (id: string) => `${PARTNER_BASE}/sales/customers/${id}/resources`,
  events: `${PARTNER_BASE}/sales/customers/events`,
  adjustments: `${PARTNER_BASE}/sales/customers/adjustments`,
  budget: `${PARTNER_BASE}/sales/customers/budget-reminders`,
  assignment: `${PARTNER_BASE}/sales/customers/assignment`,
  managerCustomers: (memberId: string) => `${PARTNER_BASE}/sales/customers/assignment/${memberId}`,
  allocateCustomers: (memberId: string) => `${PARTNER_BASE}/sales/customers/assignment/${memberId}/allocate`,
  alerts: `${PARTNER_BASE}/sales/alerts`,
  exports: `${PARTNER_BASE}/exports`,
  orders: `${PARTNER_BASE}/sales/orders`,
  consumption: `${PARTNER_BASE}/sales/consumption`,
  coupons: `${PARTNER_BASE}/sales/coupons`,
  opportunities: `${PARTNER_BASE}/sales/opportunities`,
  createMember: `${PARTNER_BASE}/org/members/create`,
};

export type Report = Item<ApiData<'/api/customers/reports', 'get'>>;
export type ReportPage = ApiData<'/api/customers/reports', 'get'>;
export type Link = ApiData<'/api/customers/invitation-links', 'post'>;
export type ExpansionRecord = Item<ApiData<'/api/customers/expansion-records', 'get'>>;
export type Company = Item<ApiData<'/api/customers/encyclopedia', 'get'>>;
export type CompanyDetail = ApiData<'/api/customers/encyclopedia/detail', 'get'>;
export type CustomerRow = Item<ApiData<'/api/customers', 'get'>>;
export type CustomerDetail = ApiData<'/api/customers/{customerId}', 'get'>;
export type Unmasked = ApiData<'/api/customers/{customerId}/unmasked', 'get'>;
export type AssociationEvent = Item<ApiData<'/api/customers/association-events', 'get'>>;
export type Check = ApiData<'/api/customers/{customerId}/relationship-check', 'get'>;
export type FundsContext = ApiData<'/api/customers/funds/customers/{customerId}', 'get'>;
export type Adjustment = Item<ApiData<'/api/customers/funds/adjustments', 'get'>>;
export type Recipient = Item<ApiData<'/api/customers/budget-recipients', 'get'>>;
export type Alert = Item<ApiData<'/api/customers/alerts', 'get'>>;
export type Authorization = Item<ApiData<'/api/customers/authorizations', 'get'>>;
export type Manager = Item<ApiData<'/api/customers/assignment/managers', 'get'>>;
export type Candidate = Item<ApiData<'/api/customers/assignment/candidates', 'get'>>;

/** Who is acting, for hiding what would answer 403 (the API checks again). */
export function useAccess() {
  const { data: me } = useMe();
  const actor = me?.actor;
  const isAdmin = !!actor?.isAdmin;
  const can = (path: string) => isAdmin || !!actor?.permissions.includes(path);
  return {
    me,
    isAdmin, // 伙伴管理员: the partner account or a 系统管理员 member
    // 超级管理员 (仅限超级管理员导出客户列表): the partner account itself, not a member
    isSuperAdmin: actor?.kind === 'partner' && actor.memberId === null,
    memberId: actor?.memberId ?? null,
    can,
    canAssign: can('销售 > 客户 > 客户分配'),
    canAlerts: can('销售 > 客户 > 客户预警'),
    canExpansion: can('销售 > 拓新 > 客户拓展'),
  };
}

export type PartnerKind = 'solution_provider' | 'distributor' | 'reseller';

/**
 * The partner's type, for the spec 06 / 07 differences (我的客户 / 云经销商的客户 tabs, no budget reminders
 * or knowledge for resellers): the account's plans come with /api/auth/me for every member, whatever
 * their menus. What a reseller may not do is still refused by the API.
 */
export function usePartnerKind(): PartnerKind {
  const { me } = useAccess();
  const programs = me?.actor.programs ?? [];
  if (programs.includes('reseller')) return 'reseller';
  if (programs.includes('distributor')) return 'distributor';
  return 'solution_provider';
}

/** 拨款 / 回收 dialog facts, and whether the partner's 验证码验证 switch is on. */
export const useFundsContext = (customerId: string | undefined) =>
  useQuery({
    queryKey: [...KEYS.funds, 'context', customerId],
    queryFn: () => api.GET('/api/customers/funds/customers/{customerId}', { params: { path: { customerId: customerId! } } }),
    enabled: !!customerId,
    retry: false,
  });

/** Managers to pick (客户经理 / 客户经理主管, 正常), for those who may assign. */
export const useManagers = (enabled: boolean) =>
  useQuery({
    queryKey: [...KEYS.assignment, 'managers', 'all'],
    queryFn: () => api.GET('/api/customers/assignment/managers', { params: { query: { page: 1, pageSize: 100, reveal: 'true' } } }),
    enabled,
    select: (d) => d.items.filter((m) => m.status !== 'locked'),
  });

/** A fresh idempotency key for one dialog's adjustment (kept across retries of the same dialog). */
export const newRequestId = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`).replace(/[^A-Za-z0-9_-]/g, '');
