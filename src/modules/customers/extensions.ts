import type { Ctx } from '../../platform/context.js';
import type { SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/index.js';
import type { CustomerAssociation } from './schema.js';
import type { CustomerFacts } from './facts.js';

/**
 * Where other modules plug into the association's life without this module importing them
 * (ARCHITECTURE: cross-module effects are explicit calls inside one transaction). Each registry is
 * keyed by a name, so registering twice (a test file importing a module again) replaces, never doubles.
 * Register at import time of the implementing module (e.g. `customers/funds/hooks.ts`), which
 * `server/modules.ts` imports.
 */

export interface AssociationChange {
  from: string; // association type before
  to: string; // after
}

/**
 * Side effects of an association's life. Every hook runs INSIDE the transaction of the change, after
 * the association row is written and locked (FOR UPDATE), so it may post to the ledger and its failure
 * (throwing) undoes the whole change. Order between registrations is the registration order.
 */
export interface AssociationHooks {
  /** A customer has just associated (the row is new; `accountManagerId` set when a link auto-assigned it). */
  onAssociate?(tx: Tx, association: CustomerAssociation, ctx: Ctx): Promise<void>;
  /**
   * 解除关联 completes (spec 04 §3 "On unbind"): return the customer's balance to the partner as a
   * ledger posting (解除关联回收, UR…), recall the partner's vouchers, end the manager assignment.
   * `association` is the row as it was just before (status still 'associated'; the caller ends it after).
   */
  onUnbind?(tx: Tx, association: CustomerAssociation, ctx: Ctx): Promise<void>;
  /** 切换关联类型 completes; `association` already carries the new type. */
  onSwitch?(tx: Tx, association: CustomerAssociation, change: AssociationChange, ctx: Ctx): Promise<void>;
}

const hooks = new Map<string, AssociationHooks>();
export function registerAssociationHooks(name: string, h: AssociationHooks): void {
  hooks.set(name, h);
}
export function unregisterAssociationHooks(name: string): void {
  hooks.delete(name);
}
export async function runOnAssociate(tx: Tx, a: CustomerAssociation, ctx: Ctx) {
  for (const h of hooks.values()) if (h.onAssociate) await h.onAssociate(tx, a, ctx);
}
export async function runOnUnbind(tx: Tx, a: CustomerAssociation, ctx: Ctx) {
  for (const h of hooks.values()) if (h.onUnbind) await h.onUnbind(tx, a, ctx);
}
export async function runOnSwitch(tx: Tx, a: CustomerAssociation, change: AssociationChange, ctx: Ctx) {
  for (const h of hooks.values()) if (h.onSwitch) await h.onSwitch(tx, a, change, ctx);
}

/**
 * Facts about a customer account that other modules know (consumption, arrears, reserved instances,
 * pending partner-pay orders, vouchers…). A provider answers only what it knows; a fact is true when
 * any source says so (accounts.attributes included). A provider that throws makes the check answer
 * 系统繁忙 (the guide's first failure reason).
 */
export type CustomerFactsProvider = (ex: Executor, customerAccountId: string) => Promise<Partial<CustomerFacts>>;
const factProviders = new Map<string, CustomerFactsProvider>();
export function registerCustomerFactsProvider(name: string, p: CustomerFactsProvider): void {
  factProviders.set(name, p);
}
export function unregisterCustomerFactsProvider(name: string): void {
  factProviders.delete(name);
}
export const customerFactsProviders = () => [...factProviders.values()];

/**
 * The distributor ↔ reseller relation belongs to the distribution module. Until it registers, a
 * distributor has no resellers and no reseller's distributor is delisted.
 */
export interface ChannelProvider {
  /** 云经销商的客户 tab: the resellers of a distributor. */
  resellerPartnerIds(ex: Executor, distributorPartnerId: string): Promise<string[]>;
  /** A reseller whose distributor exited (摘牌) may not report or invite (spec 07 §4 P1, P5, P7). */
  distributorDelisted(ex: Executor, resellerPartnerId: string): Promise<boolean>;
}
let channel: ChannelProvider = { resellerPartnerIds: async () => [], distributorDelisted: async () => false };
export function registerChannelProvider(p: ChannelProvider): void {
  channel = p;
}
export const channelProvider = () => channel;

/**
 * Columns of the customer list that other modules own (可用额度, 本月消费, 上月消费, 待处理预警…):
 * given the page's rows, return values per association id. Shown under `extra` on each row.
 */
export type CustomerRowEnricher = (
  ex: Executor,
  rows: readonly { associationId: string; customerAccountId: string; partnerId: string }[],
) => Promise<Map<string, Record<string, string | number | null>>>;
const enrichers = new Map<string, CustomerRowEnricher>();
export function registerCustomerRowEnricher(name: string, e: CustomerRowEnricher): void {
  enrichers.set(name, e);
}
export const customerRowEnrichers = () => [...enrichers.values()];

/**
 * Filters of the customer list whose data other modules own (本月消费, 资源到期时间; guide 8855). A provider
 * answers an SQL condition over `customer_associations` (correlated on its columns, e.g.
 * `customer_associations.customer_account_id`), so the list still filters and pages in SQL; undefined
 * when the filter is not set. Without a provider the filter is ignored.
 */
export interface CustomerListFilterInput {
  thisMonthConsumptionMin?: string; // 本月消费 ≥ (yuan)
  thisMonthConsumptionMax?: string; // 本月消费 ≤ (yuan)
  resourceExpiresFrom?: Date; // 资源到期时间 from (包年/包月 resources expiring in [from, to))
  resourceExpiresTo?: Date;
}
export type CustomerListFilterProvider = (f: CustomerListFilterInput) => SQL | undefined;
const listFilters = new Map<string, CustomerListFilterProvider>();
export function registerCustomerListFilter(name: string, p: CustomerListFilterProvider): void {
  listFilters.set(name, p);
}
export const customerListFilters = () => [...listFilters.values()];

/**
 * 更多 > 查看资源 (op 22): the customer's resources come from the cloud module. Tabs 包周期 (prepaid) and
 * 按需 (on-demand, opened within [from, to)); paged in SQL by the provider.
 */
export interface CustomerResourceRow {
  id: string;
  name: string;
  tag: string | null;
  productType: string;
  spec: string;
  region: string | null;
  status: string;
  startsAt: string | null;
  endsAt: string | null;
  expiryHandling: string | null;
  orderNo: string | null;
  payingAccount: string | null;
}
export type CustomerResourcesProvider = (
  ex: Executor,
  q: { partnerId: string; customerAccountId: string; tab: 'prepaid' | 'on-demand'; from: Date | null; to: Date | null; keyword?: string; page: number; pageSize: number; lang: string },
) => Promise<{ items: CustomerResourceRow[]; total: number }>;
let resourcesProvider: CustomerResourcesProvider | null = null;
export function registerCustomerResourcesProvider(p: CustomerResourcesProvider | null): void {
  resourcesProvider = p;
}
export const customerResourcesProvider = () => resourcesProvider;
