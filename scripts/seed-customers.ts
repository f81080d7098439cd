import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../src/platform/db/index.js';
import { inTransaction } from '../src/platform/db/index.js';
import type { Deps } from '../src/platform/deps.js';
import type { Actor, Ctx } from '../src/platform/context.js';
import { ALL_PERMISSIONS } from '../src/platform/access/index.js';
import { clock, DAY_MS } from '../src/platform/clock.js';
import { hashPassword } from '../src/platform/auth/password.js';
import * as ledger from '../src/platform/ledger/index.js';
import { money } from '../src/platform/money.js';
import { notifications } from '../src/platform/notify/index.js';
import { AppError } from '../src/platform/errors.js';
import { approve, reject } from '../src/platform/review/index.js';
import { accounts, staffUsers } from '../src/modules/accounts/schema.js';
import { partners } from '../src/modules/partners/schema.js';
import { orgMembers } from '../src/modules/org/schema.js';
import { memberIdentity } from '../src/modules/org/member-identity.js';
import { customerAssociations, customerInvitations } from '../src/modules/customers/schema.js';
import type { CustomerFacts } from '../src/modules/customers/facts.js';
import type { AssociationType } from '../src/modules/customers/names.js';
import { currentNotice } from '../src/modules/customers/notice.js';
import { sendCustomerCode } from '../src/modules/customers/sensitive.js';
import * as reports from '../src/modules/customers/reports.js';
import * as invitations from '../src/modules/customers/invitations.js';
import { associateByInvitation } from '../src/modules/customers/associate.js';
import * as relationship from '../src/modules/customers/relationship.js';
import * as adjustments from '../src/modules/customers/funds/adjustments.js';
import * as budget from '../src/modules/customers/funds/budget.js';
import * as alerts from '../src/modules/customers/funds/alerts.js';
import * as authorizations from '../src/modules/customers/funds/authorizations.js';
import { assignCustomers } from '../src/modules/customers/funds/managers.js';
import { allocatableAccount, customerFundsAccount, ensureAllocatable } from '../src/modules/customers/funds/ledger-accounts.js';
import { DEMO_LOGINS, DEMO_PASSWORD } from './seed.js';

/**
 * Issue 4's demo customers: every partner page of 销售 > 拓新 / 客户 (and the customer's side) has rows
 * in every state when a new user first opens it. Everything after the customer accounts themselves is
 * made through the services, in the order a partner would do it: report, invite, the customer opens the
 * link and associates (or fails, with the guide's reason), 调账, managers, unbind / switch requests,
 * authorizations, alerts raised by the vendor, budget reminders.
 *
 * Two stand-ins, both ledger postings (never row edits): the partners' 可拨款账户 is funded from
 * `vendor:demo-funding` (the finance module's top-up, later), and one customer's consumption moves its
 * balance to `vendor:demo-consumption` (the cloud module's metering, once it is seeded), so a 75 % / 90 %
 * budget alert exists. Deterministic: fixed names, amounts and request ids; no randomness of our own.
 */

type Partner = 'sp_admin' | 'dist_admin' | 'reseller_a';
interface DemoCustomer {
  accountName: string;
  name: string;
  partner: Partner;
  state: string;
  facts?: Partial<CustomerFacts>;
  level?: string; // 客户等级 (accounts.attributes.customerLevel)
  registeredDaysAgo?: number;
}

/** The demo customers, one account each; their logins are printed with the others at start. */
export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  // 华创云 (solution provider)
  { accountName: 'sp_reported', name: '武汉光谷智造有限公司', partner: 'sp_admin', state: '已报备' },
  { accountName: 'sp_invited', name: '苏州工业园精密制造有限公司', partner: 'sp_admin', state: '已报备, 代售 e-mail invitation sent (已邀请)' },
  { accountName: 'sp_review_pending', name: '南京紫金医疗科技有限公司', partner: 'sp_admin', state: 'link failed (注册时间超过限制), manual report 待审核 in the ops queue', registeredDaysAgo: 40 },
  { accountName: 'sp_review_approved', name: '西安曲江文旅有限公司', partner: 'sp_admin', state: 'manual report approved (已报备)', facts: { reportedByHuawei: true } },
  { accountName: 'sp_review_rejected', name: '厦门鹭岛物流有限公司', partner: 'sp_admin', state: 'manual report 审核未通过', registeredDaysAgo: 25 },
  { accountName: 'sp_consulting_1', name: '广州珠江云计算有限公司', partner: 'sp_admin', state: '顾问销售, reported and invited by am_zhang (auto-assigned)', level: 'V2' },
  { accountName: 'sp_consulting_2', name: '青岛海澜智能有限公司', partner: 'sp_admin', state: '顾问销售, am_li, resource alert handled', level: 'V1' },
  { accountName: 'sp_resale_1', name: '天津滨海电子商务有限公司', partner: 'sp_admin', state: '代售 ¥30,000.00, am_zhang, churn alert open, authorization requested', level: 'V3' },
  { accountName: 'sp_resale_2', name: '重庆两江汽车科技有限公司', partner: 'sp_admin', state: '代售 ¥17,500.00 (one recall), via am_li\'s 专属客户经理 link', level: 'V2' },
  { accountName: 'sp_resale_budget', name: '长沙麓谷信息技术有限公司', partner: 'sp_admin', state: '代售 ¥800.00 left of ¥10,000.00, am_li, 90% budget alert', level: 'V1' },
  { accountName: 'sp_resale_auth', name: '合肥科学城量子科技有限公司', partner: 'sp_admin', state: '代售 ¥15,000.00, authorization granted, churn alert open', level: 'V2' },
  { accountName: 'sp_unbind_pending', name: '郑州中原数据有限公司', partner: 'sp_admin', state: '顾问销售, partner\'s unbind request 待确认 (customer to answer)' },
  { accountName: 'sp_switch_pending', name: '济南泉城软件有限公司', partner: 'sp_admin', state: '顾问销售, switch to 代售 待确认 (customer to answer)' },
  { accountName: 'sp_unbind_prereview', name: '福州闽江网络有限公司', partner: 'sp_admin', state: '代售 ¥5,000.00, unbind 待预审 in the ops queue (framework contract)', facts: { frameworkContract: true } },
  { accountName: 'sp_customer_unbind', name: '昆明滇池旅游科技有限公司', partner: 'sp_admin', state: '顾问销售, the customer asked to unbind (admin to 同意 / 驳回)' },
  { accountName: 'sp_fail_consumer', name: '王小明', partner: 'sp_admin', state: 'association failed: 消费者云用户', facts: { consumerCloud: true } },
  { accountName: 'sp_fail_credit', name: '宁波港城贸易有限公司', partner: 'sp_admin', state: 'association failed: 信用账户 (代售 link)', facts: { creditAccount: true } },
  // 神州云分销 (distributor)
  { accountName: 'dist_consulting', name: '深圳南山智联有限公司', partner: 'dist_admin', state: '顾问销售, unbind 待确认; failed to join 华创云 (已关联其他伙伴)' },
  { accountName: 'dist_resale', name: '东莞松山湖电子有限公司', partner: 'dist_admin', state: '代售 ¥10,000.00, churn alert open', level: 'V1' },
  { accountName: 'dist_invited', name: '佛山顺德家电科技有限公司', partner: 'dist_admin', state: '已报备, 顾问销售 invitation sent' },
  // 云途科技 (reseller)
  { accountName: 'ra_resale', name: '无锡太湖物联网有限公司', partner: 'reseller_a', state: '代售 ¥6,000.00' },
  { accountName: 'ra_consulting', name: '常州龙城新材料有限公司', partner: 'reseller_a', state: '顾问销售' },
  { accountName: 'ra_reported', name: '南通江海纺织有限公司', partner: 'reseller_a', state: '已报备' },
];

const PARTNER_NAMES: Record<Partner, string> = { sp_admin: '华创云', dist_admin: '神州云分销', reseller_a: '云途科技' };
for (const c of DEMO_CUSTOMERS) DEMO_LOGINS.rows.push({ portal: 'customer', how: c.accountName, who: `${c.name} (${PARTNER_NAMES[c.partner]}: ${c.state})` });

const mobileOf = (i: number) => `+86-1382000${String(i + 1).padStart(4, '0')}`;
const local = (mobile: string) => mobile.replace(/^\+86-/, '');
const FUNDING = ledger.accountCode('vendor', null, 'demo-funding');
const CONSUMPTION = ledger.accountCode('vendor', null, 'demo-consumption');

async function insertCustomerAccounts(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = clock.nowMs();
  await inTransaction(db, async (tx) => {
    for (const [i, c] of DEMO_CUSTOMERS.entries()) {
      const at = new Date(now - (c.registeredDaysAgo ?? 0) * DAY_MS);
      const personal = c.facts?.consumerCloud === true;
      await tx.insert(accounts).values({
        accountName: c.accountName,
        mobile: mobileOf(i),
        email: `${c.accountName}@customer.example.com`,
        passwordHash,
        tenantName: c.accountName,
        name: c.name,
        cloudActivatedAt: at,
        cloudTermsVersion: '2025-01',
        realNameStatus: 'verified',
        realNameType: personal ? 'personal' : 'enterprise',
        enterpriseName: personal ? null : c.name,
        attributes: { ...(c.facts ?? {}), ...(c.level ? { customerLevel: c.level } : {}) },
        createdAt: at,
        updatedAt: at,
      });
    }
  });
}

export async function seedCustomers(db: Db, deps: Deps): Promise<void> {
  await insertCustomerAccounts(db);

  const ctxAs = (actor: Actor): Ctx => ({ db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: 'seed-customers', deps });
  const acct = async (name: string) => (await db.select().from(accounts).where(eq(accounts.accountName, name)))[0]!;
  const customer = async (name: string) => {
    const a = await acct(name);
    return { id: a.id, mobile: a.mobile, name: a.name ?? a.accountName, ctx: ctxAs({ kind: 'account', accountId: a.id, accountName: a.accountName }) };
  };
  const partnerAdmin = async (name: Partner) => {
    const a = await acct(name);
    const [p] = await db.select().from(partners).where(eq(partners.accountId, a.id));
    const ctx = ctxAs({ kind: 'partner', partnerId: p!.id, accountId: a.id, memberId: null, displayName: p!.displayName, isAdmin: true, permissions: ALL_PERMISSIONS, roleKeys: new Set() });
    return { id: p!.id, ctx };
  };
  /** An org member signed in, with the permissions of their roles (as server/actor.ts builds them). */
  const member = async (partnerId: string, accountName: string) => {
    const [row] = await db.select({ id: orgMembers.id }).from(orgMembers).where(and(eq(orgMembers.partnerId, partnerId), eq(orgMembers.accountName, accountName)));
    const m = (await memberIdentity(db, row!.id))!;
    const ctx = ctxAs({ kind: 'partner', partnerId, accountId: m.partnerAccountId, memberId: m.memberId, displayName: m.name, isAdmin: m.isAdmin, permissions: m.permissions, roleKeys: m.roleKeys });
    return { id: m.memberId, ctx };
  };
  const staff = async (username: string) => {
    const [s] = await db.select().from(staffUsers).where(eq(staffUsers.username, username));
    return ctxAs({ kind: 'staff', staffId: s!.id, name: s!.name, roles: new Set(s!.roles) });
  };
  const reviewer = await staff('reviewer');
  const channelManager = await staff('channel_manager');

  /** Money into a partner's 可拨款账户 (stands in for the finance module's top-up). */
  async function fund(partnerId: string, amount: string) {
    await inTransaction(db, async (tx) => {
      await ledger.ensureAccount(tx, { code: FUNDING, ownerKind: 'vendor', floor: null });
      await ensureAllocatable(tx, partnerId);
      await ledger.post(tx, {
        idempotencyKey: `seed-customers:fund:${partnerId}`,
        kind: 'demo.partner-funding',
        memo: '可拨款账户充值（演示）',
        partnerId,
        lines: [
          { account: FUNDING, amount: money(amount).negated() },
          { account: allocatableAccount(partnerId), amount },
        ],
      });
    });
  }

  /** A 代售 customer spends part of its allocation (stands in for the cloud module's metered consumption). */
  async function consume(partnerId: string, customerId: string, amount: string) {
    await inTransaction(db, async (tx) => {
      await ledger.ensureAccount(tx, { code: CONSUMPTION, ownerKind: 'vendor', floor: null });
      await ledger.post(tx, {
        idempotencyKey: `seed-customers:consumption:${customerId}`,
        kind: 'demo.consumption',
        memo: '云服务消费（演示）',
        lines: [
          { account: customerFundsAccount(partnerId, customerId, 'ordinary'), amount: money(amount).negated() },
          { account: CONSUMPTION, amount },
        ],
      });
    });
  }

  /** 获取短信验证码 as the customer and read it back from the outbox (the demo inbox). */
  async function customerCode(c: Awaited<ReturnType<typeof customer>>) {
    await sendCustomerCode(c.ctx);
    const [n] = await db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.address, c.mobile), eq(notifications.template, 'verification-code')))
      .orderBy(desc(notifications.createdAt))
      .limit(1);
    return String((n!.data as { code: string }).code);
  }

  const tokenOf = (url: string) => url.split('/').pop()!;
  async function genericTokens(ctx: Ctx) {
    const { items } = await invitations.genericLinks(ctx);
    return { consulting: tokenOf(items.find((l) => l.associationType === 'consulting')!.url), resale: tokenOf(items.find((l) => l.associationType === 'resale')!.url) };
  }
  async function emailToken(reportId: string) {
    const [inv] = await db.select({ token: customerInvitations.token }).from(customerInvitations).where(and(eq(customerInvitations.reportId, reportId), eq(customerInvitations.status, 'active')));
    return inv!.token;
  }
  /** The customer opens the link, reads and accepts 《客户关联华为云合作伙伴须知》 and associates. */
  async function associate(name: string, token: string, type: AssociationType) {
    const c = await customer(name);
    await associateByInvitation(c.ctx, { token, via: 'link', noticeVersion: currentNotice('association-notice', type).version, agreed: true });
    return c;
  }
  /** An attempt that the rules refuse: the failure is stored on the partner's 拓展记录 with its reason. */
  async function failToAssociate(name: string, token: string, type: AssociationType) {
    try {
      await associate(name, token, type);
    } catch (err) {
      if (err instanceof AppError && err.code === 'customers.association-failed') return;
      throw err;
    }
    throw new Error(`seed-customers: ${name} was expected to fail to associate`);
  }
  const report = (ctx: Ctx, name: string, over: Partial<reports.ReportInput> = {}) =>
    customer(name).then((c) => reports.reportCustomer(ctx, { fullName: c.name, mobile: local(c.mobile), sendInvite: false, ...over }));
  const manualReport = (ctx: Ctx, name: string, info: reports.ManualInfo) =>
    customer(name).then((c) => reports.applyManualReport(ctx, { fullName: c.name, mobile: local(c.mobile), sendInvite: false, ...info }));
  const id = async (name: string) => (await acct(name)).id;
  const associationId = async (customerName: string) =>
    (await db.select({ id: customerAssociations.id }).from(customerAssociations).where(and(eq(customerAssociations.customerAccountId, await id(customerName)), eq(customerAssociations.status, 'associated'))))[0]!.id;

  // ================================================================ 华创云 (solution provider)
  const sp = await partnerAdmin('sp_admin');
  const amZhang = await member(sp.id, 'am_zhang');
  const amLi = await member(sp.id, 'am_li');
  await fund(sp.id, '200000.00');
  // 伙伴预算提醒接收人, before any money moves so the budget alert below reaches them
  await budget.addRecipient(sp.ctx, { name: '张丽', email: 'finance@huachuang.example.com', mobile: '+86-13700000001' });
  await budget.addRecipient(sp.ctx, { name: '王芳', email: 'am_lead@huachuang.example.com' });

  // 客户拓展 > 线上拓展: reports in each state
  await report(sp.ctx, 'sp_reported');
  await report(sp.ctx, 'sp_invited', { email: 'sp_invited@customer.example.com', sendInvite: true, associationType: 'resale' });
  const spLinks = await genericTokens(sp.ctx);
  // registered 40 days ago: the generic link fails (注册时间超过限制), so the partner applies for a manual report
  await failToAssociate('sp_review_pending', spLinks.consulting, 'consulting');
  await manualReport(sp.ctx, 'sp_review_pending', {
    expectedConsumption: '预计年新增云消费约80万元（云服务器、云数据库、对象存储）',
    communication: '2025年3月起多次上门交流，客户已确认由我司提供医疗影像上云方案。',
    projectDetails: '医疗影像归档系统（PACS）上云，一期迁移3家分院数据。',
  });
  const approved = await manualReport(sp.ctx, 'sp_review_approved', {
    expectedConsumption: '预计年新增云消费约30万元',
    communication: '客户原由华为云直销报备，经生态经理协调转由我司服务。',
    projectDetails: '景区票务与客流分析平台上云。',
  });
  await approve(deps.reviews, reviewer, approved.reviewId!, { comment: '沟通记录与项目材料属实，同意报备' });
  const rejected = await manualReport(sp.ctx, 'sp_review_rejected', {
    expectedConsumption: '待评估',
    communication: '电话沟通一次。',
    projectDetails: '物流调度系统上云意向。',
  });
  await reject(deps.reviews, reviewer, rejected.reviewId!, { reason: '与客户沟通过程描述过于简单，无法证明商机真实性，请补充拜访记录后重新申请。' });
  // a 客户经理 reports and invites; the customer associates through the e-mail and is theirs (L9437)
  const amReport = await report(amZhang.ctx, 'sp_consulting_1', { email: 'sp_consulting_1@customer.example.com', sendInvite: true, associationType: 'consulting' });
  await associate('sp_consulting_1', await emailToken(amReport.id), 'consulting');

  // 线下拓展: the admin's generic links, am_li's 专属客户经理 link, a tagged event link
  const liLink = await invitations.createLink(sp.ctx, { kind: 'custom', associationType: 'resale', customType: 'dedicated_am', accountManagerId: amLi.id, remark: '西南区域客户专属链接' });
  const summitLink = await invitations.createLink(sp.ctx, { kind: 'custom', associationType: 'consulting', customType: 'tag', tag: '2025华为云城市峰会', remark: '峰会展台扫码' });
  await associate('sp_consulting_2', spLinks.consulting, 'consulting');
  await associate('sp_resale_1', spLinks.resale, 'resale');
  await associate('sp_resale_2', tokenOf(liLink.url), 'resale');
  await associate('sp_resale_budget', spLinks.resale, 'resale');
  await associate('sp_resale_auth', spLinks.resale, 'resale');
  await associate('sp_unbind_pending', tokenOf(summitLink.url), 'consulting');
  await associate('sp_switch_pending', tokenOf(summitLink.url), 'consulting');
  await associate('sp_unbind_prereview', spLinks.resale, 'resale');
  await associate('sp_customer_unbind', spLinks.consulting, 'consulting');
  await failToAssociate('sp_fail_consumer', spLinks.consulting, 'consulting');
  await failToAssociate('sp_fail_credit', spLinks.resale, 'resale');

  // 分配客户经理: the AM and supervisor scopes show different customers
  await assignCustomers(sp.ctx, { customerIds: [await id('sp_resale_1')], memberId: amZhang.id });
  await assignCustomers(sp.ctx, { customerIds: [await id('sp_consulting_2'), await id('sp_resale_budget')], memberId: amLi.id });

  // 为客户调账: customer_a (seeded 代售) gets a balance in both 使用场景 and a recall; a batch to the others
  const customerA = await id('customer_a');
  await adjustments.allocate(sp.ctx, { items: [{ customerId: customerA, amount: '50000.00' }], remark: '2025年度云资源预算', requestId: 'seed-customer_a-allocate-1' });
  await adjustments.allocate(sp.ctx, { items: [{ customerId: customerA, amount: '8000.00' }], scenario: 'earmarked', remark: '专款专用：数据库迁移项目', requestId: 'seed-customer_a-allocate-2' });
  await adjustments.recall(sp.ctx, { items: [{ customerId: customerA, lines: [{ scenario: 'ordinary', amount: '5000.00' }] }], requestId: 'seed-customer_a-recall-1' });
  await adjustments.allocate(sp.ctx, {
    items: [
      { customerId: await id('sp_resale_1'), amount: '30000.00' },
      { customerId: await id('sp_resale_2'), amount: '20000.00' },
      { customerId: await id('sp_resale_budget'), amount: '10000.00' },
      { customerId: await id('sp_resale_auth'), amount: '15000.00' },
      { customerId: await id('sp_unbind_prereview'), amount: '5000.00' },
    ],
    remark: '第二季度拨款',
    requestId: 'seed-sp-batch-allocate-q2',
  });
  await adjustments.recall(sp.ctx, { items: [{ customerId: await id('sp_resale_2'), lines: [{ scenario: 'ordinary', amount: '2500.00' }] }], requestId: 'seed-sp_resale_2-recall-1' });
  // ¥9,200.00 of ¥10,000.00 spent: 92 % used, so the 75 % and 90 % thresholds are crossed (one message, for 90 %)
  await consume(sp.id, await id('sp_resale_budget'), '9200.00');
  await budget.checkBudgets(db, { associationId: await associationId('sp_resale_budget') });

  // 管理客户关联关系: requests waiting for the customer, one in Huawei's pre-review, one from the customer
  await relationship.requestChange(sp.ctx, await id('sp_unbind_pending'), 'unbind', { reason: '客户业务调整，双方协商一致解除合作关系', acknowledged: true });
  await relationship.requestChange(sp.ctx, await id('sp_switch_pending'), 'switch', { reason: '客户希望由我司统一代为付款和管理云资源', acknowledged: true });
  await relationship.requestChange(sp.ctx, await id('sp_unbind_prereview'), 'unbind', { reason: '框架合同到期不再续签', acknowledged: true });
  const leaving = await customer('sp_customer_unbind');
  await relationship.customerRequestUnbind(leaving.ctx, { acknowledged: true, code: await customerCode(leaving) });

  // 客户授权: one granted (《华为云用户授权书》 + SMS code), one waiting for the customer
  const grant = await authorizations.requestAuthorization(sp.ctx, await id('sp_resale_auth'), { acceptAgreement: true });
  const granting = await customer('sp_resale_auth');
  await authorizations.grantAuthorization(granting.ctx, grant.id, { acceptLetter: true, code: await customerCode(granting) });
  await authorizations.requestAuthorization(sp.ctx, await id('sp_resale_1'), {});

  // 客户预警, raised by the vendor in the ops console; one already handled by its sole owner
  await alerts.raiseAlert(channelManager, { customerId: await id('sp_resale_1'), category: 'churn', scenarioName: '消费下降', title: '客户近30天消费环比下降45%', content: '天津滨海电子商务有限公司近30天云消费较上一周期下降45%，存在流失风险，请尽快联系客户了解原因。' });
  await alerts.raiseAlert(channelManager, { customerId: await id('customer_b'), category: 'resource', scenarioName: '资源到期', title: '客户有3台云服务器将在7天内到期', content: '请提醒客户及时续费，避免业务中断。' });
  await alerts.raiseAlert(channelManager, { customerId: await id('sp_resale_auth'), category: 'churn', scenarioName: '活跃度下降', title: '客户近14天未登录控制台' });
  const handled = await alerts.raiseAlert(channelManager, { customerId: await id('sp_consulting_2'), category: 'resource', scenarioName: '资源到期', title: '客户的云数据库实例将在15天内到期' });
  await alerts.handleAlert(amLi.ctx, handled.id, { reason: 'solved' });

  // ================================================================ 神州云分销 (distributor)
  const dist = await partnerAdmin('dist_admin');
  await fund(dist.id, '50000.00');
  await budget.addRecipient(dist.ctx, { name: '神州云分销财务部', email: 'finance@shenzhouyun.example.com' });
  const distLinks = await genericTokens(dist.ctx);
  await associate('dist_consulting', distLinks.consulting, 'consulting');
  await associate('dist_resale', distLinks.resale, 'resale');
  await report(dist.ctx, 'dist_invited', { email: 'dist_invited@customer.example.com', sendInvite: true, associationType: 'consulting' });
  await adjustments.allocate(dist.ctx, { items: [{ customerId: await id('dist_resale'), amount: '12000.00' }], remark: '首次拨款', requestId: 'seed-dist_resale-allocate-1' });
  await adjustments.recall(dist.ctx, { items: [{ customerId: await id('dist_resale'), lines: [{ scenario: 'ordinary', amount: '2000.00' }] }], requestId: 'seed-dist_resale-recall-1' });
  // already associated with 神州云分销, the customer also opens 华创云's link: 客户已关联其他伙伴
  await failToAssociate('dist_consulting', spLinks.consulting, 'consulting');
  await relationship.requestChange(dist.ctx, await id('dist_consulting'), 'unbind', { reason: '客户转由其他服务商服务', acknowledged: true });
  await alerts.raiseAlert(channelManager, { customerId: await id('dist_resale'), category: 'churn', scenarioName: '消费下降', title: '客户本月消费环比下降60%' });

  // ================================================================ 云途科技 (reseller): 普通 allocations only, no remark
  const ra = await partnerAdmin('reseller_a');
  await fund(ra.id, '20000.00');
  const raLinks = await genericTokens(ra.ctx);
  await associate('ra_resale', raLinks.resale, 'resale');
  await associate('ra_consulting', raLinks.consulting, 'consulting');
  await report(ra.ctx, 'ra_reported');
  await adjustments.allocate(ra.ctx, { items: [{ customerId: await id('ra_resale'), amount: '6000.00' }], requestId: 'seed-ra_resale-allocate-1' });
}
