import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Text } from '../../platform/i18n/index.js';
import { requireAccount } from '../../platform/access/index.js';
import { partners, companies } from '../partners/schema.js';
import { listContactsForCustomer } from '../org/service.js';
import { customerAssociations } from './schema.js';

export const ASSOCIATION_TYPES: Record<string, Text> = {
  consulting: { zh: '顾问销售', en: 'Consulting sale' },
  resale: { zh: '代售', en: 'Resale' },
};

/**
 * 账号中心 > 我的合作伙伴 (guide L3536, 13.x): the partner the signed-in customer is associated with,
 * and its 客户联系人 (or, when it has none, its administrator's details; spec 02 R28).
 */
export async function myPartners(ctx: Ctx) {
  const actor = requireAccount(ctx);
  const rows = await ctx.db
    .select({ a: customerAssociations, partnerName: partners.displayName, companyName: companies.name })
    .from(customerAssociations)
    .innerJoin(partners, eq(partners.id, customerAssociations.partnerId))
    .innerJoin(companies, eq(companies.id, partners.companyId))
    .where(and(eq(customerAssociations.customerAccountId, actor.accountId), eq(customerAssociations.status, 'associated')));
  const items = [];
  for (const r of rows) {
    const contacts = await listContactsForCustomer(ctx.db, r.a.partnerId);
    items.push({
      partnerId: r.a.partnerId,
      partnerName: r.partnerName,
      companyName: r.companyName,
      associationType: r.a.associationType,
      associationTypeName: ASSOCIATION_TYPES[r.a.associationType] ?? { zh: r.a.associationType, en: r.a.associationType },
      associatedAt: r.a.associatedAt,
      contactsSource: contacts.source,
      contacts: contacts.items,
    });
  }
  return { items };
}
