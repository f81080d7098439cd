import { and, arrayContains, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/index.js';
import { clock } from '../../../platform/clock.js';
import { notFound } from '../../../platform/errors.js';
import type { Text } from '../../../platform/i18n/index.js';
import { isUuid } from '../../../platform/ids.js';
import { requireStaff, STAFF_ROLES, type StaffRole } from '../../../platform/access/index.js';
import { searchAudit } from '../../../platform/audit/routes.js';
import { findApplicationsForSubject, listQueue, statusName, type ReviewApplication, type ReviewStatus } from '../../../platform/review/index.js';
import { accounts } from '../../accounts/schema.js';
import { orgMembers } from '../../org/schema.js';
import { PATH_TYPES, STAGE_NAMES, pathDefinition, type PathType, type Stage } from '../../paths/catalogue.js';
import { pathCertifications, pathEnrollments, type PathEnrollment } from '../../paths/schema.js';
import { cloudSolutions } from '../../solutions/cloud-software/schema.js';
import { hasCertifiedCloudSoftware } from '../../solutions/cloud-software/service.js';
import { DISPLAY_STATUS_NAMES, KIND_NAMES, SOURCE_NAMES, displayStatus } from '../../solutions/cloud-software/statuses.js';
import { capabilityApplications } from '../../capabilities/schema.js';
import { STATUS_NAMES as CAPABILITY_STATUS_NAMES } from '../../capabilities/rules.js';
import { findLevel1 } from '../../capabilities/labels.js';
import { passedLabels } from '../../capabilities/service.js';
import { companies, hcpnApplications, partners, HCPN_STATUSES, type HcpnStatus } from '../schema.js';
import { AUTO_CHECKS, HCPN_KIND, HCPN_STATUS_NAMES, HCPN_SUBJECT } from '../hcpn.js';
import { currentInfo } from '../company/profile.js';
import { settlementCheck } from '../company/cert-state.js';
import { PROGRAMS, LEVEL_NAMES } from '../../programs/catalogue.js';
import { MEMBERSHIP_STATUS_NAMES, effectiveStatus, liveMemberships } from '../../programs/memberships.js';

/**
 * 伙伴管理 (operations console): the vendor's directory of partners and, per partner account, its
 * whole lifecycle in one view — HCPN enrolment, development paths and their certifications,
 * cloud-software solutions, capability labels, open reviews, members and the audit trail (issue 3:
 * "the vendor side of every step in the operations console"). Read-only: every decision stays in the
 * review queue (/ops/reviews/:id). It reads the other modules' tables and exported functions only.
 */

// ---------------------------------------------------------------------------------------------
// Who may read

/**
 * Every staff role reads the directory: reviewers, PSA and managers look a partner up before deciding,
 * finance and invoice staff to know whom they settle with. A staff user holding no role is refused.
 * What is finer-grained stays where it is decided: the open reviews shown are only those of kinds the
 * viewer can open in the review queue (the engine's `staffCanView`), so no link leads to a 404.
 */
export const DIRECTORY_ROLES: readonly StaffRole[] = Object.values(STAFF_ROLES);

const PARTNER: Text = { zh: '合作伙伴', en: 'Partner' };

// ---------------------------------------------------------------------------------------------
// Names the directory shows

/**
 * 伙伴计划 as stored in `partners.programs`: the programs module's catalogue, plus the government-subsidy
 * identity the demo world seeds in the same column (not a plan of the catalogue).
 */
export const PROGRAM_NAMES: Record<string, Text> = {
  ...Object.fromEntries(PROGRAMS.map((p) => [p.key, p.name])),
  gov_subsidy: { zh: '政府补贴类伙伴', en: 'Government-subsidy partner' },
};
const programName = (key: string): Text => PROGRAM_NAMES[key] ?? { zh: key, en: key };

/** path_enrollments.status as the paths module shows it (spec 01 §3.2). */
const ENROLLMENT_STATUS_NAMES: Record<string, Text> = {
  pending_review: { zh: '生态经理审核中', en: 'Under ecosystem manager review' },
  rejected: { zh: '审核未通过', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  joined: { zh: '已加入', en: 'Joined' },
};
const CERTIFICATION_STATUS_NAMES: Record<string, Text> = {
  reviewing: { zh: '审核中', en: 'Under review' },
  failed: { zh: '审核未通过', en: 'Rejected' },
  passed: { zh: '审核通过', en: 'Approved' },
};
/** Why an enrolment went to 人工审核 (hcpn.ts AUTO_CHECKS). */
const AUTO_CHECK_NAMES: Record<string, Text> = {
  [AUTO_CHECKS.usccMismatch]: { zh: '统一社会信用代码与企业实名认证不一致', en: 'The USCC differs from the verified one' },
  [AUTO_CHECKS.nameMismatch]: { zh: '公司名称与企业实名认证不一致', en: 'The company name differs from the verified one' },
  [AUTO_CHECKS.sensitiveRelation]: { zh: '申报了敏感关系', en: 'A sensitive relationship was declared' },
  [AUTO_CHECKS.previouslyReviewed]: { zh: '曾经人工审核，重新提交需再次审核', en: 'Reviewed manually before; a resubmission is reviewed again' },
};
const enrollmentStatusName = (s: string): Text => ENROLLMENT_STATUS_NAMES[s] ?? { zh: s, en: s };
const pathName = (p: string): Text => ((PATH_TYPES as readonly string[]).includes(p) ? pathDefinition(p as PathType).name : { zh: p, en: p });
const stageName = (s: string | null): Text | null => (s ? (STAGE_NAMES[s as Stage] ?? { zh: s, en: s }) : null);
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What the filters of the list page offer, with the names the rows use. */
export function directoryOptions(ctx: Ctx) {
  requireStaff(ctx, DIRECTORY_ROLES);
  return {
    paths: PATH_TYPES.map((p) => ({ key: p, name: pathName(p) })),
    programs: Object.entries(PROGRAM_NAMES).map(([key, name]) => ({ key, name })),
    hcpnStatuses: HCPN_STATUSES.map((s) => ({ key: s, name: HCPN_STATUS_NAMES[s] })),
  };
}

// ---------------------------------------------------------------------------------------------
// Paths with their stage

export interface PathStanding {
  path: string;
  name: Text;
  status: string; // joined | pending_review | rejected | withdrawn
  statusName: Text;
  stage: Stage | null; // for joined paths
  stageName: Text | null;
  selectedAt: string | null;
  joinedAt: string | null;
  reviewId: string | null; // paths.software-selection review, if any
  rejectReason: string | null;
}

/**
 * The stage of the software path is not stored: it follows the company's certified cloud-software
 * solutions (spec 01 R13). Same reading as the paths module's `effectiveStage` (not exported), cached
 * per company so a page of rows costs at most two queries per company.
 */
function softwareStages(ex: Executor) {
  const cache = new Map<string, Promise<Stage>>();
  return (companyId: string): Promise<Stage> => {
    let hit = cache.get(companyId);
    if (!hit) {
      hit = (async () => {
        if (await hasCertifiedCloudSoftware(ex, { companyId }, { advanced: true })) return 'differentiated' as const;
        if (await hasCertifiedCloudSoftware(ex, { companyId })) return 'role_certified' as const;
        return 'role_selected' as const;
      })();
      cache.set(companyId, hit);
    }
    return hit;
  };
}

/**
 * A partner's standing on each path: the joined ones (from `partners.paths`, which the paths module keeps
 * in step; seeded partners have no enrollment row and stand at 选择角色) and the enrollments still
 * waiting or refused.
 */
async function standings(
  p: { companyId: string; paths: string[] },
  enrollments: PathEnrollment[],
  softwareStage: (companyId: string) => Promise<Stage>,
): Promise<PathStanding[]> {
  const byPath = new Map(enrollments.map((e) => [e.path, e]));
  const keys = [...new Set([...p.paths, ...enrollments.map((e) => e.path)])];
  keys.sort((a, b) => PATH_TYPES.indexOf(a as PathType) - PATH_TYPES.indexOf(b as PathType));
  const out: PathStanding[] = [];
  for (const path of keys) {
    const e = byPath.get(path);
    const joined = p.paths.includes(path) || e?.status === 'joined';
    const status = joined ? 'joined' : e!.status;
    const stage: Stage | null = !joined ? null : path === 'software' ? await softwareStage(p.companyId) : ((e?.stage as Stage | undefined) ?? 'role_selected');
    out.push({
      path,
      name: pathName(path),
      status,
      statusName: enrollmentStatusName(status),
      stage,
      stageName: stageName(stage),
      selectedAt: iso(e?.selectedAt),
      joinedAt: iso(e?.joinedAt),
      reviewId: e?.reviewId ?? null,
      rejectReason: e?.rejectReason ?? null,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 伙伴管理: the list

export type HcpnFilterStatus = HcpnStatus;

export interface DirectoryQuery {
  /** Part of the company name, the 统一社会信用代码 or the account name. */
  search?: string;
  path?: PathType;
  program?: string;
  /** 草稿 / 审核中 / 审核未通过: accounts still enrolling; 已入驻: partners. */
  hcpnStatus?: HcpnFilterStatus;
  joinedFrom?: Date; // inclusive
  joinedTo?: Date; // exclusive
  page: number;
  pageSize: number;
}

export interface DirectoryRow {
  /** null while the account is still enrolling (no partner yet). */
  partnerId: string | null;
  accountId: string;
  accountName: string;
  companyId: string | null;
  companyName: string | null;
  uscc: string | null;
  isMainAccount: boolean | null;
  joinedAt: string | null;
  hcpnStatus: HcpnStatus;
  hcpnStatusName: Text;
  hcpnApplicationId: string | null;
  /** The enrolment's manual review, when it had one (link to /ops/reviews/:id). */
  hcpnReviewId: string | null;
  paths: PathStanding[];
  programs: { key: string; name: Text }[];
  certifiedSolutions: number;
  passedLabels: number;
}

const likeOf = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The directory covers the HCPN lifecycle: every partner account (已入驻) and every account whose
 * enrolment has not joined yet (草稿 / 审核中 / 审核未通过), so staff find a company at any step.
 * One query over hcpn_applications FULL JOIN partners (both keyed by account), filtered and paged
 * in the database; the counts are correlated sub-queries on indexed columns.
 */
export async function listPartners(ctx: Ctx, q: DirectoryQuery): Promise<{ items: DirectoryRow[]; total: number; page: number; pageSize: number }> {
  requireStaff(ctx, DIRECTORY_ROLES);
  const now = clock.now().toISOString();
  const conds: SQL[] = [];
  const search = q.search?.trim();
  if (search) {
    const like = likeOf(search);
    conds.push(
      or(
        ilike(companies.name, like),
        ilike(companies.uscc, like),
        ilike(partners.displayName, like),
        sql`${hcpnApplications.businessInfo}->>'companyName' ILIKE ${like}`,
        ilike(hcpnApplications.uscc, like),
        ilike(accounts.accountName, like),
        ilike(accounts.enterpriseName, like), // a draft has no business information yet: its verified enterprise name
      )!,
    );
  }
  if (q.path) conds.push(arrayContains(partners.paths, [q.path]));
  if (q.program) conds.push(arrayContains(partners.programs, [q.program]));
  if (q.hcpnStatus === 'joined') conds.push(isNotNull(partners.id));
  else if (q.hcpnStatus) conds.push(and(isNull(partners.id), eq(hcpnApplications.status, q.hcpnStatus))!);
  if (q.joinedFrom) conds.push(gte(partners.joinedAt, q.joinedFrom));
  if (q.joinedTo) conds.push(lt(partners.joinedAt, q.joinedTo));
  const where = conds.length ? and(...conds) : undefined;

  // hcpn_applications FULL JOIN partners: a partner seeded without an enrolment, an enrolment not joined yet, or both
  const joined = sql`coalesce(${partners.accountId}, ${hcpnApplications.accountId})`;
  const [{ total } = { total: 0 }] = await ctx.db
    .select({ total: count() })
    .from(hcpnApplications)
    .fullJoin(partners, eq(partners.accountId, hcpnApplications.accountId))
    .innerJoin(accounts, eq(accounts.id, joined))
    .leftJoin(companies, eq(companies.id, partners.companyId))
    .where(where);
  const found = await ctx.db
    .select({
      partnerId: partners.id,
      companyId: partners.companyId,
      isMainAccount: partners.isMainAccount,
      joinedAt: partners.joinedAt,
      paths: partners.paths,
      programs: partners.programs,
      accountId: accounts.id,
      accountName: accounts.accountName,
      companyName: sql<string | null>`coalesce(${companies.name}, ${hcpnApplications.businessInfo}->>'companyName', ${accounts.enterpriseName})`,
      uscc: sql<string | null>`coalesce(${companies.uscc}, ${hcpnApplications.uscc})`,
      hcpnId: hcpnApplications.id,
      hcpnStatus: hcpnApplications.status,
      hcpnReviewId: hcpnApplications.reviewId,
      // 认证方案: solutions of this account within their validity (认证通过 / 即将到期, R47)
      certifiedSolutions: sql<number>`(SELECT count(*)::int FROM ${cloudSolutions} WHERE ${cloudSolutions.partnerId} = ${partners.id} AND ${cloudSolutions.validUntil} > ${now}::timestamptz)`,
      // 能力标签: level-1 labels held now (as passedLabels counts them)
      passedLabels: sql<number>`(SELECT count(DISTINCT ${capabilityApplications.level1Label})::int FROM ${capabilityApplications} WHERE ${capabilityApplications.partnerId} = ${partners.id} AND ${capabilityApplications.status} = 'passed' AND ${capabilityApplications.validTo} > ${now}::timestamptz AND ${capabilityApplications.validFrom} <= ${now}::timestamptz)`,
    })
    .from(hcpnApplications)
    .fullJoin(partners, eq(partners.accountId, hcpnApplications.accountId))
    .innerJoin(accounts, eq(accounts.id, joined))
    .leftJoin(companies, eq(companies.id, partners.companyId))
    .where(where)
    .orderBy(sql`coalesce(${partners.joinedAt}, ${hcpnApplications.updatedAt}) DESC`, desc(accounts.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);

  const partnerIds = found.map((r) => r.partnerId).filter((id): id is string => id !== null);
  const enrollments = partnerIds.length ? await ctx.db.select().from(pathEnrollments).where(inArray(pathEnrollments.partnerId, partnerIds)) : [];
  const softwareStage = softwareStages(ctx.db);

  const items: DirectoryRow[] = [];
  for (const r of found) {
    const hcpnStatus: HcpnStatus = r.partnerId ? 'joined' : (r.hcpnStatus ?? 'draft');
    items.push({
      partnerId: r.partnerId,
      accountId: r.accountId,
      accountName: r.accountName,
      companyId: r.companyId,
      companyName: r.companyName,
      uscc: r.uscc,
      isMainAccount: r.isMainAccount,
      joinedAt: iso(r.joinedAt),
      hcpnStatus,
      hcpnStatusName: HCPN_STATUS_NAMES[hcpnStatus],
      hcpnApplicationId: r.hcpnId,
      hcpnReviewId: r.hcpnReviewId,
      paths: r.partnerId
        ? await standings({ companyId: r.companyId!, paths: r.paths ?? [] }, enrollments.filter((e) => e.partnerId === r.partnerId), softwareStage)
        : [],
      programs: (r.programs ?? []).map((key) => ({ key, name: programName(key) })),
      certifiedSolutions: Number(r.certifiedSolutions ?? 0),
      passedLabels: Number(r.passedLabels ?? 0),
    });
  }
  return { items, total: Number(total), page: q.page, pageSize: q.pageSize };
}

// ---------------------------------------------------------------------------------------------
// 伙伴详情: one partner's lifecycle

export interface ReviewLink {
  id: string; // review_applications.id → /ops/reviews/:id
  kind: string;
  kindTitle: Text;
  summary: string | null;
  status: ReviewStatus;
  statusName: Text;
  stageName: Text;
  rejectReason: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
}

function reviewLink(ctx: Ctx, app: ReviewApplication): ReviewLink {
  const kind = ctx.deps.reviews.has(app.kind) ? ctx.deps.reviews.get(app.kind) : null;
  const stage = kind?.stages[Math.min(app.stageIndex, kind.stages.length - 1)];
  return {
    id: app.id,
    kind: app.kind,
    kindTitle: kind?.title ?? { zh: app.kind, en: app.kind },
    summary: app.summary,
    status: app.status,
    statusName: kind ? statusName(kind, app.status, app.stageIndex) : { zh: app.status, en: app.status },
    stageName: stage?.name ?? { zh: '-', en: '-' },
    rejectReason: app.rejectReason,
    submittedAt: iso(app.submittedAt),
    decidedAt: iso(app.decidedAt),
  };
}

type AuditPage = Awaited<ReturnType<typeof searchAudit>>;
const auditView = (page: AuditPage) => ({
  total: page.total,
  items: page.items.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    actorKind: e.actorKind,
    actorName: e.actorName,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    ip: e.ip,
    before: e.before,
    after: e.after,
  })),
});

/** Latest audit entries shown in the detail; the page's 操作日志 tab pages on through GET /api/ops/audit?partnerId=. */
export const AUDIT_PREVIEW = 20;

export async function partnerDetail(ctx: Ctx, partnerId: string) {
  requireStaff(ctx, DIRECTORY_ROLES);
  if (!isUuid(partnerId)) throw notFound(PARTNER);
  const [row] = await ctx.db
    .select({ partner: partners, account: accounts, company: companies })
    .from(partners)
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .innerJoin(companies, eq(companies.id, partners.companyId))
    .where(eq(partners.id, partnerId));
  if (!row) throw notFound(PARTNER);
  const { partner, account, company } = row;
  const now = clock.now();

  // 基本信息: the company, its accounts (主账号 first) and the business information it enrolled with
  const siblings = await ctx.db
    .select({ partnerId: partners.id, accountName: accounts.accountName, isMainAccount: partners.isMainAccount, joinedAt: partners.joinedAt })
    .from(partners)
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(eq(partners.companyId, company.id))
    .orderBy(desc(partners.isMainAccount), asc(partners.joinedAt));
  const [members] = await ctx.db.select({ n: count() }).from(orgMembers).where(eq(orgMembers.partnerId, partner.id));

  // 入驻申请: this account's enrolment, its manual reviews and its audit trail (written before the
  // partner existed, so not under the partner id)
  const [hcpn] = await ctx.db.select().from(hcpnApplications).where(eq(hcpnApplications.accountId, account.id));
  // the company's information now (after any 公司信息变更), as the company module reads it
  const { info } = await currentInfo(ctx.db, company.id);
  let enrolment = null;
  if (hcpn) {
    const reviews = await findApplicationsForSubject(ctx.db, { subjectType: HCPN_SUBJECT, subjectId: hcpn.id, kind: HCPN_KIND });
    const trail = await searchAudit(ctx, { objectType: HCPN_SUBJECT, objectId: hcpn.id, page: 1, pageSize: 50 });
    enrolment = {
      id: hcpn.id,
      status: hcpn.status,
      statusName: HCPN_STATUS_NAMES[hcpn.status],
      route: hcpn.status === 'joined' ? (reviews.length ? ('manual' as const) : ('automatic' as const)) : reviews.length ? ('manual' as const) : null,
      manualReviewReasons: (hcpn.autoCheckFailures ?? []).map((k) => AUTO_CHECK_NAMES[k] ?? { zh: k, en: k }),
      linkedExistingCompany: hcpn.linkedExistingCompany,
      sensitiveRelation: hcpn.sensitiveRelation,
      contacts: hcpn.contacts ?? [],
      rejectReason: hcpn.rejectReason,
      submittedAt: iso(hcpn.submittedAt),
      decidedAt: iso(hcpn.decidedAt),
      createdAt: hcpn.createdAt.toISOString(),
      reviews: reviews.map((r) => reviewLink(ctx, r)),
      audit: auditView(trail),
    };
  }

  // 发展路径: standing per path, and the certification applications
  const enrollments = await ctx.db.select().from(pathEnrollments).where(eq(pathEnrollments.partnerId, partner.id));
  const paths = await standings({ companyId: company.id, paths: partner.paths }, enrollments, softwareStages(ctx.db));
  const certifications = (
    await ctx.db.select().from(pathCertifications).where(eq(pathCertifications.partnerId, partner.id)).orderBy(desc(pathCertifications.createdAt))
  ).map((c) => ({
    id: c.id,
    path: c.path,
    pathName: pathName(c.path),
    targetStage: c.targetStage,
    targetStageName: stageName(c.targetStage)!,
    status: c.status,
    statusName: CERTIFICATION_STATUS_NAMES[c.status] ?? { zh: c.status, en: c.status },
    failureReason: c.failureReason,
    reviewId: c.reviewId,
    submittedAt: c.submittedAt.toISOString(),
    decidedAt: iso(c.decidedAt),
  }));

  // 方案与能力: cloud-software solutions with the list's 状态 and validity; capability records and held labels
  const solutions = (await ctx.db.select().from(cloudSolutions).where(eq(cloudSolutions.partnerId, partner.id)).orderBy(desc(cloudSolutions.updatedAt))).map((s) => {
    const status = displayStatus(s, now);
    return {
      id: s.id,
      kind: s.kind,
      kindName: KIND_NAMES[s.kind],
      name: s.name,
      version: s.version,
      source: s.source,
      sourceName: SOURCE_NAMES[s.source],
      displayStatus: status,
      displayStatusName: DISPLAY_STATUS_NAMES[status],
      validFrom: iso(s.validFrom),
      validUntil: iso(s.validUntil),
      reviewId: s.reviewId,
      rejectReason: s.rejectReason,
      updatedAt: s.updatedAt.toISOString(),
    };
  });
  const capabilityRecords = (
    await ctx.db.select().from(capabilityApplications).where(eq(capabilityApplications.partnerId, partner.id)).orderBy(desc(capabilityApplications.appliedAt))
  ).map((c) => ({
    id: c.id,
    level1Label: c.level1Label,
    level1Name: findLevel1(c.level1Label)?.name ?? { zh: c.level1Label, en: c.level1Label },
    status: c.status,
    statusName: CAPABILITY_STATUS_NAMES[c.status],
    appliedAt: c.appliedAt.toISOString(),
    updateDeadline: iso(c.updateDeadline),
    validFrom: iso(c.validFrom),
    validTo: iso(c.validTo),
    reviewId: c.reviewId,
  }));
  const labels = (await passedLabels(ctx.db, partner.id, now)).map((l) => {
    const def = findLevel1(l.level1Label);
    return {
      applicationId: l.applicationId,
      level1Label: l.level1Label,
      name: def?.name ?? { zh: l.level1Label, en: l.level1Label },
      level2: l.level2Labels.map((k) => def?.level2.find((x) => x.key === k)?.name ?? { zh: k, en: k }),
      validFrom: l.validFrom.toISOString(),
      validTo: l.validTo.toISOString(),
    };
  });

  // 待审核: what waits on the vendor (审核中) or on the partner (退回修改), in kinds the viewer can open
  const open: ReviewApplication[] = [];
  let openTotal = 0;
  for (const status of ['in_review', 'returned'] as const) {
    const page = await listQueue(ctx.deps.reviews, ctx, { partnerId: partner.id, status, page: 1, pageSize: 100 });
    open.push(...page.items);
    openTotal += page.total;
  }
  open.sort((a, b) => (b.submittedAt?.getTime() ?? 0) - (a.submittedAt?.getTime() ?? 0));

  // 伙伴计划: the memberships with level, status now and validity (programs module)
  const memberships = (await liveMemberships(ctx.db, partner.id)).map((m) => {
    const status = effectiveStatus(m, now);
    return {
      id: m.id,
      program: m.program,
      name: programName(m.program),
      level: m.level,
      levelName: m.level ? LEVEL_NAMES[m.level] : null,
      status,
      statusName: MEMBERSHIP_STATUS_NAMES[status],
      businessRegion: m.businessRegion,
      joinedAt: m.joinedAt.toISOString(),
      expiresAt: iso(m.expiresAt),
      applicationId: m.applicationId,
    };
  });

  // 商业信息认证: the company's certification and whether settlement is blocked (partners/company)
  const settlement = await settlementCheck(ctx.db, partner.id);

  // 操作日志: the audit module's own search, newest first
  const audit = auditView(await searchAudit(ctx, { partnerId: partner.id, page: 1, pageSize: AUDIT_PREVIEW }));

  return {
    partner: {
      id: partner.id,
      displayName: partner.displayName,
      status: partner.status,
      isMainAccount: partner.isMainAccount,
      joinedAt: partner.joinedAt.toISOString(),
      membersCount: Number(members?.n ?? 0),
      programs: partner.programs.map((key) => ({ key, name: programName(key) })),
    },
    account: {
      id: account.id,
      accountName: account.accountName,
      name: account.name,
      mobile: account.mobile,
      email: account.email,
      realNameStatus: account.realNameStatus,
      enterpriseName: account.enterpriseName,
    },
    company: {
      id: company.id,
      name: company.name,
      uscc: company.uscc,
      createdAt: company.createdAt.toISOString(),
      accounts: siblings.map((s) => ({ ...s, joinedAt: s.joinedAt.toISOString() })),
      // null for a company seeded without an enrolment or a change: nothing but its name is known
      businessInfo: info.basic.licenceFileId || info.basic.taxCode
        ? {
            taxCode: info.basic.taxCode,
            registeredCapital: info.basic.registeredCapital,
            foundedDate: info.basic.foundedDate,
            businessTerm: info.basic.businessTermLongTerm ? '长期' : info.basic.businessTermEnd,
            licenceAddress: info.basic.licenceAddress,
            legalPerson: info.basic.legalPerson,
            businessScope: info.basic.businessScope,
            location: [info.details.province, info.details.city].filter(Boolean).join(' ') || null,
            staffSize: info.details.staffSize,
            annualRevenue: info.details.annualRevenue,
            website: info.details.website,
            companyEmail: info.details.companyEmail,
            intro: info.details.intro,
            licenceFileId: info.basic.licenceFileId,
            contacts: info.contacts,
          }
        : null,
    },
    enrolment,
    paths,
    certifications,
    solutions,
    capabilities: { records: capabilityRecords, labels },
    openReviews: { items: open.map((a) => reviewLink(ctx, a)), total: openTotal },
    audit,
    programMemberships: memberships,
    businessCertification: {
      status: settlement.status,
      statusName: settlement.statusName,
      certified: settlement.certified,
      settlementBlocked: settlement.blocked,
      blockReason: settlement.message,
      currency: settlement.currency,
    },
  };
}

export type PartnerDetail = Awaited<ReturnType<typeof partnerDetail>>;
