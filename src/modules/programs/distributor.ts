import { chinaYear } from '../../platform/china-time.js';
import { and, count, desc, eq, inArray, ne, or } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { inTransaction, isUniqueViolation, type Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { audit } from '../../platform/audit/index.js';
import { fieldError, notFound, refused } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { send } from '../../platform/notify/index.js';
import { P, STAFF_ROLES, requirePartnerAdmin, requirePermission, requireStaff } from '../../platform/access/index.js';
import { canRead, getFileRecord } from '../../platform/files/index.js';
import { money, toFixed, isValidAmount } from '../../platform/money.js';
import { submit as submitReview } from '../../platform/review/index.js';
import { isUuid } from '../../platform/ids.js';
import { accounts } from '../accounts/schema.js';
import { companies, partners } from '../partners/schema.js';
import { DISTRIBUTOR_TYPE_NAMES, VALUE_RESELLER } from './catalogue.js';
import { certificationCounts, dataDay, meetsRequirement, type LevelCounts } from './certifications.js';
import { effectiveStatus } from './memberships.js';
import { PROOF_PURPOSE } from './forms.js';
import { ASSESSMENT_KIND, ASSESSMENT_SUBJECT } from './review-kinds.js';
import { activeResellerIds } from './reseller.js';
import {
  distributorAssessments,
  programInvitations,
  programMemberships,
  programScorecards,
  resellerPerformance,
  type AssessmentStatus,
  type CertificationRequirement,
  type DistributorAssessment,
  type DistributorType,
  type ProgramInvitation,
  type ProgramScorecard,
  type ScorecardRequirements,
} from './schema.js';

/**
 * 分销计划（总经销商）(spec 01 §2.15, §3.8, ops 17–19, R30–R35): the ecosystem manager's invitation,
 * the 积分卡 with its metrics, the value-reseller formula and refresh times, national vs regional
 * visibility, and the annual assessment with its irrevocable exit-or-retain choice.
 */

const t = (zh: string, en: string): Text => ({ zh, en });

const NOT_PARTNER: Text = t('该账号尚未加入华为云伙伴体系，无法邀请', 'This account has not joined HCPN and cannot be invited');
const ACCOUNT_NOT_FOUND: Text = t('账号不存在', 'Account not found');
const ALREADY_DISTRIBUTOR: Text = t('该账号已加入分销计划（总经销商）', 'This account is already in the distributor plan');
const NOT_IN_PLAN: Text = t('该账号未加入该伙伴计划', 'This account is not in this program');
const NOT_DISTRIBUTOR: Text = t('您的账号未加入分销计划（总经销商）', 'Your account is not in the distributor plan');
const NATIONAL_MAIN_ONLY: Text = t(
  '全国型总经销商仅在拓渠业绩主账号展示积分卡，需前往主账号查看指标详情',
  'A national distributor’s scorecard is shown only on its main (拓渠) account; view the details there',
);
const NATIONAL_NEEDS_MAIN: Text = t('全国型总经销商的积分卡只能设置在公司的拓渠激励主账号上', 'A national distributor’s scorecard belongs on the company’s main account');
const TOO_EARLY: Text = t('年度考核结果于次年1月公示结束后发布', 'The annual result is published after the January publication of the following year');
const NO_SCORECARD: Text = t('该总经销商没有该年度的积分卡数据', 'The distributor has no scorecard for that year');
const ALREADY_PUBLISHED: Text = t('该年度考核结果已发布', 'The result for that year is already published');
const ACK_FIRST: Text = t('请先确认已知年度考核结果', 'Acknowledge the annual result first');
const PASSED_NO_HANDLING: Text = t('年度考核达标，无需选择处理方式', 'The assessment was passed; no handling is needed');
const IRREVOCABLE: Text = t('处理方式经华为审核通过后不可撤销', 'The handling approved by Huawei cannot be changed');
const HANDLING_IN_REVIEW: Text = t('处理申请正在审核中', 'The handling request is under review');
const MATERIALS_REQUIRED: Text = t('请上传申请材料', 'Upload the application materials');
const PLAN_REQUIRED: Text = t('选择“保留分销计划（总经销商），标记不达标”时，请下载模板制定绩效改进计划并上传', 'Retaining the plan needs a performance improvement plan made from the template');
const NOT_LINKED: Text = t('该云经销商未关联此总经销商', 'This reseller is not linked to this distributor');

export const ASSESSMENT_STATUS_NAMES: Record<AssessmentStatus, Text> = {
  published: t('待确认', 'To acknowledge'),
  acknowledged: t('已确认', 'Acknowledged'),
  handling_review: t('审核中', 'Under review'),
  handling_rejected: t('审核不通过', 'Rejected'),
  exiting: t('退出中', 'Exiting'),
  retained: t('不达标', 'Non-compliant'),
};
export const HANDLING_NAMES = {
  exit: t('退出分销计划（总经销商）', 'Exit the distribution plan (distributor)'),
  retain: t('保留分销计划（总经销商）', 'Retain the distribution plan (distributor)'),
} as const;

// ---------------------------------------------------------------------------------------------
// Ops: invitation to the distributor plan (R8, L1933)

export interface ProgramInvitationView {
  id: string;
  partnerId: string;
  companyName: string;
  accountName: string;
  program: 'distributor';
  email: string | null;
  status: 'pending' | 'accepted';
  statusName: Text;
  createdAt: string;
  acceptedAt: string | null;
}

const INVITATION_STATUS: Record<'pending' | 'accepted', Text> = { pending: t('已邀请', 'Invited'), accepted: t('已加入', 'Joined') };

async function invitationViews(ex: Executor, rows: ProgramInvitation[]): Promise<ProgramInvitationView[]> {
  if (rows.length === 0) return [];
  const ps = await ex
    .select({ id: partners.id, company: companies.name, accountName: accounts.accountName })
    .from(partners)
    .innerJoin(companies, eq(companies.id, partners.companyId))
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(inArray(partners.id, [...new Set(rows.map((r) => r.partnerId))]));
  const by = new Map(ps.map((p) => [p.id, p]));
  return rows.map((r) => ({
    id: r.id,
    partnerId: r.partnerId,
    companyName: by.get(r.partnerId)?.company ?? '',
    accountName: by.get(r.partnerId)?.accountName ?? '',
    program: r.program,
    email: r.email,
    status: r.status,
    statusName: INVITATION_STATUS[r.status],
    createdAt: r.createdAt.toISOString(),
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
  }));
}

async function partnerByAccount(ex: Executor, account: string): Promise<{ partnerId: string; accountId: string; email: string | null; name: string; isMain: boolean; companyId: string }> {
  const [acct] = await ex
    .select({ id: accounts.id, email: accounts.email, name: accounts.accountName })
    .from(accounts)
    .where(or(eq(accounts.accountName, account), eq(accounts.email, account), isUuid(account) ? eq(accounts.id, account) : undefined));
  if (!acct) {
    // staff may also name the partner account by its partner id
    if (isUuid(account)) {
      const [p] = await ex
        .select({ partnerId: partners.id, accountId: accounts.id, email: accounts.email, name: accounts.accountName, isMain: partners.isMainAccount, companyId: partners.companyId })
        .from(partners)
        .innerJoin(accounts, eq(accounts.id, partners.accountId))
        .where(eq(partners.id, account));
      if (p) return p;
    }
    throw fieldError('account', 'programs.account-not-found', ACCOUNT_NOT_FOUND);
  }
  const [p] = await ex.select({ id: partners.id, isMain: partners.isMainAccount, companyId: partners.companyId }).from(partners).where(eq(partners.accountId, acct.id));
  if (!p) throw refused('programs.invite.not-partner', NOT_PARTNER);
  return { partnerId: p.id, accountId: acct.id, email: acct.email, name: acct.name, isMain: p.isMain, companyId: p.companyId };
}

async function liveMembership(ex: Executor, partnerId: string, program: 'distributor' | 'solution_provider') {
  const [m] = await ex
    .select()
    .from(programMemberships)
    .where(and(eq(programMemberships.partnerId, partnerId), eq(programMemberships.program, program), ne(programMemberships.status, 'ended')));
  if (m) return effectiveStatus(m) === 'expired' ? null : m;
  // accounts seeded with the plan before this module
  const [p] = await ex.select({ programs: partners.programs }).from(partners).where(eq(partners.id, partnerId));
  return p?.programs.includes(program) ? ({ id: null, status: 'active', businessRegion: null } as const) : null;
}

/** 生态经理 sends the distributor-plan invitation e-mail after the offline contact (L1933). */
export async function inviteToDistributorPlan(ctx: Ctx, input: { account: string }): Promise<ProgramInvitationView> {
  const staff = requireStaff(ctx, [STAFF_ROLES.ecosystemManager]);
  return inTransaction(ctx.db, async (tx) => {
    const target = await partnerByAccount(tx, input.account.trim());
    if (await liveMembership(tx, target.partnerId, 'distributor')) throw refused('programs.already-joined', ALREADY_DISTRIBUTOR);
    const now = clock.now();
    const [inv] = await tx
      .insert(programInvitations)
      .values({ partnerId: target.partnerId, program: 'distributor', invitedByStaffId: staff.staffId, email: target.email, status: 'pending', createdAt: now })
      .returning();
    if (target.email) {
      await send(tx, {
        channel: 'email',
        to: { kind: 'account', id: target.accountId },
        address: target.email,
        template: 'programs.distributor-invitation',
        subject: '华为云邀请您加入分销计划（总经销商）',
        body: `您好，华为云邀请您的账号 ${target.name} 加入分销计划（总经销商）。请单击“这里”登录伙伴中心，在“华为云伙伴计划 > 加入分销计划（总经销商）”页面填写申请。`,
        data: { invitationId: inv!.id, url: `${ctx.deps.publicUrl}/partner/programs/apply/distributor` },
      });
    }
    await send(tx, {
      channel: 'site',
      to: { kind: 'account', id: target.accountId },
      template: 'programs.distributor-invitation',
      subject: '华为云邀请您加入分销计划（总经销商）',
      body: '华为云邀请您加入分销计划（总经销商），请在“计划 > 华为云伙伴计划”页面申请加入。',
      data: { invitationId: inv!.id, text: t('华为云邀请您加入分销计划（总经销商）', 'HUAWEI CLOUD invites you to the distributor plan') },
    });
    await audit(tx, ctx, { action: 'programs.distributor-invited', objectType: 'program_invitation', objectId: inv!.id, partnerId: target.partnerId, after: { email: target.email } });
    return (await invitationViews(tx, [inv!]))[0]!;
  });
}

export async function listProgramInvitations(ctx: Ctx, q: { status?: 'pending' | 'accepted'; page?: number; pageSize?: number } = {}) {
  requireStaff(ctx, [STAFF_ROLES.ecosystemManager, STAFF_ROLES.channelManager]);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
  const where = and(eq(programInvitations.program, 'distributor'), q.status ? eq(programInvitations.status, q.status) : undefined);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(programInvitations).where(where);
  const rows = await ctx.db.select().from(programInvitations).where(where).orderBy(desc(programInvitations.createdAt), desc(programInvitations.id)).limit(pageSize).offset((page - 1) * pageSize);
  return { items: await invitationViews(ctx.db, rows), total: Number(total), page, pageSize };
}

// ---------------------------------------------------------------------------------------------
// Ops: scorecard values (audited)

export interface ScorecardInput {
  account: string; // account name, e-mail, account id or partner id
  program: 'distributor' | 'solution_provider';
  year: number;
  distributorType?: DistributorType;
  annualPerformance: string; // CNY
  effectiveUsers?: number;
  requirements?: ScorecardRequirements;
  dataDate?: string; // default T+2
}

function cleanAmount(field: string, v: string): string {
  if (!isValidAmount(v, 2) || money(v).isNegative()) throw fieldError(field, 'programs.amount', t('金额须为非负数，最多2位小数', 'The amount must be non-negative with at most 2 decimals'));
  return toFixed(money(v));
}

/** Vendor staff set the figures the centre cannot compute (年度业绩, 有效用户数), the distributor type and the year's requirements. */
export async function setScorecard(ctx: Ctx, input: ScorecardInput): Promise<ScorecardRow> {
  const staff = requireStaff(ctx, [STAFF_ROLES.channelManager, STAFF_ROLES.ecosystemManager]);
  const annualPerformance = cleanAmount('annualPerformance', input.annualPerformance);
  const requirements: ScorecardRequirements = { ...(input.requirements ?? {}) };
  if (requirements.annualPerformance !== undefined) requirements.annualPerformance = cleanAmount('requirements.annualPerformance', requirements.annualPerformance);
  if (input.program === 'distributor' && !input.distributorType) throw fieldError('distributorType', 'programs.distributor-type-required', t('请选择总经销商类型', 'Choose the distributor type'));
  return inTransaction(ctx.db, async (tx) => {
    const target = await partnerByAccount(tx, input.account.trim());
    if (!(await liveMembership(tx, target.partnerId, input.program))) throw refused('programs.not-in-plan', NOT_IN_PLAN);
    // R35 / L2108: a national distributor's scorecard lives on the company's 拓渠 main account
    if (input.program === 'distributor' && input.distributorType === 'national' && !target.isMain) throw refused('programs.national-main-account', NATIONAL_NEEDS_MAIN);
    const now = clock.now();
    const [before] = await tx
      .select()
      .from(programScorecards)
      .where(and(eq(programScorecards.partnerId, target.partnerId), eq(programScorecards.program, input.program), eq(programScorecards.year, input.year)));
    const value = {
      distributorType: input.program === 'distributor' ? input.distributorType! : null,
      annualPerformance,
      effectiveUsers: input.effectiveUsers ?? null,
      requirements,
      dataDate: input.dataDate ?? dataDay(2, now),
      updatedByStaffId: staff.staffId,
      updatedAt: now,
    };
    const [row] = await tx
      .insert(programScorecards)
      .values({ partnerId: target.partnerId, program: input.program, year: input.year, ...value })
      .onConflictDoUpdate({ target: [programScorecards.partnerId, programScorecards.program, programScorecards.year], set: value })
      .returning();
    await audit(tx, ctx, {
      action: 'programs.scorecard-set',
      objectType: 'program_scorecard',
      objectId: row!.id,
      partnerId: target.partnerId,
      before: before ? { annualPerformance: before.annualPerformance, effectiveUsers: before.effectiveUsers, distributorType: before.distributorType, requirements: before.requirements } : null,
      after: { annualPerformance, effectiveUsers: value.effectiveUsers, distributorType: value.distributorType, requirements },
    });
    return scorecardRow(row!);
  });
}

export interface ScorecardRow {
  id: string;
  partnerId: string;
  program: 'distributor' | 'solution_provider';
  year: number;
  distributorType: DistributorType | null;
  annualPerformance: string;
  effectiveUsers: number | null;
  requirements: ScorecardRequirements;
  dataDate: string;
  updatedAt: string;
}

const scorecardRow = (r: ProgramScorecard): ScorecardRow => ({
  id: r.id,
  partnerId: r.partnerId,
  program: r.program,
  year: r.year,
  distributorType: r.distributorType,
  annualPerformance: r.annualPerformance,
  effectiveUsers: r.effectiveUsers,
  requirements: r.requirements,
  dataDate: r.dataDate,
  updatedAt: r.updatedAt.toISOString(),
});

/** A linked reseller's figures for R32 (年度业绩 and customers paying ≥ 100 CNY). */
export async function setResellerPerformance(
  ctx: Ctx,
  input: { distributorPartnerId: string; resellerPartnerId: string; year: number; annualPerformance: string; payingCustomers: number; dataDate?: string },
): Promise<{ valueReseller: boolean }> {
  requireStaff(ctx, [STAFF_ROLES.channelManager, STAFF_ROLES.ecosystemManager]);
  const annualPerformance = cleanAmount('annualPerformance', input.annualPerformance);
  return inTransaction(ctx.db, async (tx) => {
    const linked = await activeResellerIds(tx, input.distributorPartnerId);
    if (!linked.includes(input.resellerPartnerId)) throw refused('programs.reseller-not-linked', NOT_LINKED);
    const now = clock.now();
    const value = { annualPerformance, payingCustomers: input.payingCustomers, dataDate: input.dataDate ?? dataDay(2, now), updatedAt: now };
    const [row] = await tx
      .insert(resellerPerformance)
      .values({ distributorPartnerId: input.distributorPartnerId, resellerPartnerId: input.resellerPartnerId, year: input.year, ...value })
      .onConflictDoUpdate({ target: [resellerPerformance.distributorPartnerId, resellerPerformance.resellerPartnerId, resellerPerformance.year], set: value })
      .returning();
    await audit(tx, ctx, { action: 'programs.reseller-performance-set', objectType: 'program_reseller_performance', objectId: row!.id, partnerId: input.distributorPartnerId, after: value });
    return { valueReseller: isValueReseller(annualPerformance, input.payingCustomers) };
  });
}

/** R32: 年度业绩 ≥ 5万元 and ≥ 3 customers paying ≥ 100 CNY. */
export function isValueReseller(annualPerformance: string, payingCustomers: number): boolean {
  return money(annualPerformance).gte(money(VALUE_RESELLER.minPerformance)) && payingCustomers >= VALUE_RESELLER.minPayingCustomers;
}

export async function countValueResellers(ex: Executor, distributorPartnerId: string, year: number): Promise<number> {
  const linked = await activeResellerIds(ex, distributorPartnerId);
  if (linked.length === 0) return 0;
  const rows = await ex
    .select()
    .from(resellerPerformance)
    .where(and(eq(resellerPerformance.distributorPartnerId, distributorPartnerId), eq(resellerPerformance.year, year), inArray(resellerPerformance.resellerPartnerId, linked)));
  return rows.filter((r) => isValueReseller(r.annualPerformance, r.payingCustomers)).length;
}

// ---------------------------------------------------------------------------------------------
// The 积分卡 (op 18)

export interface MetricLevel {
  level: 'associate' | 'professional' | 'expert';
  name: Text;
  requirement: number | null;
  achieved: number;
}

export interface Metric {
  key: 'annualPerformance' | 'valueResellers' | 'certifications' | 'professionalCertifications';
  name: Text;
  requirement: string | null;
  achieved: string;
  met: boolean | null; // null: no requirement set
  refresh: 'T+1' | 'T+2';
  dataDate: string;
  rule: Text | null;
  levels: MetricLevel[] | null;
}

export interface ScorecardView {
  visible: boolean;
  notice: Text | null;
  year: number;
  distributorType: DistributorType | null;
  distributorTypeName: Text | null;
  metrics: Metric[];
  notes: Text[];
}

const REFRESH_NOTES: Text[] = [
  t('年度业绩、价值云经销商数量刷新时间为T+2。', 'Annual performance and value resellers refresh at T+2.'),
  t('职业/开发者认证、专业认证数据刷新时间为T+1。', 'Vocational/developer and professional certifications refresh at T+1.'),
  t('伙伴年度考核数据以次年1月公示结束定稿数据为准。', 'The annual assessment uses the data finalised when the January publication of the following year closes.'),
];

const VOCATIONAL_LEVELS = { associate: t('HCIA/HCCDA及以上', 'HCIA/HCCDA or higher'), professional: t('HCIP/HCCDP及以上', 'HCIP/HCCDP or higher'), expert: t('HCIE/HCCDE', 'HCIE/HCCDE') };
const PROFESSIONAL_LEVELS = { associate: t('初级及以上', 'Junior or higher'), professional: t('中级及以上', 'Intermediate or higher'), expert: t('高级', 'Senior') };

function levelRows(counts: LevelCounts, req: CertificationRequirement | undefined, names: Record<MetricLevel['level'], Text>): MetricLevel[] {
  return (['associate', 'professional', 'expert'] as const).map((level) => ({ level, name: names[level], requirement: req?.[level] ?? null, achieved: counts[level] }));
}

function reqSummary(req: CertificationRequirement | undefined, names: Record<MetricLevel['level'], Text>): string | null {
  if (!req) return null;
  const parts = (['expert', 'professional', 'associate'] as const).filter((l) => req[l] !== undefined).map((l) => `${names[l].zh} ${req[l]}人`);
  return parts.length ? parts.join('，') : null;
}

/** The metrics of a distributor's scorecard, computed now (R32–R34). */
export async function distributorMetrics(ex: Executor, card: ProgramScorecard): Promise<Metric[]> {
  const req = card.requirements;
  const certs = await certificationCounts(ex, card.partnerId);
  const valueResellers = await countValueResellers(ex, card.partnerId, card.year);
  const perfMet = req.annualPerformance === undefined ? null : money(card.annualPerformance).gte(money(req.annualPerformance));
  return [
    {
      key: 'annualPerformance',
      name: t('年度业绩', 'Annual performance'),
      requirement: req.annualPerformance ?? null,
      achieved: card.annualPerformance,
      met: perfMet,
      refresh: 'T+2',
      dataDate: card.dataDate,
      rule: t('统计当前周期的年度业绩。', 'Annual performance of the current period.'),
      levels: null,
    },
    {
      key: 'valueResellers',
      name: t('价值云经销商数量', 'Value resellers'),
      requirement: req.valueResellers === undefined ? null : String(req.valueResellers),
      achieved: String(valueResellers),
      met: req.valueResellers === undefined ? null : valueResellers >= req.valueResellers,
      refresh: 'T+2',
      dataDate: card.dataDate,
      rule: t('年度业绩≥5万元、且付费≥100元的客户数不少于3个。', 'Annual performance ≥ 50,000 CNY and at least 3 customers paying ≥ 100 CNY.'),
      levels: null,
    },
    {
      key: 'certifications',
      name: t('职业认证/开发者认证', 'Vocational / developer certifications'),
      requirement: reqSummary(req.certifications, VOCATIONAL_LEVELS),
      achieved: String(certs.vocational.people),
      met: meetsRequirement(certs.vocational, req.certifications),
      refresh: 'T+1',
      dataDate: certs.dataDate,
      rule: t('同一个人多张证书只计算一次，HCCDX和HCIX取最高等级；高等级证书可向下兼容低等级证书。', 'One person counts once; HCCDX and HCIX take the highest level; higher levels cover lower ones.'),
      levels: levelRows(certs.vocational, req.certifications, VOCATIONAL_LEVELS),
    },
    {
      key: 'professionalCertifications',
      name: t('专业认证', 'Professional certifications'),
      requirement: reqSummary(req.professionalCertifications, PROFESSIONAL_LEVELS),
      achieved: String(certs.professional.people),
      met: meetsRequirement(certs.professional, req.professionalCertifications),
      refresh: 'T+1',
      dataDate: certs.dataDate,
      rule: t('高等级证书可向下兼容低等级证书。', 'Higher levels cover lower ones.'),
      levels: levelRows(certs.professional, req.professionalCertifications, PROFESSIONAL_LEVELS),
    },
  ];
}

/**
 * 主页 > 积分卡 (op 18). A national distributor's card shows only on the 拓渠 main account (where staff
 * set it); the company's other accounts are told to go there. Regional cards show per account.
 */
export async function getScorecard(ctx: Ctx, year?: number): Promise<ScorecardView> {
  const actor = requirePermission(ctx, P.home);
  const y = year ?? chinaYear(clock.now());
  if (!(await liveMembership(ctx.db, actor.partnerId, 'distributor'))) throw refused('programs.not-distributor', NOT_DISTRIBUTOR);
  const [card] = await ctx.db
    .select()
    .from(programScorecards)
    .where(and(eq(programScorecards.partnerId, actor.partnerId), eq(programScorecards.program, 'distributor'), eq(programScorecards.year, y)));
  if (!card) {
    const [p] = await ctx.db.select({ companyId: partners.companyId }).from(partners).where(eq(partners.id, actor.partnerId));
    const [national] = await ctx.db
      .select({ id: programScorecards.id })
      .from(programScorecards)
      .innerJoin(partners, eq(partners.id, programScorecards.partnerId))
      .where(and(eq(partners.companyId, p!.companyId), eq(programScorecards.program, 'distributor'), eq(programScorecards.year, y), eq(programScorecards.distributorType, 'national')));
    const notice = national ? NATIONAL_MAIN_ONLY : t('暂无积分卡数据', 'No scorecard data yet');
    return { visible: false, notice, year: y, distributorType: national ? 'national' : null, distributorTypeName: national ? DISTRIBUTOR_TYPE_NAMES.national : null, metrics: [], notes: REFRESH_NOTES };
  }
  return {
    visible: true,
    notice: null,
    year: y,
    distributorType: card.distributorType,
    distributorTypeName: card.distributorType ? DISTRIBUTOR_TYPE_NAMES[card.distributorType] : null,
    metrics: await distributorMetrics(ctx.db, card),
    notes: REFRESH_NOTES,
  };
}

// ---------------------------------------------------------------------------------------------
// Annual assessment (R35, spec 01 §3.8)

export interface AssessmentView {
  id: string;
  year: number;
  passed: boolean;
  resultName: Text; // 达标 / 不达标
  results: { key: string; requirement: string; achieved: string; met: boolean }[];
  status: AssessmentStatus;
  statusName: Text;
  handling: 'exit' | 'retain' | null;
  handlingName: Text | null;
  materialFileIds: string[];
  reviewId: string | null;
  rejectReason: string | null;
  publishedAt: string;
  acknowledgedAt: string | null;
  decidedAt: string | null;
  /** What the partner may do now (drives the buttons). */
  actions: ('acknowledge' | 'choose-handling')[];
}

function assessmentView(r: DistributorAssessment): AssessmentView {
  const actions: AssessmentView['actions'] = [];
  if (r.status === 'published') actions.push('acknowledge');
  if (!r.passed && (r.status === 'acknowledged' || r.status === 'handling_rejected')) actions.push('choose-handling');
  return {
    id: r.id,
    year: r.year,
    passed: r.passed,
    resultName: r.passed ? t('达标', 'Passed') : t('不达标', 'Not passed'),
    results: r.results,
    status: r.status,
    statusName: ASSESSMENT_STATUS_NAMES[r.status],
    handling: r.handling,
    handlingName: r.handling ? HANDLING_NAMES[r.handling] : null,
    materialFileIds: r.materialFileIds,
    reviewId: r.reviewId,
    rejectReason: r.rejectReason,
    publishedAt: r.publishedAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    actions,
  };
}

/**
 * Publish year Y's result (staff, end of January or early February of Y+1): computed from the
 * scorecard's finalised data; the distributor is told by 站内信 and e-mail.
 */
export async function publishAssessment(ctx: Ctx, input: { account: string; year: number }): Promise<AssessmentView> {
  requireStaff(ctx, [STAFF_ROLES.channelManager, STAFF_ROLES.ecosystemManager]);
  const now = clock.now();
  if (chinaYear(now) <= input.year) throw refused('programs.assessment-too-early', TOO_EARLY);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const target = await partnerByAccount(tx, input.account.trim());
      const [card] = await tx
        .select()
        .from(programScorecards)
        .where(and(eq(programScorecards.partnerId, target.partnerId), eq(programScorecards.program, 'distributor'), eq(programScorecards.year, input.year)));
      if (!card) throw refused('programs.no-scorecard', NO_SCORECARD);
      const metrics = await distributorMetrics(tx, card);
      const results = metrics.map((m) => ({ key: m.key, requirement: m.requirement ?? '', achieved: m.achieved, met: m.met !== false }));
      const passed = results.every((r) => r.met);
      const [row] = await tx
        .insert(distributorAssessments)
        .values({ partnerId: target.partnerId, year: input.year, passed, results, status: 'published', publishedAt: now, updatedAt: now })
        .returning();
      const subject = `分销计划（总经销商）${input.year}年度考核结果已发布`;
      const body = passed
        ? `您的${input.year}年度考核结果：达标。您将继续享受伙伴权益，请继续保持业绩增长。请在伙伴中心主页积分卡模块单击“确认已知”。`
        : `您的${input.year}年度考核结果：不达标。请在伙伴中心主页积分卡模块单击“确认已知”，并按引导选择处理方式。`;
      await send(tx, { channel: 'site', to: { kind: 'account', id: target.accountId }, template: 'programs.assessment', subject, body, data: { assessmentId: row!.id, text: { zh: subject, en: `Your ${input.year} distributor assessment is published` } } });
      if (target.email) await send(tx, { channel: 'email', to: { kind: 'account', id: target.accountId }, address: target.email, template: 'programs.assessment', subject, body, data: { assessmentId: row!.id } });
      await audit(tx, ctx, { action: 'programs.assessment-published', objectType: ASSESSMENT_SUBJECT, objectId: row!.id, partnerId: target.partnerId, after: { year: input.year, passed, results } });
      return assessmentView(row!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('programs.assessment-published', ALREADY_PUBLISHED);
    throw err;
  }
}

export async function listAssessments(ctx: Ctx): Promise<AssessmentView[]> {
  const actor = requirePermission(ctx, P.home);
  const rows = await ctx.db.select().from(distributorAssessments).where(eq(distributorAssessments.partnerId, actor.partnerId)).orderBy(desc(distributorAssessments.year));
  return rows.map(assessmentView);
}

async function ownAssessment(ex: Executor, partnerId: string, id: string): Promise<DistributorAssessment> {
  const [row] = isUuid(id)
    ? await ex.select().from(distributorAssessments).where(and(eq(distributorAssessments.id, id), eq(distributorAssessments.partnerId, partnerId))).for('update')
    : [];
  if (!row) throw notFound(t('年度考核结果', 'Annual assessment'));
  return row;
}

export async function getAssessment(ctx: Ctx, id: string): Promise<AssessmentView> {
  const actor = requirePermission(ctx, P.home);
  const [row] = isUuid(id) ? await ctx.db.select().from(distributorAssessments).where(and(eq(distributorAssessments.id, id), eq(distributorAssessments.partnerId, actor.partnerId))) : [];
  if (!row) throw notFound(t('年度考核结果', 'Annual assessment'));
  return assessmentView(row);
}

/** "确认已知" (回执). */
export async function acknowledgeAssessment(ctx: Ctx, id: string): Promise<AssessmentView> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.home);
  return inTransaction(ctx.db, async (tx) => {
    const row = await ownAssessment(tx, actor.partnerId, id);
    if (row.status !== 'published') throw refused('programs.assessment-acknowledged', t('已确认已知', 'Already acknowledged'));
    const now = clock.now();
    const [next] = await tx.update(distributorAssessments).set({ status: 'acknowledged', acknowledgedAt: now, updatedAt: now }).where(eq(distributorAssessments.id, row.id)).returning();
    await audit(tx, ctx, { action: 'programs.assessment-acknowledged', objectType: ASSESSMENT_SUBJECT, objectId: row.id, before: { status: row.status }, after: { status: 'acknowledged' } });
    return assessmentView(next!);
  });
}

/**
 * "选择处理" → exit (退出中) or retain (不达标, with a performance improvement plan) + materials →
 * "提交审核". Agreed with the representative office beforehand; irrevocable once Huawei approves.
 */
export async function chooseHandling(ctx: Ctx, id: string, input: { handling: 'exit' | 'retain'; materialFileIds: string[] }): Promise<AssessmentView> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.home);
  return inTransaction(ctx.db, async (tx) => {
    const row = await ownAssessment(tx, actor.partnerId, id);
    if (row.passed) throw refused('programs.assessment-passed', PASSED_NO_HANDLING);
    if (row.status === 'exiting' || row.status === 'retained') throw refused('programs.assessment-irrevocable', IRREVOCABLE);
    if (row.status === 'handling_review') throw refused('programs.assessment-in-review', HANDLING_IN_REVIEW);
    if (row.status === 'published') throw refused('programs.assessment-acknowledge-first', ACK_FIRST);
    if (input.materialFileIds.length === 0) throw fieldError('materialFileIds', 'programs.materials-required', input.handling === 'retain' ? PLAN_REQUIRED : MATERIALS_REQUIRED);
    const files: string[] = [];
    for (const fid of input.materialFileIds) {
      const f = await getFileRecord(tx, fid);
      if (!f || !canRead(ctx, f) || f.purpose !== PROOF_PURPOSE) throw fieldError('materialFileIds', 'programs.file-invalid', MATERIALS_REQUIRED);
      files.push(f.id);
    }
    const now = clock.now();
    await tx.update(distributorAssessments).set({ handling: input.handling, materialFileIds: files, updatedAt: now }).where(eq(distributorAssessments.id, row.id));
    const [p] = await tx.select({ name: companies.name }).from(partners).innerJoin(companies, eq(companies.id, partners.companyId)).where(eq(partners.id, actor.partnerId));
    await submitReview(
      ctx.deps.reviews,
      ctx,
      {
        kind: ASSESSMENT_KIND,
        subjectType: ASSESSMENT_SUBJECT,
        subjectId: row.id,
        data: { 年度: row.year, 考核结果: '不达标', 指标: row.results, 处理方式: HANDLING_NAMES[input.handling].zh },
        summary: `${p?.name ?? ''} · ${row.year}年度考核 · ${HANDLING_NAMES[input.handling].zh}`,
        attachments: files.map((fileId) => ({ fileId, label: input.handling === 'retain' ? '绩效改进计划' : '申请材料' })),
      },
      tx,
    );
    await audit(tx, ctx, { action: 'programs.assessment-handling-submitted', objectType: ASSESSMENT_SUBJECT, objectId: row.id, after: { handling: input.handling } });
    const [fresh] = await tx.select().from(distributorAssessments).where(eq(distributorAssessments.id, row.id));
    return assessmentView(fresh!);
  });
}

