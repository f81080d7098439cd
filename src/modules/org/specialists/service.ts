import { randomBytes, randomUUID } from 'node:crypto';
import { and, count, desc, eq, gt, gte, inArray, isNull, like, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../../platform/context.js';
import { actorLabel } from '../../../platform/context.js';
import { inTransaction, isUniqueViolation, rows, type Executor } from '../../../platform/db/index.js';
import { clock, addDays, DAY_MS } from '../../../platform/clock.js';
import { AppError, badRequest, fieldError, notFound, refused } from '../../../platform/errors.js';
import { render, type Text } from '../../../platform/i18n/index.js';
import { P, requireAccount, requirePermission, requireStaff, STAFF_ROLES } from '../../../platform/access/index.js';
import { audit } from '../../../platform/audit/index.js';
import { send } from '../../../platform/notify/index.js';
import { canRead, getFileRecord } from '../../../platform/files/index.js';
import { findOpenApplication, submit, withdraw } from '../../../platform/review/index.js';
import { accounts } from '../../accounts/schema.js';
import { partners } from '../../partners/schema.js';
import { normaliseMobile } from '../../accounts/service.js';
import {
  invitationSends,
  memberBindingHistory,
  memberCertificates,
  memberEmployment,
  memberInvitations,
  memberProjects,
  memberTrainings,
  projectSpecialists,
  type MemberCertificate,
  type MemberEmployment,
  type MemberInvitation,
  type MemberProject,
  type MemberTraining,
  type ProjectSpecialist,
} from './schema.js';
import {
  CANCEL_FILES_MAX,
  CANCEL_REASON_MAX,
  CERTIFICATE_STATUS,
  CERTIFICATE_TYPES,
  DEPLOYMENT_MODES,
  INVITATION_STATUS,
  INVITATION_STATUSES,
  INVITATION_VALID_DAYS,
  INVITES_PER_DAY,
  INVITES_PER_SEND,
  INVITING_PATHS,
  INVITING_PROGRAMS,
  LINKED_STATUSES,
  MANUAL_CERTIFICATE_TYPES,
  MATERIAL_FILES_MAX,
  MAX_PARTNERS_PER_YEAR,
  RESENDABLE_STATUSES,
  SPECIALIST_PATHS,
  SPECIALIST_PATH_KEYS,
  SPECIALIST_STATUS,
  SPECIALIST_STATUSES,
  chinaDate,
  chinaDateStart,
  chinaDayStart,
  effectiveInvitationStatus,
  nameOf,
  projectWindowStart,
  type CertificateType,
  type DeploymentMode,
  type InvitationStatus,
  type SpecialistPath,
  type SpecialistStatus,
  type TargetType,
} from './statuses.js';
import {
  CERTIFICATE,
  MEMBER,
  SPECIALIST,
  assertApplyable,
  assertCancellable,
  isUuid,
  lockInvitation,
  lockSpecialist,
  type ApplyData,
  type CancelData,
  type CertificateData,
} from './transitions.js';
import { MEMBER_CERTIFICATE_KIND, SPECIALIST_APPLY_KIND, SPECIALIST_CANCEL_KIND } from './review-kinds.js';

type Account = typeof accounts.$inferSelect;
type Partner = typeof partners.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Messages (the guide's wording where it has one)

const CHECK_PASSED: Text = { zh: '校验通过', en: 'Check passed' };
const ACCOUNT_NOT_FOUND: Text = { zh: '未找到该华为账号，请核对后重新输入', en: 'No Huawei account matches; check the value and try again' };
const INVALID_MOBILE: Text = { zh: '请输入正确的手机号', en: 'Enter a valid mobile number' };
const INVALID_EMAIL: Text = { zh: '请输入正确的邮箱地址', en: 'Enter a valid e-mail address' };
const INVALID_ACCOUNT_NAME: Text = { zh: '请输入正确的账号名', en: 'Enter a valid account name' };
const SEVERAL_ACCOUNTS: Text = {
  zh: '该手机号/邮箱地址关联了多个账号，请选择需要邀请的账号',
  en: 'Several accounts use this mobile number / e-mail address; choose the account to invite',
};
const CANDIDATE_MISMATCH: Text = { zh: '所选账号与填写的手机号/邮箱地址不匹配', en: 'The chosen account does not match the value entered' };
const DUPLICATE_ROW: Text = { zh: '该成员在本次邀请中重复出现', en: 'This member appears twice in this invitation' };
// R32 a–e (guide L3613–3618, L3902–3906)
const ENTERPRISE_ACCOUNT: Text = { zh: '个人华为账号已实名认证为企业用户，不能邀请', en: 'The account is real-name verified as an enterprise; it cannot be invited' };
const LINKED_ELSEWHERE: Text = { zh: '个人华为账号已被其他伙伴账号成功关联', en: 'The account is already linked to another partner' };
const NOT_VERIFIED: Text = { zh: '个人华为账号未实名认证', en: 'The account is not real-name verified' };
const PARTNER_ACCOUNT: Text = { zh: '个人华为账号为华为云伙伴账号，不能邀请', en: 'The account is a Huawei Cloud partner account; it cannot be invited' };
const TOO_MANY_PARTNERS: Text = {
  zh: '个人华为账号1年内已与3个伙伴关联过',
  en: 'The account has been linked with 3 partners within the last year',
};
const ALREADY_INVITED: Text = {
  zh: '已邀请该成员且邀请仍在有效期内，可在邀请列表中重新发送',
  en: 'This member has a pending invitation; you can resend it from the invitation list',
};
const ALREADY_LINKED: Text = { zh: '该成员已与本伙伴关联', en: 'This member is already linked to your organisation' };
const NO_PATH_FOR_INVITE: Text = {
  zh: '伙伴需加入伙伴发展路径（服务合作伙伴发展路径/数字化转型咨询与系统集成伙伴路径/学习与赋能伙伴发展路径）或计划（分销计划（总经销商）/解决方案提供商计划）后才能邀请成员',
  en: 'Join a development path (service / digital-transformation consulting and SI / learning and enablement) or a plan (distributor / solution provider) before inviting members',
};
const COMMITMENT_REQUIRED: Text = {
  zh: '请阅读并勾选“我承诺并同意”后再发送邀请',
  en: 'Read and tick the commitment ("我承诺并同意") before sending',
};
const PER_SEND_LIMIT: Text = { zh: '单次最多可邀请5位成员', en: 'At most 5 members per invitation' };
const DAILY_LIMIT: Text = {
  zh: '您今日还可邀请{remaining}位成员，本次邀请{requested}位，已超出每日100位的上限',
  en: 'You can invite {remaining} more members today; this invitation has {requested}, over the limit of 100 a day',
};
const ROW_FAILED: Text = { zh: '第{row}行校验未通过：{reason}', en: 'Row {row} did not pass the check: {reason}' };
const NOT_RESENDABLE: Text = {
  zh: '仅可对已邀请、已失效、已解绑的成员重新发送邀请，当前状态为“{status}”',
  en: 'Only invited, expired or unbound members can be invited again; the current status is "{status}"',
};
const UNBIND_SPECIALIST: Text = {
  zh: '不支持项目专员直接与伙伴解绑，须先取消项目专员后再进行解绑操作',
  en: 'A project specialist cannot be unlinked directly; cancel the specialist first, then unlink',
};
const UNBIND_APPLYING: Text = {
  zh: '该成员的项目专员申请审核中，请先撤回申请后再解绑',
  en: "This member's specialist application is under review; withdraw it before unlinking",
};
const NOT_LINKED: Text = {
  zh: '该成员未与伙伴关联，当前状态为“{status}”',
  en: 'This member is not linked to your organisation; the current status is "{status}"',
};
const LINK_EXPIRED: Text = { zh: '链接已失效，请联系管理员重新发送', en: 'The link has expired; ask your administrator to send it again' };
const INVITATION_HANDLED: Text = { zh: '该邀请已处理，当前状态为“{status}”', en: 'This invitation has already been handled; its status is "{status}"' };
const AGREE_REQUIRED: Text = { zh: '请阅读并勾选协议后再关联', en: 'Read and accept the agreement before linking' };
const INELIGIBLE_NOW: Text = { zh: '当前账号不满足关联条件：{reason}', en: 'This account cannot be linked now: {reason}' };
const MEMBER_NOT_LINKED: Text = {
  zh: '您的账号尚未与伙伴关联，请先接受伙伴的关联邀请',
  en: 'Your account is not linked to a partner; accept a partner invitation first',
};
const PATH_REQUIRED: Text = {
  zh: '仅加入服务合作伙伴发展路径/数字化转型咨询与系统集成伙伴路径/学习与赋能伙伴发展路径的伙伴可申请项目专员；分销计划（总经销商）/解决方案提供商计划暂不涉及项目专员申请',
  en: 'Only partners on the service, DTCSI or learning path can apply for project specialists; the distributor and solution-provider plans do not include them',
};
const PATH_NOT_JOINED: Text = { zh: '伙伴未加入所选路径“{path}”', en: 'Your organisation has not joined the chosen path "{path}"' };
const DEPLOYMENT_REQUIRED: Text = {
  zh: '申请服务合作伙伴发展路径项目专员，请选择人员部署方式（全国调派/代表处驻扎）',
  en: 'For the service path, choose the deployment mode (nationwide / stationed at a representative office)',
};
const MATERIALS_REQUIRED: Text = { zh: '请上传申请专员审核材料', en: 'Upload the review materials' };
const TOO_MANY_FILES: Text = { zh: '上传附件数量不超过{max}个', en: 'At most {max} files' };
const FILE_INVALID: Text = { zh: '附件不存在或不可用，请重新上传', en: 'A file is missing or cannot be used; upload it again' };
const REASON_REQUIRED: Text = { zh: '请输入取消该成员项目专员原因', en: 'Enter the reason for cancelling this specialist' };
const REASON_TOO_LONG: Text = { zh: '原因不能超过500个字符', en: 'The reason must be at most 500 characters' };
const NOT_IN_REVIEW_APPLY: Text = { zh: '仅审核中的项目专员申请可撤回', en: 'Only an application under review can be withdrawn' };
const NOT_IN_REVIEW_CANCEL: Text = { zh: '仅取消专员审核中的申请可撤销', en: 'Only a cancellation under review can be revoked' };
const WORK_BASE_LOCKED: Text = {
  zh: '工作常驻地提交后不可手动修改，如需修改请联系生态经理',
  en: 'The work base cannot be changed after submission; contact your ecosystem manager to change it',
};
const PROJECT_WINDOW: Text = {
  zh: '仅可录入近24个月内参与的华为云项目',
  en: 'Only Huawei Cloud projects of the last 24 months can be entered',
};
const PROJECT_DATES: Text = { zh: '交付结束时间不能早于交付启动时间', en: 'The delivery end cannot be before its start' };
const PROJECT_FUTURE: Text = { zh: '交付启动时间不能晚于今天', en: 'The delivery start cannot be in the future' };
const VENDOR_PROJECT: Text = {
  zh: '由华为方为成员生成的项目记录，成员无法进行操作，如需修改，请联系生态经理',
  en: 'Records created by the vendor cannot be changed; contact your ecosystem manager',
};
const SYNCED_CERTIFICATE: Text = {
  zh: '开发者认证证书及专业认证证书无需手工上传，伙伴中心已同步云学堂数据',
  en: 'Developer and specialty certificates are synced from the learning platform; do not upload them',
};
const CERT_NOT_VALID: Text = { zh: '手工上传的证书必须处于有效期内', en: 'An uploaded certificate must be within its validity period' };
const CERT_IN_REVIEW: Text = { zh: '证书审核中，审核完成后才能修改', en: 'The certificate is under review; edit it after the decision' };
const DATE_ORDER: Text = { zh: '生效日期不能晚于失效日期', en: 'The start of validity cannot be after its end' };
const DASHBOARD_RANGE: Text = { zh: '统计区间不能超过366天', en: 'The period can be at most 366 days' };

// ---------------------------------------------------------------------------------------------
// Small helpers

const now = () => clock.now();
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const tr = (ctx: Ctx, t: Text, params?: Record<string, unknown>) => render(t, ctx.lang, params);

async function lockKey(tx: Executor, key: string): Promise<void> {
  // A transaction-scoped advisory lock: serialises one partner's sends (daily limit) or one
  // employee's accepts (one binding at a time) without locking other modules' rows.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

async function partnerRow(ex: Executor, partnerId: string): Promise<Partner> {
  const [p] = await ex.select().from(partners).where(eq(partners.id, partnerId));
  if (!p) throw notFound({ zh: '伙伴', en: 'Partner' });
  return p;
}

async function accountRow(ex: Executor, accountId: string): Promise<Account | undefined> {
  const [a] = await ex.select().from(accounts).where(eq(accounts.id, accountId));
  return a;
}

/** One of this partner's invitations; another partner's reads as missing (tenancy). */
async function ownInvitation(ex: Executor, partnerId: string, id: string, forUpdate = false): Promise<MemberInvitation> {
  const row = forUpdate
    ? await lockInvitation(ex, id)
    : isUuid(id)
      ? (await ex.select().from(memberInvitations).where(eq(memberInvitations.id, id)))[0]
      : undefined;
  if (!row || row.partnerId !== partnerId) throw notFound(MEMBER);
  return row;
}

async function ownSpecialist(ex: Executor, partnerId: string, id: string): Promise<ProjectSpecialist> {
  const [row] = isUuid(id) ? await ex.select().from(projectSpecialists).where(eq(projectSpecialists.id, id)) : [];
  if (!row || row.partnerId !== partnerId) throw notFound(SPECIALIST);
  return row;
}

/** Files the caller uploaded for this purpose (the purpose enforces the guide's types and sizes). */
async function requireFiles(ctx: Ctx, ex: Executor, field: string, ids: readonly string[], purposes: readonly string[]): Promise<void> {
  for (const id of ids) {
    const f = await getFileRecord(ex, id);
    if (!f || !canRead(ctx, f) || !purposes.includes(f.purpose)) throw fieldError(field, 'org.file-invalid', FILE_INVALID);
  }
}

function paging(input: { page?: number; pageSize?: number }) {
  const page = Math.max(1, Math.floor(input.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(input.pageSize ?? 10)));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

function maskMiddle(s: string, keepStart: number, keepEnd: number): string {
  if (s.length <= keepStart + keepEnd) return `${s.slice(0, 1)}***`;
  return `${s.slice(0, keepStart)}***${s.slice(s.length - keepEnd)}`;
}
const maskEmail = (e: string | null) => {
  if (!e) return null;
  const [user, domain] = e.split('@');
  return `${maskMiddle(user ?? '', 2, 0)}@${domain ?? ''}`;
};

/** The SQL form of the lazily-evaluated status (已邀请 past its deadline is 已失效). */
function statusIs(status: InvitationStatus, at: Date): SQL {
  if (status === 'invited') return and(eq(memberInvitations.status, 'invited'), gt(memberInvitations.expiresAt, at))!;
  if (status === 'expired') {
    return or(eq(memberInvitations.status, 'expired'), and(eq(memberInvitations.status, 'invited'), lte(memberInvitations.expiresAt, at)))!;
  }
  return eq(memberInvitations.status, status);
}

// ---------------------------------------------------------------------------------------------
// Eligibility (R32) and target resolution

/** The first of R32 (a)–(e) the account fails for this partner, or null. */
async function eligibilityProblem(ex: Executor, partnerId: string, account: Account): Promise<Text | null> {
  if (account.realNameType === 'enterprise') return ENTERPRISE_ACCOUNT; // (a)
  const [elsewhere] = await ex
    .select({ id: memberInvitations.id })
    .from(memberInvitations)
    .where(
      and(
        eq(memberInvitations.accountId, account.id),
        ne(memberInvitations.partnerId, partnerId),
        inArray(memberInvitations.status, [...LINKED_STATUSES]),
      ),
    )
    .limit(1);
  if (elsewhere) return LINKED_ELSEWHERE; // (b)
  if (account.realNameStatus !== 'verified') return NOT_VERIFIED; // (c)
  const [isPartner] = await ex.select({ id: partners.id }).from(partners).where(eq(partners.accountId, account.id)).limit(1);
  if (isPartner) return PARTNER_ACCOUNT; // (d)
  // (e) 1年内未与3个伙伴关联过: distinct other partners bound within the last year (re-linking one of them adds none)
  const yearAgo = addDays(now(), -365);
  const [{ partnersLinked } = { partnersLinked: 0 }] = await ex
    .select({ partnersLinked: sql<number>`count(distinct ${memberBindingHistory.partnerId})::int` })
    .from(memberBindingHistory)
    .where(
      and(
        eq(memberBindingHistory.accountId, account.id),
        ne(memberBindingHistory.partnerId, partnerId),
        gte(memberBindingHistory.boundAt, yearAgo),
      ),
    );
  if (Number(partnersLinked) >= MAX_PARTNERS_PER_YEAR) return TOO_MANY_PARTNERS;
  return null;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Accounts a target may mean. A mobile without country code matches that number in every country. */
async function findAccounts(ex: Executor, type: TargetType, raw: string): Promise<Account[] | Text> {
  const value = raw.trim();
  if (type === 'accountName') {
    if (!value || value.length > 64) return INVALID_ACCOUNT_NAME;
    return ex.select().from(accounts).where(eq(accounts.accountName, value));
  }
  if (type === 'email') {
    if (!EMAIL_RE.test(value)) return INVALID_EMAIL;
    return ex
      .select()
      .from(accounts)
      .where(sql`lower(${accounts.email}) = lower(${value})`)
      .orderBy(accounts.createdAt);
  }
  const compact = value.replace(/[\s-]/g, '');
  if (compact.startsWith('+')) {
    if (!/^\+\d{6,18}$/.test(compact)) return INVALID_MOBILE;
    return ex.select().from(accounts).where(eq(accounts.mobile, normaliseMobile(compact)));
  }
  if (!/^\d{5,15}$/.test(compact)) return INVALID_MOBILE;
  return ex
    .select()
    .from(accounts)
    .where(or(eq(accounts.mobile, `+86-${compact}`), like(accounts.mobile, `%-${compact}`)))
    .orderBy(accounts.createdAt);
}

export interface InviteTarget {
  type: TargetType;
  value: string;
  accountId?: string;
}

export interface CandidateView {
  accountId: string;
  accountName: string; // masked
  name: string | null; // masked
  mobile: string; // masked
  email: string | null; // masked
}

export interface CheckResult {
  ok: boolean;
  message: string;
  code: string | null; // stable reason code when not ok
  accountId?: string;
  candidates?: CandidateView[];
}

interface RowCheck {
  ok: boolean;
  text: Text;
  code: string | null;
  account?: Account;
  candidates?: Account[];
}

/** One row of the 邀请成员 dialog: resolve, then R32 and this partner's own invitation. */
async function checkRow(ex: Executor, partnerId: string, target: InviteTarget, at: Date): Promise<RowCheck> {
  const found = await findAccounts(ex, target.type, target.value);
  if (!Array.isArray(found)) return { ok: false, text: found, code: 'org.invitation.invalid-target' };
  if (found.length === 0) return { ok: false, text: ACCOUNT_NOT_FOUND, code: 'org.invitation.account-not-found' };
  let account: Account;
  if (target.accountId) {
    const chosen = found.find((a) => a.id === target.accountId);
    if (!chosen) return { ok: false, text: CANDIDATE_MISMATCH, code: 'org.invitation.candidate-mismatch', candidates: found.length > 1 ? found : undefined };
    account = chosen;
  } else if (found.length > 1) {
    return { ok: false, text: SEVERAL_ACCOUNTS, code: 'org.invitation.choose-account', candidates: found };
  } else account = found[0]!;

  const problem = await eligibilityProblem(ex, partnerId, account);
  if (problem) return { ok: false, text: problem, code: 'org.invitation.ineligible', account };
  const [mine] = await ex
    .select()
    .from(memberInvitations)
    .where(and(eq(memberInvitations.partnerId, partnerId), eq(memberInvitations.accountId, account.id)));
  if (mine) {
    const status = effectiveInvitationStatus(mine, at);
    if (status === 'invited') return { ok: false, text: ALREADY_INVITED, code: 'org.invitation.already-invited', account };
    if (LINKED_STATUSES.includes(status)) return { ok: false, text: ALREADY_LINKED, code: 'org.invitation.already-linked', account };
  }
  return { ok: true, text: CHECK_PASSED, code: null, account };
}

async function checkRows(ex: Executor, partnerId: string, targets: readonly InviteTarget[]): Promise<RowCheck[]> {
  const at = now();
  const seen = new Set<string>();
  const out: RowCheck[] = [];
  for (const t of targets) {
    const r = await checkRow(ex, partnerId, t, at);
    if (r.ok && r.account) {
      if (seen.has(r.account.id)) {
        out.push({ ok: false, text: DUPLICATE_ROW, code: 'org.invitation.duplicate', account: r.account });
        continue;
      }
      seen.add(r.account.id);
    }
    out.push(r);
  }
  return out;
}

const candidateView = (a: Account): CandidateView => ({
  accountId: a.id,
  accountName: maskMiddle(a.accountName, 2, 1),
  name: a.name ? maskMiddle(a.name, 1, 0) : null,
  mobile: maskMiddle(a.mobile, 7, 4),
  email: maskEmail(a.email),
});

/** R33: the partner has joined a path (service / DTCSI / learning) or a plan (distributor / solution provider). */
function mayInvite(p: Partner): boolean {
  return p.paths.some((x) => INVITING_PATHS.includes(x)) || p.programs.some((x) => INVITING_PROGRAMS.includes(x));
}

// ---------------------------------------------------------------------------------------------
// Views

export interface MemberInfoView {
  accountId: string;
  accountName: string;
  name: string | null;
  mobile: string;
  email: string | null;
}

export interface InvitationView {
  id: string;
  targetType: TargetType;
  targetValue: string;
  status: InvitationStatus;
  statusName: string;
  invitedAt: string;
  expiresAt: string;
  boundAt: string | null;
  unboundAt: string | null;
  applyRejectReason: string | null;
  /** Shared with the partner only while linked (guide L3929: 姓名，账号名，手机号码，电子邮箱). */
  member: MemberInfoView | null;
  specialist: { id: string; status: SpecialistStatus; statusName: string } | null;
  applicationId: string | null; // the open 申请项目专员 application (查看详情 → 审核进度)
}

const memberInfo = (a: Pick<Account, 'id' | 'accountName' | 'name' | 'mobile' | 'email'>): MemberInfoView => ({
  accountId: a.id,
  accountName: a.accountName,
  name: a.name,
  mobile: a.mobile,
  email: a.email,
});

async function invitationViews(ex: Executor, list: MemberInvitation[]): Promise<InvitationView[]> {
  if (list.length === 0) return [];
  const at = now();
  const ids = list.map((i) => i.id);
  const accountRows = await ex
    .select()
    .from(accounts)
    .where(inArray(accounts.id, [...new Set(list.map((i) => i.accountId))]));
  const byAccount = new Map(accountRows.map((a) => [a.id, a]));
  const live = await ex
    .select()
    .from(projectSpecialists)
    .where(and(inArray(projectSpecialists.invitationId, ids), ne(projectSpecialists.status, 'ended')));
  const liveBy = new Map(live.map((s) => [s.invitationId, s]));
  const apps = await rows<{ id: string; subject_id: string }>(
    ex,
    sql`select id, subject_id from review_applications
        where kind = ${SPECIALIST_APPLY_KIND} and subject_type = 'org_invitation' and status <> 'approved'
          and subject_id in (${sql.join(
            ids.map((i) => sql`${i}::uuid`),
            sql`, `,
          )})`,
  );
  const appBy = new Map(apps.map((a) => [a.subject_id, a.id]));
  return list.map((i) => {
    const status = effectiveInvitationStatus(i, at);
    const acct = byAccount.get(i.accountId);
    const sp = liveBy.get(i.id);
    return {
      id: i.id,
      targetType: i.targetType,
      targetValue: i.targetValue,
      status,
      statusName: INVITATION_STATUS[status].zh,
      invitedAt: i.invitedAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      boundAt: iso(i.boundAt),
      unboundAt: iso(i.unboundAt),
      applyRejectReason: status === 'apply_rejected' ? i.applyRejectReason : null,
      member: acct && LINKED_STATUSES.includes(status) ? memberInfo(acct) : null,
      specialist: sp ? { id: sp.id, status: sp.status as SpecialistStatus, statusName: nameOf(SPECIALIST_STATUS, sp.status).zh } : null,
      applicationId: appBy.get(i.id) ?? null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Invitations: the partner administrator (组织 > 项目专员 > 邀请列表)

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export async function listInvitations(
  ctx: Ctx,
  input: { status?: InvitationStatus; page?: number; pageSize?: number } = {},
): Promise<Page<InvitationView>> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  const { page, pageSize, offset } = paging(input);
  const conds: SQL[] = [eq(memberInvitations.partnerId, actor.partnerId)];
  if (input.status) conds.push(statusIs(input.status, now()));
  const where = and(...conds);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(memberInvitations).where(where);
  const list = await ctx.db
    .select()
    .from(memberInvitations)
    .where(where)
    .orderBy(desc(memberInvitations.invitedAt), desc(memberInvitations.id))
    .limit(pageSize)
    .offset(offset);
  return { items: await invitationViews(ctx.db, list), total: Number(total), page, pageSize };
}

async function sentToday(ex: Executor, partnerId: string): Promise<number> {
  const [{ n } = { n: 0 }] = await ex
    .select({ n: count() })
    .from(invitationSends)
    .where(and(eq(invitationSends.partnerId, partnerId), gte(invitationSends.sentAt, chinaDayStart(now()))));
  return Number(n);
}

/**
 * 您今日还可邀请N位成员. The limit is the partner's (its administrator's): members acting for the
 * partner share it, so adding members cannot multiply it. Resends count (each sends a link).
 */
export async function invitationQuota(ctx: Ctx): Promise<{ remainingToday: number }> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  return { remainingToday: Math.max(0, INVITES_PER_DAY - (await sentToday(ctx.db, actor.partnerId))) };
}

export async function checkInvitationTargets(ctx: Ctx, input: { targets: InviteTarget[] }): Promise<{ results: CheckResult[] }> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  if (input.targets.length === 0 || input.targets.length > INVITES_PER_SEND) throw fieldError('targets', 'org.invitation.per-send', PER_SEND_LIMIT);
  const checks = await checkRows(ctx.db, actor.partnerId, input.targets);
  return {
    results: checks.map((c) => ({
      ok: c.ok,
      message: tr(ctx, c.text),
      code: c.code,
      ...(c.account ? { accountId: c.account.id } : {}),
      ...(c.candidates ? { candidates: c.candidates.map(candidateView) } : {}),
    })),
  };
}

function acceptLink(ctx: Ctx, inv: { id: string; token: string }): string {
  return `${ctx.deps.publicUrl}/partner/me/invitations/${inv.id}?token=${inv.token}`;
}

/** 站内信 + e-mail with the link (guide L3657: 华为云将给校验成功的华为账号发送站内信及邮件). */
async function notifyInvitee(tx: Executor, ctx: Ctx, partner: Partner, account: Account, inv: MemberInvitation): Promise<void> {
  const link = acceptLink(ctx, inv);
  const expires = chinaDate(inv.expiresAt);
  const message = {
    template: 'org.member-invitation',
    subject: `${partner.displayName}邀请您关联伙伴账号`,
    body: `${partner.displayName}邀请您的个人华为账号关联其伙伴账号。请在${expires}前点击链接完成关联：${link}。关联后您的姓名、账号名、手机号码、电子邮箱及云学堂的学习、考试、证书记录将与公司共享。`,
    data: { invitationId: inv.id, partnerId: partner.id, partnerName: partner.displayName, link, expiresAt: inv.expiresAt.toISOString() },
  };
  await send(tx, { ...message, channel: 'site', to: { kind: 'account', id: account.id } });
  if (account.email) await send(tx, { ...message, channel: 'email', to: { kind: 'account', id: account.id }, address: account.email });
}

const newToken = () => randomBytes(24).toString('base64url');

async function recordSend(tx: Executor, actor: PartnerActor, inv: MemberInvitation): Promise<void> {
  const who = actorLabel(actor);
  await tx.insert(invitationSends).values({ partnerId: actor.partnerId, invitationId: inv.id, sentByKind: who.kind, sentById: who.id!, sentAt: now() });
}

async function requireQuota(tx: Executor, partnerId: string, requested: number): Promise<void> {
  await lockKey(tx, `org.invitations:${partnerId}`);
  const remaining = Math.max(0, INVITES_PER_DAY - (await sentToday(tx, partnerId)));
  if (requested > remaining) throw refused('org.invitation.daily-limit', DAILY_LIMIT, { remaining, requested });
}

/** 发送邀请 (guide 5.2.1.1): every row must pass the check; creates 已邀请 rows valid 7 days. */
export async function sendInvitations(
  ctx: Ctx,
  input: { targets: InviteTarget[]; commitment: boolean },
): Promise<{ invitations: InvitationView[] }> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  if (input.commitment !== true) throw fieldError('commitment', 'org.invitation.commitment-required', COMMITMENT_REQUIRED);
  if (input.targets.length === 0 || input.targets.length > INVITES_PER_SEND) throw fieldError('targets', 'org.invitation.per-send', PER_SEND_LIMIT);

  try {
    return await inTransaction(ctx.db, async (tx) => {
      const partner = await partnerRow(tx, actor.partnerId);
      if (!mayInvite(partner)) throw refused('org.invitation.no-path', NO_PATH_FOR_INVITE);
      await requireQuota(tx, partner.id, input.targets.length);
      const checks = await checkRows(tx, partner.id, input.targets);
      const failed = checks.findIndex((c) => !c.ok);
      if (failed >= 0) {
        throw refused('org.invitation.check-failed', ROW_FAILED, { row: failed + 1, reason: checks[failed]!.text, reasonCode: checks[failed]!.code });
      }
      const at = now();
      const who = actorLabel(actor);
      const sent: MemberInvitation[] = [];
      for (const [i, c] of checks.entries()) {
        const account = c.account!;
        const target = input.targets[i]!;
        const values = {
          invitedByKind: who.kind,
          invitedById: who.id!,
          targetType: target.type,
          targetValue: target.value.trim(),
          status: 'invited',
          statusBeforeApply: null,
          applyRejectReason: null,
          token: newToken(),
          invitedAt: at,
          expiresAt: addDays(at, INVITATION_VALID_DAYS),
          updatedAt: at,
        };
        // One row per (partner, account): an expired or unbound member's row is invited again.
        const [inv] = await tx
          .insert(memberInvitations)
          .values({ ...values, partnerId: partner.id, accountId: account.id, createdAt: at })
          .onConflictDoUpdate({ target: [memberInvitations.partnerId, memberInvitations.accountId], set: values })
          .returning();
        await recordSend(tx, actor, inv!);
        await notifyInvitee(tx, ctx, partner, account, inv!);
        await audit(tx, ctx, {
          action: 'org.invitation.sent',
          objectType: 'member_invitation',
          objectId: inv!.id,
          after: { accountId: account.id, targetType: inv!.targetType, expiresAt: inv!.expiresAt },
        });
        sent.push(inv!);
      }
      return { invitations: await invitationViews(tx, sent) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('org.invitation.already-invited', ALREADY_INVITED);
    throw err;
  }
}

/** 重新发送 (L3635, L3668): a new 7-day link for an expired, unbound or not-yet-accepted invitation. */
export async function resendInvitation(ctx: Ctx, id: string): Promise<InvitationView> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  return inTransaction(ctx.db, async (tx) => {
    const partner = await partnerRow(tx, actor.partnerId);
    if (!mayInvite(partner)) throw refused('org.invitation.no-path', NO_PATH_FOR_INVITE);
    const inv = await ownInvitation(tx, partner.id, id, true);
    const status = effectiveInvitationStatus(inv, now());
    if (!RESENDABLE_STATUSES.includes(status)) throw refused('org.invitation.not-resendable', NOT_RESENDABLE, { status: INVITATION_STATUS[status] });
    await requireQuota(tx, partner.id, 1);
    const account = await accountRow(tx, inv.accountId);
    if (!account) throw notFound(MEMBER);
    const problem = await eligibilityProblem(tx, partner.id, account);
    if (problem) throw refused('org.invitation.ineligible', problem);
    const at = now();
    const [next] = await tx
      .update(memberInvitations)
      .set({ status: 'invited', token: newToken(), invitedAt: at, expiresAt: addDays(at, INVITATION_VALID_DAYS), updatedAt: at })
      .where(eq(memberInvitations.id, inv.id))
      .returning();
    await recordSend(tx, actor, next!);
    await notifyInvitee(tx, ctx, partner, account, next!);
    await audit(tx, ctx, {
      action: 'org.invitation.resent',
      objectType: 'member_invitation',
      objectId: inv.id,
      before: { status },
      after: { status: 'invited', expiresAt: next!.expiresAt },
    });
    return (await invitationViews(tx, [next!]))[0]!;
  });
}

/**
 * 已邀请 → 已失效 after 7 days, for the daily job. Reads already treat an overdue invitation as
 * expired, so this only makes the stored status catch up. Returns how many rows changed.
 */
export async function expireInvitations(ex: Executor): Promise<number> {
  const at = now();
  const changed = await ex
    .update(memberInvitations)
    .set({ status: 'expired', updatedAt: at })
    .where(and(eq(memberInvitations.status, 'invited'), lte(memberInvitations.expiresAt, at)))
    .returning({ id: memberInvitations.id });
  return changed.length;
}

/** 解除绑定 (5.2.1.5): not for a specialist (R39); the member stops sharing data with the partner. */
export async function unbindMember(ctx: Ctx, id: string): Promise<InvitationView> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  return inTransaction(ctx.db, async (tx) => {
    const inv = await ownInvitation(tx, actor.partnerId, id, true);
    const status = effectiveInvitationStatus(inv, now());
    if (status === 'applying') throw refused('org.invitation.unbind-applying', UNBIND_APPLYING);
    if (!LINKED_STATUSES.includes(status)) throw refused('org.invitation.not-linked', NOT_LINKED, { status: INVITATION_STATUS[status] });
    const [sp] = await tx
      .select({ id: projectSpecialists.id })
      .from(projectSpecialists)
      .where(and(eq(projectSpecialists.invitationId, inv.id), ne(projectSpecialists.status, 'ended')))
      .for('update');
    if (sp) throw refused('org.invitation.unbind-specialist', UNBIND_SPECIALIST);
    const at = now();
    const [next] = await tx
      .update(memberInvitations)
      .set({ status: 'unbound', unboundAt: at, statusBeforeApply: null, updatedAt: at })
      .where(eq(memberInvitations.id, inv.id))
      .returning();
    await tx
      .update(memberBindingHistory)
      .set({ unboundAt: at })
      .where(and(eq(memberBindingHistory.invitationId, inv.id), isNull(memberBindingHistory.unboundAt)));
    await audit(tx, ctx, { action: 'org.invitation.unbound', objectType: 'member_invitation', objectId: inv.id, before: { status }, after: { status: 'unbound' } });
    return (await invitationViews(tx, [next!]))[0]!;
  });
}

// ---------------------------------------------------------------------------------------------
// Qualification records (成员个人资质信息)

export interface EmploymentView {
  employer: string | null;
  workBase: string | null;
  proofFileId: string | null;
  submittedAt: string | null;
  updatedAt: string;
  /** R40: the member may no longer change the work base. */
  workBaseLocked: boolean;
}

export interface ProjectView {
  id: string;
  name: string;
  deliveryStart: string;
  deliveryEnd: string;
  role: string;
  source: 'member' | 'vendor';
  editable: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CertificateView {
  id: string;
  type: CertificateType;
  typeName: string;
  source: 'member' | 'sync';
  name: string;
  number: string;
  validFrom: string;
  validTo: string;
  fileId: string | null;
  status: string;
  statusName: string;
  rejectReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TrainingView {
  id: string;
  kind: string;
  name: string;
  result: string | null;
  score: number | null;
  completedAt: string;
  syncedAt: string;
}

export interface QualificationView {
  member: MemberInfoView;
  employment: EmploymentView | null;
  certificates: CertificateView[];
  trainings: TrainingView[];
  projects: ProjectView[];
}

const employmentView = (e: MemberEmployment): EmploymentView => ({
  employer: e.employer,
  workBase: e.workBase,
  proofFileId: e.proofFileId,
  submittedAt: iso(e.submittedAt),
  updatedAt: e.updatedAt.toISOString(),
  workBaseLocked: Boolean(e.workBase?.trim()),
});

const projectView = (p: MemberProject): ProjectView => ({
  id: p.id,
  name: p.name,
  deliveryStart: p.deliveryStart,
  deliveryEnd: p.deliveryEnd,
  role: p.role,
  source: p.source as 'member' | 'vendor',
  editable: p.source === 'member',
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

const certificateView = (c: MemberCertificate): CertificateView => ({
  id: c.id,
  type: c.type as CertificateType,
  typeName: nameOf(CERTIFICATE_TYPES, c.type).zh,
  source: c.source as 'member' | 'sync',
  name: c.name,
  number: c.number,
  validFrom: c.validFrom,
  validTo: c.validTo,
  fileId: c.fileId,
  status: c.status,
  statusName: nameOf(CERTIFICATE_STATUS, c.status).zh,
  rejectReason: c.status === 'rejected' ? c.rejectReason : null,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

const trainingView = (t: MemberTraining): TrainingView => ({
  id: t.id,
  kind: t.kind,
  name: t.name,
  result: t.result,
  score: t.score,
  completedAt: t.completedAt.toISOString(),
  syncedAt: t.syncedAt.toISOString(),
});

async function readEmployment(ex: Executor, accountId: string): Promise<MemberEmployment | undefined> {
  const [row] = await ex.select().from(memberEmployment).where(eq(memberEmployment.accountId, accountId));
  return row;
}

/** Projects of the last 24 months (R41): older ones drop out of the record. */
async function readProjects(ex: Executor, accountId: string): Promise<MemberProject[]> {
  return ex
    .select()
    .from(memberProjects)
    .where(and(eq(memberProjects.accountId, accountId), gte(memberProjects.deliveryEnd, projectWindowStart(now()))))
    .orderBy(desc(memberProjects.deliveryEnd), desc(memberProjects.id));
}

async function readCertificates(ex: Executor, accountId: string): Promise<MemberCertificate[]> {
  return ex.select().from(memberCertificates).where(eq(memberCertificates.accountId, accountId)).orderBy(desc(memberCertificates.createdAt));
}

async function readTrainings(ex: Executor, accountId: string): Promise<MemberTraining[]> {
  return ex.select().from(memberTrainings).where(eq(memberTrainings.accountId, accountId)).orderBy(desc(memberTrainings.completedAt));
}

/** 查看详情 of a linked member (5.2.1.2): employment, certificates, training, projects. */
export async function memberQualification(ctx: Ctx, invitationId: string): Promise<QualificationView> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  const inv = await ownInvitation(ctx.db, actor.partnerId, invitationId);
  const status = effectiveInvitationStatus(inv, now());
  // After unlinking the personal account no longer shares its information (R39).
  if (!LINKED_STATUSES.includes(status)) throw refused('org.invitation.not-linked', NOT_LINKED, { status: INVITATION_STATUS[status] });
  const account = await accountRow(ctx.db, inv.accountId);
  if (!account) throw notFound(MEMBER);
  const employment = await readEmployment(ctx.db, inv.accountId);
  return {
    member: memberInfo(account),
    employment: employment ? employmentView(employment) : null,
    certificates: (await readCertificates(ctx.db, inv.accountId)).map(certificateView),
    trainings: (await readTrainings(ctx.db, inv.accountId)).map(trainingView),
    projects: (await readProjects(ctx.db, inv.accountId)).map(projectView),
  };
}

const WORK_BASE_MAX = 100;
function cleanWorkBase(v: string, field = 'workBase'): string {
  const s = v.trim();
  if (!s) throw fieldError(field, 'org.work-base-required', { zh: '请选择工作常驻地', en: 'Choose the work base' });
  if (s.length > WORK_BASE_MAX) throw fieldError(field, 'org.work-base-too-long', { zh: '工作常驻地不能超过100个字符', en: 'The work base must be at most 100 characters' });
  return s;
}

/** 伙伴管理员可以根据成员实际社保归属地对其工作常驻地进行修改 (L3717, R40). */
export async function updateMemberWorkBase(ctx: Ctx, invitationId: string, input: { workBase: string }): Promise<EmploymentView> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  const workBase = cleanWorkBase(input.workBase);
  return inTransaction(ctx.db, async (tx) => {
    const inv = await ownInvitation(tx, actor.partnerId, invitationId, true);
    const status = effectiveInvitationStatus(inv, now());
    if (!LINKED_STATUSES.includes(status)) throw refused('org.invitation.not-linked', NOT_LINKED, { status: INVITATION_STATUS[status] });
    const before = await readEmployment(tx, inv.accountId);
    const at = now();
    const who = actorLabel(actor);
    const [row] = await tx
      .insert(memberEmployment)
      .values({ accountId: inv.accountId, workBase, workBaseUpdatedByKind: who.kind, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({ target: memberEmployment.accountId, set: { workBase, workBaseUpdatedByKind: who.kind, updatedAt: at } })
      .returning();
    // A live specialist's work base follows the maintained one (the dashboard counts it).
    await tx
      .update(projectSpecialists)
      .set({ workBase, updatedAt: at })
      .where(and(eq(projectSpecialists.invitationId, inv.id), ne(projectSpecialists.status, 'ended')));
    await audit(tx, ctx, {
      action: 'org.member.work-base-updated',
      objectType: 'member_employment',
      objectId: inv.accountId,
      before: { workBase: before?.workBase ?? null },
      after: { workBase },
    });
    return employmentView(row!);
  });
}

// ---------------------------------------------------------------------------------------------
// Project specialists (项目专员列表)

export interface SpecialistView {
  id: string;
  invitationId: string;
  accountId: string;
  accountName: string; // 账号名
  name: string | null; // 姓名
  mobile: string; // 注册手机
  email: string | null; // 注册邮箱
  path: SpecialistPath; // 所属路径/计划
  pathName: string;
  deploymentMode: DeploymentMode | null;
  deploymentModeName: string | null;
  workBase: string | null;
  status: SpecialistStatus;
  statusName: string;
  approvedAt: string; // 审核通过时间
  startDate: string; // 开始日期
  endDate: string | null; // 结束日期
  updatedAt: string; // 最近更新时间
  cancelReason: string | null;
  cancelRejectReason: string | null;
  cancelApplicationId: string | null;
}

export async function listSpecialists(
  ctx: Ctx,
  input: { status?: SpecialistStatus; page?: number; pageSize?: number } = {},
): Promise<Page<SpecialistView>> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  const { page, pageSize, offset } = paging(input);
  const conds: SQL[] = [eq(projectSpecialists.partnerId, actor.partnerId)];
  // The list shows current specialists; finished periods only when asked for.
  conds.push(input.status ? eq(projectSpecialists.status, input.status) : ne(projectSpecialists.status, 'ended'));
  const where = and(...conds);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(projectSpecialists).where(where);
  const list = await ctx.db
    .select({ sp: projectSpecialists, acct: accounts })
    .from(projectSpecialists)
    .innerJoin(accounts, eq(accounts.id, projectSpecialists.accountId))
    .where(where)
    .orderBy(desc(projectSpecialists.updatedAt), desc(projectSpecialists.id))
    .limit(pageSize)
    .offset(offset);
  const openCancel = list.length
    ? await rows<{ id: string; subject_id: string }>(
        ctx.db,
        sql`select id, subject_id from review_applications
            where kind = ${SPECIALIST_CANCEL_KIND} and subject_type = 'project_specialist' and status = 'in_review'
              and subject_id in (${sql.join(
                list.map((r) => sql`${r.sp.id}::uuid`),
                sql`, `,
              )})`,
      )
    : [];
  const cancelBy = new Map(openCancel.map((r) => [r.subject_id, r.id]));
  return {
    items: list.map(({ sp, acct }) => specialistView(sp, acct, cancelBy.get(sp.id) ?? null)),
    total: Number(total),
    page,
    pageSize,
  };
}

function specialistView(sp: ProjectSpecialist, acct: Account, cancelApplicationId: string | null): SpecialistView {
  return {
    id: sp.id,
    invitationId: sp.invitationId,
    accountId: acct.id,
    accountName: acct.accountName,
    name: acct.name,
    mobile: acct.mobile,
    email: acct.email,
    path: sp.path as SpecialistPath,
    pathName: nameOf(SPECIALIST_PATHS, sp.path).zh,
    deploymentMode: (sp.deploymentMode as DeploymentMode | null) ?? null,
    deploymentModeName: sp.deploymentMode ? nameOf(DEPLOYMENT_MODES, sp.deploymentMode).zh : null,
    workBase: sp.workBase,
    status: sp.status as SpecialistStatus,
    statusName: nameOf(SPECIALIST_STATUS, sp.status).zh,
    approvedAt: sp.approvedAt.toISOString(),
    startDate: sp.startDate,
    endDate: sp.endDate,
    updatedAt: sp.updatedAt.toISOString(),
    cancelReason: sp.cancelReason,
    cancelRejectReason: sp.status === 'cancel_rejected' ? sp.cancelRejectReason : null,
    cancelApplicationId,
  };
}

async function specialistViewById(ex: Executor, id: string): Promise<SpecialistView> {
  const [r] = await ex
    .select({ sp: projectSpecialists, acct: accounts })
    .from(projectSpecialists)
    .innerJoin(accounts, eq(accounts.id, projectSpecialists.accountId))
    .where(eq(projectSpecialists.id, id));
  if (!r) throw notFound(SPECIALIST);
  const open = await findOpenApplication(ex, { kind: SPECIALIST_CANCEL_KIND, subjectType: 'project_specialist', subjectId: id });
  return specialistView(r.sp, r.acct, open?.status === 'in_review' ? open.id : null);
}

export interface ApplyInput {
  invitationIds: string[];
  path: SpecialistPath;
  materialFileIds: string[];
  deploymentMode?: DeploymentMode | null;
  workBase?: string | null;
}

/**
 * 申请项目专员 (5.2.1.3), single or batch. Every member is checked first, so a batch with one
 * unsuitable member submits nothing; each member then gets its own application (one review each).
 */
export async function applyForSpecialists(
  ctx: Ctx,
  input: ApplyInput,
): Promise<{ results: { invitationId: string; applicationId: string; status: InvitationStatus; statusName: string }[] }> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  const partner = await partnerRow(ctx.db, actor.partnerId);
  const joined = partner.paths.filter((p): p is SpecialistPath => (SPECIALIST_PATH_KEYS as string[]).includes(p));
  if (joined.length === 0) throw refused('org.specialist.path-required', PATH_REQUIRED); // R35
  if (!joined.includes(input.path)) throw refused('org.specialist.path-not-joined', PATH_NOT_JOINED, { path: SPECIALIST_PATHS[input.path] });
  const deploymentMode = input.path === 'service' ? (input.deploymentMode ?? null) : null;
  if (input.path === 'service' && !deploymentMode) throw fieldError('deploymentMode', 'org.specialist.deployment-required', DEPLOYMENT_REQUIRED); // R36
  const workBase = input.workBase?.trim() ? cleanWorkBase(input.workBase) : null;
  const ids = [...new Set(input.invitationIds)];
  if (ids.length === 0) throw fieldError('invitationIds', 'org.specialist.members-required', { zh: '请选择成员', en: 'Choose members' });
  if (input.materialFileIds.length === 0) throw fieldError('materialFileIds', 'org.specialist.materials-required', MATERIALS_REQUIRED);
  if (input.materialFileIds.length > MATERIAL_FILES_MAX) {
    throw new AppError(400, 'org.specialist.too-many-files', TOO_MANY_FILES, { max: MATERIAL_FILES_MAX }, { materialFileIds: TOO_MANY_FILES });
  }
  await requireFiles(ctx, ctx.db, 'materialFileIds', input.materialFileIds, ['specialist-material', 'attachment']);

  const members: { inv: MemberInvitation; account: Account }[] = [];
  for (const id of ids) {
    const inv = await ownInvitation(ctx.db, partner.id, id);
    await assertApplyable(ctx.db, inv);
    const account = await accountRow(ctx.db, inv.accountId);
    if (!account) throw notFound(MEMBER);
    members.push({ inv, account });
  }

  const results = [];
  for (const { inv, account } of members) {
    const data: ApplyData = { path: input.path, deploymentMode, workBase, materialFileIds: input.materialFileIds, accountId: account.id };
    const app = await submit(ctx.deps.reviews, ctx, {
      kind: SPECIALIST_APPLY_KIND,
      subjectType: 'org_invitation',
      subjectId: inv.id,
      data: { ...data, accountName: account.accountName, name: account.name, pathName: SPECIALIST_PATHS[input.path].zh },
      summary: `${partner.displayName} · ${account.name ?? account.accountName} · ${SPECIALIST_PATHS[input.path].zh}`,
      attachments: input.materialFileIds.map((fileId) => ({ fileId, label: '申请专员审核材料' })),
    });
    results.push({ invitationId: inv.id, applicationId: app.id, status: 'applying' as const, statusName: INVITATION_STATUS.applying.zh });
  }
  return { results };
}

/** 撤回 (R37): before approval the administrator takes the application back to change it. */
export async function withdrawSpecialistApplication(ctx: Ctx, invitationId: string): Promise<InvitationView> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  const inv = await ownInvitation(ctx.db, actor.partnerId, invitationId);
  const app = await findOpenApplication(ctx.db, { kind: SPECIALIST_APPLY_KIND, subjectType: 'org_invitation', subjectId: inv.id });
  if (!app || app.status !== 'in_review') throw refused('org.specialist.not-in-review', NOT_IN_REVIEW_APPLY);
  await withdraw(ctx.deps.reviews, ctx, app.id);
  const [next] = await ctx.db.select().from(memberInvitations).where(eq(memberInvitations.id, inv.id));
  return (await invitationViews(ctx.db, [next!]))[0]!;
}

function cleanReason(reason: string): string {
  const r = reason.trim();
  if (!r) throw fieldError('reason', 'org.specialist.reason-required', REASON_REQUIRED);
  if ([...r].length > CANCEL_REASON_MAX) throw fieldError('reason', 'org.specialist.reason-too-long', REASON_TOO_LONG);
  return r;
}

/** 取消项目专员 (5.2.1.4, R38): reason ≤500 and ≤10 files → 取消专员审核中, reviewed by the vendor. */
export async function requestSpecialistCancel(ctx: Ctx, specialistId: string, input: { reason: string; fileIds: string[] }): Promise<SpecialistView> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  const reason = cleanReason(input.reason);
  const fileIds = [...new Set(input.fileIds)];
  if (fileIds.length > CANCEL_FILES_MAX) {
    throw new AppError(400, 'org.specialist.too-many-files', TOO_MANY_FILES, { max: CANCEL_FILES_MAX }, { fileIds: TOO_MANY_FILES });
  }
  // The purpose 'specialist-cancel' is what limits each file to 50 MB and the guide's types.
  await requireFiles(ctx, ctx.db, 'fileIds', fileIds, ['specialist-cancel']);
  const sp = await ownSpecialist(ctx.db, actor.partnerId, specialistId);
  assertCancellable(sp);
  const account = await accountRow(ctx.db, sp.accountId);
  const partner = await partnerRow(ctx.db, actor.partnerId);
  const data: CancelData = { reason, fileIds };
  await submit(ctx.deps.reviews, ctx, {
    kind: SPECIALIST_CANCEL_KIND,
    subjectType: 'project_specialist',
    subjectId: sp.id,
    data: { ...data, accountName: account?.accountName ?? null, name: account?.name ?? null, path: sp.path },
    summary: `${partner.displayName} · ${account?.name ?? account?.accountName ?? ''} · 取消项目专员`,
    attachments: fileIds.map((fileId) => ({ fileId, label: '取消项目专员附件' })),
  });
  return specialistViewById(ctx.db, sp.id);
}

/** 撤销申请: the cancellation under review is taken back; the specialist stays 正常. */
export async function revokeSpecialistCancel(ctx: Ctx, specialistId: string): Promise<SpecialistView> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  const sp = await ownSpecialist(ctx.db, actor.partnerId, specialistId);
  const app = await findOpenApplication(ctx.db, { kind: SPECIALIST_CANCEL_KIND, subjectType: 'project_specialist', subjectId: sp.id });
  if (!app || app.status !== 'in_review') throw refused('org.specialist.cancel-not-in-review', NOT_IN_REVIEW_CANCEL);
  await withdraw(ctx.deps.reviews, ctx, app.id);
  return specialistViewById(ctx.db, sp.id);
}

/** 取消专员（华为方操作）: the vendor ends a specialist itself; its own decision needs no further review. */
export async function vendorCancelSpecialist(ctx: Ctx, specialistId: string, input: { reason: string }): Promise<SpecialistView> {
  requireStaff(ctx, [STAFF_ROLES.reviewer, STAFF_ROLES.ecosystemManager]);
  const reason = cleanReason(input.reason);
  return inTransaction(ctx.db, async (tx) => {
    const sp = await lockSpecialist(tx, specialistId);
    if (!sp) throw notFound(SPECIALIST);
    // A partner's cancellation under review is decided through the review instead.
    assertCancellable(sp);
    const inv = await lockInvitation(tx, sp.invitationId);
    if (!inv) throw notFound(MEMBER);
    const at = now();
    await tx
      .update(projectSpecialists)
      .set({ status: 'ended', endDate: chinaDate(at), endedBy: 'vendor', cancelReason: reason, updatedAt: at })
      .where(eq(projectSpecialists.id, sp.id));
    await tx.update(memberInvitations).set({ status: 'cancelled_by_vendor', updatedAt: at }).where(eq(memberInvitations.id, inv.id));
    await audit(tx, ctx, {
      action: 'org.specialist.vendor-cancelled',
      objectType: 'project_specialist',
      objectId: sp.id,
      partnerId: sp.partnerId,
      before: { status: sp.status },
      after: { status: 'ended', reason },
    });
    const account = await accountRow(tx, sp.accountId);
    await send(tx, {
      channel: 'site',
      to: { kind: 'partner', id: sp.partnerId },
      template: 'org.specialist-vendor-cancelled',
      subject: '项目专员已被华为方取消',
      body: `华为方已取消成员${account?.name ?? account?.accountName ?? ''}的项目专员资格，原因：${reason}`,
      data: { specialistId: sp.id, invitationId: inv.id, reason },
    });
    return specialistViewById(tx, sp.id);
  });
}

// ---------------------------------------------------------------------------------------------
// Dashboard (查看项目专员数据看板)

export interface DashboardView {
  from: string;
  to: string;
  trend: { date: string; binds: number; unbinds: number }[];
  invitationCounts: { status: InvitationStatus; statusName: string; count: number }[];
  specialistCounts: { status: SpecialistStatus; statusName: string; count: number }[];
  regions: { workBase: string; count: number }[];
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export async function specialistDashboard(ctx: Ctx, input: { from?: string; to?: string } = {}): Promise<DashboardView> {
  const actor = requirePermission(ctx, P.orgSpecialists);
  const at = now();
  const to = input.to ?? chinaDate(at);
  const from = input.from ?? chinaDate(addDays(chinaDateStart(to), -29));
  if (!DATE_RE.test(from) || !DATE_RE.test(to) || from > to) {
    throw badRequest('org.dashboard.bad-range', { zh: '请选择正确的统计区间', en: 'Choose a valid period' });
  }
  const start = chinaDateStart(from);
  const end = addDays(chinaDateStart(to), 1);
  const days = Math.round((end.getTime() - start.getTime()) / DAY_MS);
  if (days > 366) throw badRequest('org.dashboard.range-too-long', DASHBOARD_RANGE);

  const partnerId = actor.partnerId;
  const dayOf = (col: SQL) => sql<string>`to_char((${col} + interval '8 hours') at time zone 'UTC', 'YYYY-MM-DD')`;
  const binds = await rows<{ d: string; n: number }>(
    ctx.db,
    sql`select ${dayOf(sql`bound_at`)} as d, count(*)::int as n from member_binding_history
        where partner_id = ${partnerId} and bound_at >= ${start} and bound_at < ${end} group by 1`,
  );
  const unbinds = await rows<{ d: string; n: number }>(
    ctx.db,
    sql`select ${dayOf(sql`unbound_at`)} as d, count(*)::int as n from member_binding_history
        where partner_id = ${partnerId} and unbound_at >= ${start} and unbound_at < ${end} group by 1`,
  );
  const bindsBy = new Map(binds.map((r) => [r.d, Number(r.n)]));
  const unbindsBy = new Map(unbinds.map((r) => [r.d, Number(r.n)]));
  const trend = [];
  for (let i = 0; i < days; i++) {
    const d = chinaDate(addDays(start, i));
    trend.push({ date: d, binds: bindsBy.get(d) ?? 0, unbinds: unbindsBy.get(d) ?? 0 });
  }

  const inv = await rows<{ s: string; n: number }>(
    ctx.db,
    sql`select case when status = 'invited' and expires_at <= ${at} then 'expired' else status end as s, count(*)::int as n
        from member_invitations where partner_id = ${partnerId} group by 1`,
  );
  const invBy = new Map(inv.map((r) => [r.s, Number(r.n)]));
  const sps = await rows<{ s: string; n: number }>(
    ctx.db,
    sql`select status as s, count(*)::int as n from project_specialists where partner_id = ${partnerId} and status <> 'ended' group by 1`,
  );
  const spBy = new Map(sps.map((r) => [r.s, Number(r.n)]));
  // 全部专员分布 by the work base the specialists maintain (employment record first).
  const regions = await rows<{ w: string; n: number }>(
    ctx.db,
    sql`select coalesce(nullif(trim(e.work_base), ''), nullif(trim(s.work_base), ''), '未填写') as w, count(*)::int as n
        from project_specialists s left join member_employment e on e.account_id = s.account_id
        where s.partner_id = ${partnerId} and s.status <> 'ended' group by 1 order by 2 desc, 1`,
  );
  return {
    from,
    to,
    trend,
    invitationCounts: INVITATION_STATUSES.map((s) => ({ status: s, statusName: INVITATION_STATUS[s].zh, count: invBy.get(s) ?? 0 })),
    specialistCounts: SPECIALIST_STATUSES.filter((s) => s !== 'ended').map((s) => ({
      status: s,
      statusName: SPECIALIST_STATUS[s].zh,
      count: spBy.get(s) ?? 0,
    })),
    regions: regions.map((r) => ({ workBase: r.w, count: Number(r.n) })),
  };
}

// ---------------------------------------------------------------------------------------------
// The employee's personal account (5.2.2)

export interface MyInvitationView {
  id: string;
  partnerName: string;
  status: InvitationStatus;
  statusName: string;
  invitedAt: string;
  expiresAt: string;
  boundAt: string | null;
}

export async function listMyInvitations(ctx: Ctx): Promise<MyInvitationView[]> {
  const actor = requireAccount(ctx);
  const at = now();
  const list = await ctx.db
    .select({ inv: memberInvitations, partnerName: partners.displayName })
    .from(memberInvitations)
    .innerJoin(partners, eq(partners.id, memberInvitations.partnerId))
    .where(eq(memberInvitations.accountId, actor.accountId))
    .orderBy(desc(memberInvitations.invitedAt));
  return list.map(({ inv, partnerName }) => {
    const status = effectiveInvitationStatus(inv, at);
    return {
      id: inv.id,
      partnerName,
      status,
      statusName: INVITATION_STATUS[status].zh,
      invitedAt: inv.invitedAt.toISOString(),
      expiresAt: inv.expiresAt.toISOString(),
      boundAt: iso(inv.boundAt),
    };
  });
}

/**
 * 接受伙伴邀请 (5.2.2.1): the account must still be eligible (R32); accepting one partner expires the
 * employee's other pending invitations (R34). Accepts of one employee are serialised, so two at once
 * leave exactly one binding.
 */
export async function acceptInvitation(ctx: Ctx, id: string, input: { agree: boolean }): Promise<MyInvitationView> {
  const actor = requireAccount(ctx);
  if (input.agree !== true) throw fieldError('agree', 'org.invitation.agree-required', AGREE_REQUIRED);
  return inTransaction(ctx.db, async (tx) => {
    await lockKey(tx, `org.member:${actor.accountId}`);
    const inv = await lockInvitation(tx, id);
    if (!inv || inv.accountId !== actor.accountId) throw notFound({ zh: '邀请', en: 'Invitation' });
    const at = now();
    const status = effectiveInvitationStatus(inv, at);
    if (status === 'expired') throw refused('org.invitation.expired', LINK_EXPIRED);
    if (status !== 'invited') throw refused('org.invitation.handled', INVITATION_HANDLED, { status: INVITATION_STATUS[status] });
    const account = await accountRow(tx, actor.accountId);
    if (!account) throw notFound({ zh: '账号', en: 'Account' });
    const problem = await eligibilityProblem(tx, inv.partnerId, account);
    if (problem) throw refused('org.invitation.ineligible', INELIGIBLE_NOW, { reason: problem });

    await tx
      .update(memberInvitations)
      .set({ status: 'bound', boundAt: at, unboundAt: null, updatedAt: at })
      .where(eq(memberInvitations.id, inv.id));
    // R34: 接受一个伙伴的关联后，则其他邀请链接自动失效
    await tx
      .update(memberInvitations)
      .set({ status: 'expired', updatedAt: at })
      .where(and(eq(memberInvitations.accountId, actor.accountId), ne(memberInvitations.id, inv.id), eq(memberInvitations.status, 'invited')));
    await tx.insert(memberBindingHistory).values({ accountId: actor.accountId, partnerId: inv.partnerId, invitationId: inv.id, boundAt: at });
    await audit(tx, ctx, {
      action: 'org.invitation.accepted',
      objectType: 'member_invitation',
      objectId: inv.id,
      partnerId: inv.partnerId,
      before: { status },
      after: { status: 'bound' },
    });
    await send(tx, {
      channel: 'site',
      to: { kind: 'partner', id: inv.partnerId },
      template: 'org.member-invitation-accepted',
      subject: '成员已接受关联邀请',
      body: `成员${account.name ?? account.accountName}已接受关联邀请，请通知成员例行维护个人资质信息。`,
      data: { invitationId: inv.id, accountId: account.id },
    });
    const [partner] = await tx.select({ name: partners.displayName }).from(partners).where(eq(partners.id, inv.partnerId));
    return {
      id: inv.id,
      partnerName: partner?.name ?? '',
      status: 'bound' as const,
      statusName: INVITATION_STATUS.bound.zh,
      invitedAt: inv.invitedAt.toISOString(),
      expiresAt: inv.expiresAt.toISOString(),
      boundAt: at.toISOString(),
    };
  });
}

/** The member's qualification pages are for linked members (maintained in the partner centre). */
async function requireLinkedAccount(ctx: Ctx): Promise<string> {
  const actor = requireAccount(ctx);
  const [linked] = await ctx.db
    .select({ id: memberInvitations.id })
    .from(memberInvitations)
    .where(and(eq(memberInvitations.accountId, actor.accountId), inArray(memberInvitations.status, [...LINKED_STATUSES])))
    .limit(1);
  if (!linked) throw refused('org.member.not-linked', MEMBER_NOT_LINKED);
  return actor.accountId;
}

export async function getMyEmployment(ctx: Ctx): Promise<EmploymentView | null> {
  const accountId = await requireLinkedAccount(ctx);
  const row = await readEmployment(ctx.db, accountId);
  return row ? employmentView(row) : null;
}

/** 填写就职信息 (5.2.2.2): employer, proof and work base required; the work base is then locked (R40). */
export async function saveMyEmployment(ctx: Ctx, input: { employer: string; workBase: string; proofFileId: string }): Promise<EmploymentView> {
  const accountId = await requireLinkedAccount(ctx);
  const employer = input.employer.trim();
  if (!employer) throw fieldError('employer', 'org.employment.employer-required', { zh: '请填写就职单位', en: 'Enter your employer' });
  const workBase = cleanWorkBase(input.workBase);
  await requireFiles(ctx, ctx.db, 'proofFileId', [input.proofFileId], ['employment-proof']);
  return inTransaction(ctx.db, async (tx) => {
    const [existing] = await tx.select().from(memberEmployment).where(eq(memberEmployment.accountId, accountId)).for('update');
    if (existing?.workBase?.trim() && existing.workBase !== workBase) throw refused('org.employment.work-base-locked', WORK_BASE_LOCKED);
    const at = now();
    const [row] = await tx
      .insert(memberEmployment)
      .values({ accountId, employer, workBase, proofFileId: input.proofFileId, submittedAt: at, workBaseUpdatedByKind: 'account', createdAt: at, updatedAt: at })
      .onConflictDoUpdate({
        target: memberEmployment.accountId,
        set: {
          employer,
          workBase,
          proofFileId: input.proofFileId,
          submittedAt: existing?.submittedAt ?? at,
          ...(existing?.workBase ? {} : { workBaseUpdatedByKind: 'account' }),
          updatedAt: at,
        },
      })
      .returning();
    await audit(tx, ctx, {
      action: 'org.member.employment-saved',
      objectType: 'member_employment',
      objectId: accountId,
      before: existing ? { employer: existing.employer, workBase: existing.workBase } : undefined,
      after: { employer, workBase },
    });
    return employmentView(row!);
  });
}

export async function listMyProjects(ctx: Ctx): Promise<ProjectView[]> {
  const accountId = await requireLinkedAccount(ctx);
  return (await readProjects(ctx.db, accountId)).map(projectView);
}

export interface ProjectInput {
  name: string;
  deliveryStart: string;
  deliveryEnd: string;
  role: string;
}

/** R41: a Huawei Cloud project the member took part in within the last 24 months. */
function cleanProject(input: ProjectInput): ProjectInput {
  const name = input.name.trim();
  const role = input.role.trim();
  if (!name) throw fieldError('name', 'org.project.name-required', { zh: '请填写项目名称', en: 'Enter the project name' });
  if (!role) throw fieldError('role', 'org.project.role-required', { zh: '请填写项目角色', en: 'Enter the project role' });
  if (input.deliveryEnd < input.deliveryStart) throw fieldError('deliveryEnd', 'org.project.dates', PROJECT_DATES);
  if (input.deliveryStart > chinaDate(now())) throw fieldError('deliveryStart', 'org.project.future', PROJECT_FUTURE);
  if (input.deliveryEnd < projectWindowStart(now())) throw refused('org.project.too-old', PROJECT_WINDOW);
  return { name, role, deliveryStart: input.deliveryStart, deliveryEnd: input.deliveryEnd };
}

export async function addMyProject(ctx: Ctx, input: ProjectInput): Promise<ProjectView> {
  const accountId = await requireLinkedAccount(ctx);
  const p = cleanProject(input);
  return inTransaction(ctx.db, async (tx) => {
    const at = now();
    const [row] = await tx.insert(memberProjects).values({ accountId, ...p, source: 'member', createdAt: at, updatedAt: at }).returning();
    await audit(tx, ctx, { action: 'org.member.project-added', objectType: 'member_project', objectId: row!.id, after: p });
    return projectView(row!);
  });
}

async function ownProject(ex: Executor, accountId: string, id: string, forUpdate = false): Promise<MemberProject> {
  const q = ex.select().from(memberProjects).where(eq(memberProjects.id, id));
  const [row] = isUuid(id) ? (forUpdate ? await q.for('update') : await q) : [];
  if (!row || row.accountId !== accountId) throw notFound({ zh: '项目', en: 'Project' });
  if (row.source !== 'member') throw refused('org.project.vendor-record', VENDOR_PROJECT); // R41
  return row;
}

export async function updateMyProject(ctx: Ctx, id: string, input: ProjectInput): Promise<ProjectView> {
  const accountId = requireAccount(ctx).accountId;
  await ownProject(ctx.db, accountId, id); // someone else's record reads as missing, linked or not
  await requireLinkedAccount(ctx);
  const p = cleanProject(input);
  return inTransaction(ctx.db, async (tx) => {
    const before = await ownProject(tx, accountId, id, true);
    const [row] = await tx.update(memberProjects).set({ ...p, updatedAt: now() }).where(eq(memberProjects.id, before.id)).returning();
    await audit(tx, ctx, { action: 'org.member.project-updated', objectType: 'member_project', objectId: id, before, after: p });
    return projectView(row!);
  });
}

export async function deleteMyProject(ctx: Ctx, id: string): Promise<void> {
  const accountId = requireAccount(ctx).accountId;
  await ownProject(ctx.db, accountId, id);
  await requireLinkedAccount(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const before = await ownProject(tx, accountId, id, true);
    await tx.delete(memberProjects).where(eq(memberProjects.id, before.id));
    await audit(tx, ctx, { action: 'org.member.project-deleted', objectType: 'member_project', objectId: id, before });
  });
}

/** A project record the vendor keeps for a member (华为方生成); read-only for the member (R41). */
export async function addVendorProject(ctx: Ctx, accountId: string, input: ProjectInput): Promise<ProjectView> {
  requireStaff(ctx, [STAFF_ROLES.ecosystemManager]);
  const p = cleanProject(input);
  return inTransaction(ctx.db, async (tx) => {
    if (!(await accountRow(tx, accountId))) throw notFound({ zh: '账号', en: 'Account' });
    const at = now();
    const [row] = await tx.insert(memberProjects).values({ accountId, ...p, source: 'vendor', createdAt: at, updatedAt: at }).returning();
    await audit(tx, ctx, { action: 'org.member.vendor-project-added', objectType: 'member_project', objectId: row!.id, after: { accountId, ...p } });
    return projectView(row!);
  });
}

export async function listMyCertificates(ctx: Ctx): Promise<CertificateView[]> {
  const accountId = await requireLinkedAccount(ctx);
  return (await readCertificates(ctx.db, accountId)).map(certificateView);
}

export interface CertificateInput {
  type: string;
  name: string;
  number: string;
  validFrom: string;
  validTo: string;
  fileId: string;
}

/** R42: only 职业认证 / 其他类, within validity now. */
async function cleanCertificate(ctx: Ctx, input: CertificateInput): Promise<CertificateData> {
  if (!(MANUAL_CERTIFICATE_TYPES as readonly string[]).includes(input.type)) throw refused('org.certificate.synced-type', SYNCED_CERTIFICATE);
  const name = input.name.trim();
  const number = input.number.trim();
  if (!name) throw fieldError('name', 'org.certificate.name-required', { zh: '请填写证书名称', en: 'Enter the certificate name' });
  if (!number) throw fieldError('number', 'org.certificate.number-required', { zh: '请填写证书编号', en: 'Enter the certificate number' });
  if (input.validFrom > input.validTo) throw fieldError('validTo', 'org.certificate.dates', DATE_ORDER);
  const today = chinaDate(now());
  if (input.validFrom > today || input.validTo < today) throw refused('org.certificate.not-valid', CERT_NOT_VALID);
  await requireFiles(ctx, ctx.db, 'fileId', [input.fileId], ['certificate']);
  return { type: input.type, name, number, validFrom: input.validFrom, validTo: input.validTo, fileId: input.fileId };
}

async function submitCertificate(ctx: Ctx, certificateId: string, data: CertificateData): Promise<CertificateView> {
  await submit(ctx.deps.reviews, ctx, {
    kind: MEMBER_CERTIFICATE_KIND,
    subjectType: 'member_certificate',
    subjectId: certificateId,
    data: { ...data },
    summary: `${data.name} · ${data.number}`,
    attachments: data.fileId ? [{ fileId: data.fileId, label: '证书' }] : [],
  });
  const [row] = await ctx.db.select().from(memberCertificates).where(eq(memberCertificates.id, certificateId));
  return certificateView(row!);
}

/** 添加证书 (5.2.2.4) → 审核中, reviewed by the vendor. */
export async function addMyCertificate(ctx: Ctx, input: CertificateInput): Promise<CertificateView> {
  await requireLinkedAccount(ctx);
  const data = await cleanCertificate(ctx, input);
  return submitCertificate(ctx, randomUUID(), data);
}

/** Editing: an approved certificate goes back to 审核中 (审核通过的证书修改信息后须重新提交审核). */
export async function updateMyCertificate(ctx: Ctx, id: string, input: Partial<CertificateInput>): Promise<CertificateView> {
  const accountId = requireAccount(ctx).accountId;
  const [row] = isUuid(id) ? await ctx.db.select().from(memberCertificates).where(eq(memberCertificates.id, id)) : [];
  if (!row || row.accountId !== accountId) throw notFound(CERTIFICATE);
  await requireLinkedAccount(ctx);
  if (row.source !== 'member') throw refused('org.certificate.synced-type', SYNCED_CERTIFICATE);
  if (row.status === 'in_review') throw refused('org.certificate.in-review', CERT_IN_REVIEW);
  const data = await cleanCertificate(ctx, {
    type: input.type ?? row.type,
    name: input.name ?? row.name,
    number: input.number ?? row.number,
    validFrom: input.validFrom ?? row.validFrom,
    validTo: input.validTo ?? row.validTo,
    fileId: input.fileId ?? row.fileId ?? '',
  });
  return submitCertificate(ctx, row.id, data);
}

export async function listMyTrainings(ctx: Ctx): Promise<TrainingView[]> {
  const accountId = await requireLinkedAccount(ctx);
  return (await readTrainings(ctx.db, accountId)).map(trainingView);
}

// ---------------------------------------------------------------------------------------------
// For other modules (R30: vouchers / cloud labs need linked members; FH needs specialists)

/** Is the account linked to the partner (已绑定 or any later state short of unbinding)? */
export async function isLinkedMember(ex: Executor, partnerId: string, accountId: string): Promise<boolean> {
  const [row] = await ex
    .select({ id: memberInvitations.id })
    .from(memberInvitations)
    .where(
      and(eq(memberInvitations.partnerId, partnerId), eq(memberInvitations.accountId, accountId), inArray(memberInvitations.status, [...LINKED_STATUSES])),
    );
  return Boolean(row);
}

/** Is the account a current project specialist of the partner (正常, or a cancellation still pending)? */
export async function isProjectSpecialist(ex: Executor, partnerId: string, accountId: string): Promise<boolean> {
  const [row] = await ex
    .select({ id: projectSpecialists.id })
    .from(projectSpecialists)
    .where(and(eq(projectSpecialists.partnerId, partnerId), eq(projectSpecialists.accountId, accountId), ne(projectSpecialists.status, 'ended')));
  return Boolean(row);
}
