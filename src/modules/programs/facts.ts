import { chinaYear } from '../../platform/china-time.js';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { money, ZERO, type Money } from '../../platform/money.js';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';
import { pathEnrollments } from '../paths/schema.js';
import { customerAssociations } from '../customers/schema.js';
import { hasCertifiedCloudSoftware } from '../solutions/cloud-software/service.js';
import { passedLabels } from '../capabilities/service.js';
import { CAPABILITY_TAG_SCOPE } from './catalogue.js';
import { programApplications, programInvitations, programMemberships, resellerLinks, type ApplicationStatus, type ProgramKey } from './schema.js';
import { effectiveStatus } from './memberships.js';

/**
 * What the eligibility engine reads about one partner account (spec 01 §2.1 "attributes the plan
 * eligibility checks read"), gathered once per evaluation.
 *
 * The customer-side facts (freezes, contracts, arrears, balances, open resources, invoiceable amount,
 * post-paid, credit account, coupons) belong to the cloud and finance modules, which do not exist yet;
 * until they do they are read from `accounts.attributes` (the column the accounts module keeps for
 * "eligibility facts read by later modules") under the keys of `AccountAttributes`.
 */
export interface AccountAttributes {
  /** 账号关闭冻结 | 公安冻结 | 违规冻结 | 欠费冻结 | 合作伙伴冻结 */
  freezeStatus?: string | null;
  specialCommercialContract?: boolean; // 特殊商务合同
  enterpriseAccount?: 'master' | 'sub' | null; // 企业主账号 / 企业子账号
  arrears?: string | number; // 欠费 (CNY)
  rechargeBalance?: string | number; // 充值账户余额 (CNY)
  openResources?: number; // 未关闭的资源
  invoiceableAmount?: string | number; // 可开票金额 (CNY)
  postpaid?: boolean; // 后付费
  creditAccount?: boolean; // 信用账户
  designatedContracts?: string[]; // 线下直签合同 / 电销授权合同折扣 / 直签特价商务
  linkedTier1Distributor?: boolean; // 关联一级经销商
  unusedCoupons?: number; // 代金券/折扣券/储值卡 not used up
  /** 'huawei' (华为账号, default) or 'huawei_cloud' (原华为云账号). */
  accountType?: string;
}

export const PARTNER_FREEZE = '合作伙伴冻结';

export interface Facts {
  partnerId: string;
  accountId: string;
  companyId: string;
  /** 中国站 (the China site) unless the account is registered outside 中国. */
  chinaSite: boolean;
  enterpriseVerified: boolean;
  email: string | null;
  mobile: string;
  /** The freeze reason, '账号冻结' for a frozen account without one, null when not frozen. */
  freeze: string | null;
  specialContract: boolean;
  enterpriseAccount: boolean;
  arrears: Money;
  rechargeBalance: Money;
  openResources: number;
  invoiceable: Money;
  postpaid: boolean;
  creditAccount: boolean;
  designatedContracts: string[];
  linkedTier1: boolean;
  unusedCoupons: number;
  huaweiAccount: boolean;
  /** Active customer associations of the account (it is someone's 子客户); `distributor` when that partner is a distributor. */
  customerOf: { partnerId: string; type: string; distributor: boolean }[];
  paths: string[];
  /** Plans joined now (active or 退出中; an expired solution-provider plan is not). */
  joined: Set<string>;
  /** Open applications by plan. */
  applications: Map<string, ApplicationStatus>;
  /** Another account of the company holds an approved, unexpired solution-provider plan (R25 no. 10). */
  companySolutionProvider: boolean;
  /** The bound e-mail or mobile is bound to another account in the solution-provider plan (R25 no. 12). */
  contactInSolutionProvider: boolean;
  /** Role certification on the software, service or SI path, by account of the company. */
  roleCertified: { partnerId: string; path: string }[];
  /** This account's service path is at 角色认证 or beyond (R39). */
  serviceRoleCertified: boolean;
  /** In-scope level-1 labels (表 3-1) obtained this year and valid for the partner's site (R39). */
  scopeLabelsThisYear: string[];
  /** A pending distributor-plan invitation, or the invite-only distributor path joined (R8). */
  distributorInvited: boolean;
  /** The reseller's live link to a distributor, if any. */
  resellerLink: 'pending' | 'active' | 'exiting' | null;
}

function amount(v: unknown): Money {
  if (v === null || v === undefined || v === '') return ZERO;
  try {
    return money(typeof v === 'number' ? String(v) : String(v));
  } catch {
    return ZERO;
  }
}


/** Paths whose role certification counts for the solution-provider rules (R25 no. 14, 17; R27). */
export const ROLE_PATHS = ['software', 'service', 'si'] as const;

/**
 * Accounts of a company with role certification on the software, service or SI path. Service and SI
 * stages come from the path enrollments; the software stage is evaluated from the company's certified
 * cloud-software solutions (R13), as the paths module does.
 */
export async function roleCertifiedAccounts(ex: Executor, companyId: string): Promise<{ partnerId: string; path: string }[]> {
  const enrolled = await ex
    .select({ partnerId: pathEnrollments.partnerId, path: pathEnrollments.path })
    .from(pathEnrollments)
    .where(
      and(
        eq(pathEnrollments.companyId, companyId),
        eq(pathEnrollments.status, 'joined'),
        inArray(pathEnrollments.path, ['service', 'si']),
        inArray(pathEnrollments.stage, ['role_certified', 'differentiated']),
      ),
    );
  const out = enrolled.map((r) => ({ partnerId: r.partnerId, path: r.path }));
  const software = await ex
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.companyId, companyId), sql`'software' = ANY(${partners.paths})`));
  if (software.length > 0 && (await hasCertifiedCloudSoftware(ex, { companyId }))) for (const s of software) out.push({ partnerId: s.id, path: 'software' });
  return out;
}

export async function gatherFacts(ex: Executor, partnerId: string): Promise<Facts> {
  const now = clock.now();
  const [me] = await ex
    .select({
      partnerId: partners.id,
      companyId: partners.companyId,
      paths: partners.paths,
      programs: partners.programs,
      accountId: accounts.id,
      email: accounts.email,
      mobile: accounts.mobile,
      status: accounts.status,
      countryRegion: accounts.countryRegion,
      realNameStatus: accounts.realNameStatus,
      realNameType: accounts.realNameType,
      attributes: accounts.attributes,
    })
    .from(partners)
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(eq(partners.id, partnerId));
  if (!me) throw new Error(`partner ${partnerId} missing`);
  const attrs = (me.attributes ?? {}) as AccountAttributes;

  const memberships = await ex.select().from(programMemberships).where(and(eq(programMemberships.partnerId, partnerId), ne(programMemberships.status, 'ended')));
  const joined = new Set<string>();
  for (const m of memberships) {
    const s = effectiveStatus(m, now);
    if (s === 'active' || s === 'exiting') joined.add(m.program);
  }
  // plans recorded before this module (seeded accounts) count as joined
  const withRows = new Set(memberships.map((m) => m.program));
  for (const p of me.programs) if (!withRows.has(p as ProgramKey)) joined.add(p);

  const apps = await ex
    .select({ program: programApplications.program, status: programApplications.status })
    .from(programApplications)
    .where(and(eq(programApplications.partnerId, partnerId), inArray(programApplications.status, ['draft', 'in_review', 'rejected'])));
  const applications = new Map<string, ApplicationStatus>(apps.map((a) => [a.program, a.status]));

  // R25 no. 10: an approved, unexpired solution-provider plan anywhere in the company
  const companySp = await ex
    .select({ partnerId: programMemberships.partnerId, status: programMemberships.status, expiresAt: programMemberships.expiresAt })
    .from(programMemberships)
    .where(and(eq(programMemberships.companyId, me.companyId), eq(programMemberships.program, 'solution_provider'), ne(programMemberships.status, 'ended')));
  const legacySp = await ex
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.companyId, me.companyId), sql`'solution_provider' = ANY(${partners.programs})`));
  const companySolutionProvider =
    companySp.some((m) => effectiveStatus(m, now) === 'active') ||
    legacySp.some((p) => !companySp.some((m) => m.partnerId === p.id));

  // R25 no. 12: the bound e-mail / mobile on another account that is in the solution-provider plan
  const contactRows = await ex
    .select({ id: partners.id, programs: partners.programs })
    .from(partners)
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(
      and(
        ne(partners.id, partnerId),
        // the same mailbox whatever its case
        sql`(${accounts.mobile} = ${me.mobile}${me.email ? sql` OR lower(${accounts.email}) = lower(${me.email})` : sql``})`,
        sql`'solution_provider' = ANY(${partners.programs})`,
      ),
    );

  const customerOf = await ex
    .select({ partnerId: customerAssociations.partnerId, type: customerAssociations.associationType, programs: partners.programs })
    .from(customerAssociations)
    .innerJoin(partners, eq(partners.id, customerAssociations.partnerId))
    .where(and(eq(customerAssociations.customerAccountId, me.accountId), eq(customerAssociations.status, 'associated')));

  const roleCertified = await roleCertifiedAccounts(ex, me.companyId);
  const serviceRoleCertified = roleCertified.some((r) => r.partnerId === partnerId && r.path === 'service');

  const chinaSite = me.countryRegion === '中国' || me.countryRegion === '中国大陆';
  const year = chinaYear(now);
  const inScope = new Set(CAPABILITY_TAG_SCOPE.filter((s) => s.region === 'global' || s.region === (chinaSite ? 'china' : 'overseas')).map((s) => s.label));
  const scopeLabelsThisYear = (await passedLabels(ex, partnerId, now)).filter((l) => inScope.has(l.level1Label) && chinaYear(l.passedAt) === year).map((l) => l.level1Label);

  const [invitation] = await ex
    .select({ id: programInvitations.id })
    .from(programInvitations)
    .where(and(eq(programInvitations.partnerId, partnerId), eq(programInvitations.program, 'distributor'), eq(programInvitations.status, 'pending')))
    .limit(1);

  const [link] = await ex
    .select({ status: resellerLinks.status })
    .from(resellerLinks)
    .where(and(eq(resellerLinks.resellerPartnerId, partnerId), inArray(resellerLinks.status, ['pending', 'active', 'exiting'])));

  const frozen = me.status === 'frozen' || !!attrs.freezeStatus;
  return {
    partnerId,
    accountId: me.accountId,
    companyId: me.companyId,
    chinaSite,
    enterpriseVerified: me.realNameStatus === 'verified' && me.realNameType === 'enterprise',
    email: me.email,
    mobile: me.mobile,
    freeze: frozen ? (attrs.freezeStatus ?? '账号冻结') : null,
    specialContract: attrs.specialCommercialContract === true,
    enterpriseAccount: attrs.enterpriseAccount === 'master' || attrs.enterpriseAccount === 'sub',
    arrears: amount(attrs.arrears),
    rechargeBalance: amount(attrs.rechargeBalance),
    openResources: Number(attrs.openResources ?? 0) || 0,
    invoiceable: amount(attrs.invoiceableAmount),
    postpaid: attrs.postpaid === true,
    creditAccount: attrs.creditAccount === true,
    designatedContracts: Array.isArray(attrs.designatedContracts) ? attrs.designatedContracts : [],
    linkedTier1: attrs.linkedTier1Distributor === true,
    unusedCoupons: Number(attrs.unusedCoupons ?? 0) || 0,
    huaweiAccount: (attrs.accountType ?? 'huawei') === 'huawei',
    customerOf: customerOf.map((c) => ({ partnerId: c.partnerId, type: c.type, distributor: c.programs.includes('distributor') })),
    paths: me.paths,
    joined,
    applications,
    companySolutionProvider,
    contactInSolutionProvider: contactRows.length > 0,
    roleCertified,
    serviceRoleCertified,
    scopeLabelsThisYear,
    distributorInvited: !!invitation || me.paths.includes('distributor'),
    resellerLink: link?.status === 'pending' || link?.status === 'active' || link?.status === 'exiting' ? link.status : null,
  };
}
