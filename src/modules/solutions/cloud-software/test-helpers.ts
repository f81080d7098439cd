import { randomUUID } from 'node:crypto';
import type { Actor, Ctx } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { Deps } from '../../../platform/deps.js';
import { ALL_PERMISSIONS } from '../../../platform/access/index.js';
import { clock } from '../../../platform/clock.js';
import { files } from '../../../platform/files/schema.js';
import { LocalStorage } from '../../../platform/files/storage.js';
import { createExportRegistry } from '../../../platform/export/registry.js';
import { createReviewRegistry } from '../../../platform/review/kinds.js';
import { makeAccount, makePartner } from '../../../../test/fixtures.js';
import { partners } from '../../partners/schema.js';
import { cloudSolutionReviewKinds } from './review-kinds.js';
import type { SolutionInput } from './service.js';

/** Test helpers for this folder: hand-built contexts over a real database (never mocked). */

export const solutionReviews = createReviewRegistry(...cloudSolutionReviewKinds);
const deps: Deps = {
  storage: new LocalStorage(`/tmp/pc-solutions-${randomUUID()}`),
  queue: { send: async () => null },
  publicUrl: 'http://localhost',
  reviews: solutionReviews,
  exports: createExportRegistry([]),
};

export const ctxOf = (database: Database, actor: Actor): Ctx => ({ db: database.db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: randomUUID(), deps });

export type PartnerFx = Awaited<ReturnType<typeof makePartner>>;

export const adminActor = (p: PartnerFx, accountId = p.account.id): Actor => ({
  kind: 'partner',
  partnerId: p.partner.id,
  accountId,
  memberId: null,
  displayName: p.partner.displayName,
  isAdmin: true,
  permissions: ALL_PERMISSIONS,
  roleKeys: new Set(),
});

export const memberActor = (p: PartnerFx, permissions: string[]): Actor => ({
  kind: 'partner',
  partnerId: p.partner.id,
  accountId: p.account.id,
  memberId: randomUUID(),
  displayName: '成员',
  isAdmin: false,
  permissions: new Set(permissions),
  roleKeys: new Set(),
});

export const staffActor = (roles: string[]): Actor => ({ kind: 'staff', staffId: randomUUID(), name: '审核员', roles: new Set(roles) });

/** Another partner account of the same company (伙伴账号, not the main one). */
export async function secondAccountOf(database: Database, p: PartnerFx, paths = ['software']): Promise<PartnerFx> {
  const account = await makeAccount(database, { realNameType: 'enterprise', enterpriseName: p.company.name });
  const now = clock.now();
  const [partner] = await database.db
    .insert(partners)
    .values({ accountId: account.id, companyId: p.company.id, isMainAccount: false, displayName: `${p.company.name}-2`, paths, programs: [], joinedAt: now, createdAt: now })
    .returning();
  return { account, company: p.company, partner: partner! };
}

/** A stored 'attachment' file row of the partner (the bytes are irrelevant to these rules). */
export async function attachment(database: Database, p: PartnerFx, purpose = 'attachment'): Promise<string> {
  const [row] = await database.db
    .insert(files)
    .values({
      partnerId: p.partner.id,
      ownerKind: 'partner-account',
      ownerId: p.account.id,
      purpose,
      originalName: '材料.pdf',
      mime: 'application/pdf',
      size: 100,
      sha256: randomUUID().replace(/-/g, ''),
      storageKey: `${purpose}/${randomUUID()}`,
      createdAt: clock.now(),
    })
    .returning();
  return row!.id;
}

const contacts = { businessContact: '张三', businessMobile: '+86-13800000000', businessEmail: 'zhangsan@example.com', hasHuaweiContact: false };

/** A complete 新建 wizard (step 1 and 2). */
export async function newSolutionInput(database: Database, p: PartnerFx, advanced = false, over: Partial<SolutionInput> = {}): Promise<SolutionInput> {
  return {
    source: 'new',
    name: '华为云合作伙伴方案',
    version: 'v1.0',
    industry: '农林牧渔',
    industrySub: '智慧农业',
    productType: '基础软件',
    targetCustomers: '中小农业企业',
    scenarios: '种植管理',
    cloudMode: 'SaaS',
    deployedOnPublicCloud: false,
    materials: {
      intro: [await attachment(database, p)],
      certification: [await attachment(database, p)],
      ...(advanced ? { copyright: [await attachment(database, p)] } : {}),
    },
    contacts,
    ...over,
  };
}

export async function leadBaselineInput(database: Database, p: PartnerFx, over: Partial<SolutionInput> = {}): Promise<SolutionInput> {
  return {
    source: 'lead_baseline',
    name: '跨境供应链方案',
    version: '1.2',
    baseline: {
      solutionId: randomUUID(),
      deploymentForm: '公有云',
      approvalCompletedAt: '2024/09/25 00:00:00',
      industryMasterData: '行业/物流与仓储/物流/物流科技/智慧供应链',
      intro: '面向跨境供应链提供OTWB等海外货运仓储解决方案',
    },
    materials: { testReport: [await attachment(database, p)] },
    contacts,
    ...over,
  };
}

export { refusal, expectRefused } from '../../../../test/refusal.js';
