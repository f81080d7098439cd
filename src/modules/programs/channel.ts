import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { registerChannelProvider } from '../customers/extensions.js';
import { liveMemberships, effectiveStatus } from './memberships.js';
import { activeResellerIds } from './reseller.js';
import { resellerLinks } from './schema.js';

/**
 * The distributor ↔ reseller relation as the customers module needs it: the 云经销商的客户 tab lists
 * the customers of a distributor's active resellers, and a reseller whose distributor left the
 * distribution plan (摘牌: the link or the distributor's membership is exiting or over) may not
 * report or invite customers (spec 07 §4 P1, P5, P7).
 */
export async function distributorDelisted(ex: Executor, resellerPartnerId: string): Promise<boolean> {
  const [link] = await ex
    .select({ status: resellerLinks.status, distributorPartnerId: resellerLinks.distributorPartnerId })
    .from(resellerLinks)
    .where(and(eq(resellerLinks.resellerPartnerId, resellerPartnerId), inArray(resellerLinks.status, ['active', 'exiting'])))
    .orderBy(desc(resellerLinks.createdAt))
    .limit(1);
  if (!link) return false; // no distributor: nothing to be delisted from
  if (link.status === 'exiting') return true;
  const distributor = (await liveMemberships(ex, link.distributorPartnerId)).find((m) => m.program === 'distributor');
  return !distributor || effectiveStatus(distributor) !== 'active';
}

registerChannelProvider({ resellerPartnerIds: activeResellerIds, distributorDelisted });
