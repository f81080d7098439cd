import { chinaDateTime, chinaYear } from '../../platform/china-time.js';
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { inTransaction, isUniqueViolation, type Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { audit } from '../../platform/audit/index.js';
import { AppError, notFound, refused } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { P, requirePartnerAdmin, requirePermission } from '../../platform/access/index.js';
import { submit as submitReview } from '../../platform/review/index.js';
import { isUuid } from '../../platform/ids.js';
import { companies, partners } from '../partners/schema.js';
import { LEVEL_METRIC_NAMES, LEVEL_NAMES, LEVEL_REQUIREMENTS, levelRank, type LevelMetric } from './catalogue.js';
import { certificationCounts } from './certifications.js';
import { roleCertifiedAccounts } from './facts.js';
import { effectiveStatus } from './memberships.js';
import { UPGRADE_KIND, UPGRADE_SUBJECT } from './review-kinds.js';
import { levelUpgrades, programMemberships, programScorecards, type Level, type LevelUpgrade, type ProgramMembership, type UpgradeSnapshotRow } from './schema.js';

/**
 * 申请提升合作伙伴等级 (spec 01 §2.13, §3.6, op 16, R27): 标准 → 优选 → 领先 → 核心. The page shows each
 * requirement with the partner's figures (积分卡填报数据); "提交申请" only when every item is 已达标,
 * and the figures are frozen into the application (伙伴提交申请时填报积分卡填报数据快照).
 */

const t = (zh: string, en: string): Text => ({ zh, en });

const NOT_SOLUTION_PROVIDER: Text = t('您的账号未加入解决方案提供商计划', 'Your account is not in the solution provider plan');
const TOP_LEVEL: Text = t('您已是最高等级（核心）', 'You are already at the highest level (Core)');
const NOT_HIGHER: Text = t('请选择高于当前等级的目标等级', 'Choose a level above the current one');
const NOT_MET: Text = t('申请信息要求项均达标后才能提交申请', 'Every requirement must be met before you can submit');
const IN_REVIEW: Text = t('等级提升申请正在审核中', 'A level upgrade is already under review');
const UPGRADE: Text = t('等级提升申请', 'Level upgrade application');
/** R27 (L1874): the precondition shown under "查看原因". */
export const ROLE_PRECONDITION: Text = t(
  '解决方案提供商伙伴计划提升等级时，同一公司下必须有一个账号已加入伙伴发展路径（软件合作伙伴发展路径/服务合作伙伴发展路径/数字化转型咨询与系统集成伙伴发展路径）且完成角色认证，才能进行等级提升。',
  'To upgrade, an account of the same company must be on the software, service or SI path and have completed role certification.',
);
const REVIEW_NOTE: Text = t('我们将在3个工作日内尽快审核完成，请耐心等待。', 'We will complete the review within 3 working days.');

const PATH_NAMES: Record<string, Text> = {
  software: t('软件合作伙伴', 'Software partner'),
  service: t('服务合作伙伴', 'Service partner'),
  si: t('数字化转型咨询与系统集成合作伙伴', 'SI partner'),
};

const dateTime = chinaDateTime;

/** "2888万" from CNY. */
function wan(cny: string | number): string {
  const n = Number(cny) / 10_000;
  return `${Number.isInteger(n) ? n : n.toFixed(2)}万`;
}

async function solutionProviderMembership(ex: Executor, partnerId: string, forUpdate = false): Promise<ProgramMembership> {
  const q = ex
    .select()
    .from(programMemberships)
    .where(and(eq(programMemberships.partnerId, partnerId), eq(programMemberships.program, 'solution_provider'), ne(programMemberships.status, 'ended')));
  const [m] = forUpdate ? await q.for('update') : await q;
  if (!m || effectiveStatus(m) !== 'active') throw refused('programs.not-solution-provider', NOT_SOLUTION_PROVIDER);
  return m;
}

/** The requirement rows for a target level, from the partner's current figures. */
export async function upgradeRows(ex: Executor, partnerId: string, target: Level): Promise<UpgradeSnapshotRow[]> {
  const now = clock.now();
  const req = LEVEL_REQUIREMENTS[target];
  const [card] = await ex
    .select()
    .from(programScorecards)
    .where(and(eq(programScorecards.partnerId, partnerId), eq(programScorecards.program, 'solution_provider'), eq(programScorecards.year, chinaYear(now))));
  const certs = await certificationCounts(ex, partnerId, now);
  const [p] = await ex.select({ companyId: partners.companyId }).from(partners).where(eq(partners.id, partnerId));
  const roles = await roleCertifiedAccounts(ex, p!.companyId);
  const cardTime = card ? dateTime(card.updatedAt) : dateTime(now);
  const certTime = `${certs.dataDate.replaceAll('-', '/')} 23:59:59`;
  const perf = card?.annualPerformance ?? '0';
  const users = card?.effectiveUsers ?? 0;
  const role = roles[0];
  const row = (key: LevelMetric, dataTime: string, achieved: string, achievedValue: string, required: string, met: boolean): UpgradeSnapshotRow => ({ key, dataTime, achieved, achievedValue, required, met });
  return [
    row('annualPerformance', cardTime, wan(perf), perf, wan(req.annualPerformance), Number(perf) >= req.annualPerformance),
    row('effectiveUsers', cardTime, `${users}个`, String(users), `${req.effectiveUsers}个`, users >= req.effectiveUsers),
    row('certifications', certTime, `${certs.vocational.people}个`, String(certs.vocational.people), `${req.certifications}个`, certs.vocational.people >= req.certifications),
    row('professionalCertifications', certTime, `${certs.professional.people}个`, String(certs.professional.people), `${req.professionalCertifications}个`, certs.professional.people >= req.professionalCertifications),
    row('roleCertification', dateTime(now), role ? (PATH_NAMES[role.path]?.zh ?? role.path) : '--', String(roles.length), `${req.roleCertification}个`, roles.length >= req.roleCertification),
  ];
}

export interface UpgradeRowView extends UpgradeSnapshotRow {
  name: Text;
  metName: Text;
}

const rowView = (r: UpgradeSnapshotRow): UpgradeRowView => ({
  ...r,
  name: LEVEL_METRIC_NAMES[r.key as LevelMetric] ?? t(r.key, r.key),
  metName: r.met ? t('已达标', 'Met') : t('未达标', 'Not met'),
});

export interface UpgradeCheck {
  membershipId: string;
  currentLevel: Level;
  currentLevelName: Text;
  targetLevel: Level | null;
  targetLevelName: Text | null;
  /** R27 precondition; when false, `reasons` is what "查看原因" shows. */
  allowed: boolean;
  reasons: Text[];
  rows: UpgradeRowView[];
  allMet: boolean;
  openUpgradeId: string | null;
}

const nextLevel = (l: Level): Level | null => (['standard', 'preferred', 'leading', 'core'] as const)[levelRank(l) + 1] ?? null;

/** The 提升等级 page for a target level (default: the next one). */
export async function upgradeCheck(ctx: Ctx, target?: Level): Promise<UpgradeCheck> {
  const actor = requirePermission(ctx, P.programs);
  const m = await solutionProviderMembership(ctx.db, actor.partnerId);
  const current = m.level ?? 'standard';
  const targetLevel = target ?? nextLevel(current);
  const [p] = await ctx.db.select({ companyId: partners.companyId }).from(partners).where(eq(partners.id, actor.partnerId));
  const roleOk = (await roleCertifiedAccounts(ctx.db, p!.companyId)).length > 0;
  const rows = targetLevel ? (await upgradeRows(ctx.db, actor.partnerId, targetLevel)).map(rowView) : [];
  const [open] = await ctx.db.select({ id: levelUpgrades.id }).from(levelUpgrades).where(and(eq(levelUpgrades.membershipId, m.id), eq(levelUpgrades.status, 'in_review')));
  const reasons: Text[] = [];
  if (!roleOk) reasons.push(ROLE_PRECONDITION);
  if (!targetLevel) reasons.push(TOP_LEVEL);
  return {
    membershipId: m.id,
    currentLevel: current,
    currentLevelName: LEVEL_NAMES[current],
    targetLevel,
    targetLevelName: targetLevel ? LEVEL_NAMES[targetLevel] : null,
    allowed: reasons.length === 0,
    reasons,
    rows,
    allMet: rows.length > 0 && rows.every((r) => r.met),
    openUpgradeId: open?.id ?? null,
  };
}

export interface UpgradeView {
  id: string;
  programName: Text;
  fromLevel: Level;
  fromLevelName: Text;
  targetLevel: Level;
  targetLevelName: Text;
  status: LevelUpgrade['status'];
  statusName: Text;
  note: Text | null;
  snapshot: UpgradeRowView[];
  reviewId: string | null;
  rejectReason: string | null;
  submittedAt: string;
  decidedAt: string | null;
}

const UPGRADE_STATUS_NAMES: Record<LevelUpgrade['status'], Text> = {
  in_review: t('审核中', 'Under review'),
  rejected: t('审核未通过', 'Rejected'),
  approved: t('审核通过', 'Approved'),
};

const upgradeView = (r: LevelUpgrade): UpgradeView => ({
  id: r.id,
  programName: t('解决方案提供商计划', 'Solution Provider Program'),
  fromLevel: r.fromLevel,
  fromLevelName: LEVEL_NAMES[r.fromLevel],
  targetLevel: r.targetLevel,
  targetLevelName: LEVEL_NAMES[r.targetLevel],
  status: r.status,
  statusName: UPGRADE_STATUS_NAMES[r.status],
  note: r.status === 'in_review' ? REVIEW_NOTE : r.status === 'rejected' ? t('若伙伴等级提升申请审核未通过，请根据审核不通过原因完善指标后重新提交申请。', 'Improve the metrics named in the reason and submit again.') : null,
  snapshot: r.snapshot.map(rowView),
  reviewId: r.reviewId,
  rejectReason: r.rejectReason,
  submittedAt: r.submittedAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

/** "提交申请" on the 提升等级 page (R27): precondition, every item 已达标, the snapshot, the review engine. */
export async function applyForUpgrade(ctx: Ctx, input: { targetLevel: Level }): Promise<{ upgrade: UpgradeView; message: Text }> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.programs);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const m = await solutionProviderMembership(tx, actor.partnerId, true);
      const current = m.level ?? 'standard';
      if (current === 'core') throw refused('programs.upgrade.top-level', TOP_LEVEL);
      if (levelRank(input.targetLevel) <= levelRank(current)) throw refused('programs.upgrade.not-higher', NOT_HIGHER, { current });
      const [p] = await tx.select({ companyId: partners.companyId, company: companies.name }).from(partners).innerJoin(companies, eq(companies.id, partners.companyId)).where(eq(partners.id, actor.partnerId));
      if ((await roleCertifiedAccounts(tx, p!.companyId)).length === 0) throw refused('programs.upgrade.role-certification-required', ROLE_PRECONDITION, { reasons: [ROLE_PRECONDITION] });
      const snapshot = await upgradeRows(tx, actor.partnerId, input.targetLevel);
      const unmet = snapshot.filter((r) => !r.met);
      if (unmet.length > 0) {
        throw new AppError(409, 'programs.upgrade.not-met', NOT_MET, {
          unmet: unmet.map((r) => ({ key: r.key, name: LEVEL_METRIC_NAMES[r.key as LevelMetric], achieved: r.achieved, required: r.required })),
        });
      }
      const [open] = await tx.select().from(levelUpgrades).where(and(eq(levelUpgrades.membershipId, m.id), ne(levelUpgrades.status, 'approved'))).for('update');
      if (open?.status === 'in_review') throw refused('programs.upgrade.in-review', IN_REVIEW);
      const now = clock.now();
      // a rejected upgrade is improved and resubmitted as the same record (L1921)
      const [row] = open
        ? await tx
            .update(levelUpgrades)
            .set({ fromLevel: current, targetLevel: input.targetLevel, snapshot, submittedAt: now, decidedAt: null, rejectReason: null, updatedAt: now })
            .where(eq(levelUpgrades.id, open.id))
            .returning()
        : await tx
            .insert(levelUpgrades)
            .values({ partnerId: actor.partnerId, membershipId: m.id, fromLevel: current, targetLevel: input.targetLevel, status: 'in_review', snapshot, submittedAt: now, createdAt: now, updatedAt: now })
            .returning();
      await submitReview(
        ctx.deps.reviews,
        ctx,
        {
          kind: UPGRADE_KIND,
          subjectType: UPGRADE_SUBJECT,
          subjectId: row!.id,
          data: {
            计划: '解决方案提供商计划',
            当前等级: LEVEL_NAMES[current].zh,
            计划等级: LEVEL_NAMES[input.targetLevel].zh,
            积分卡填报数据快照: snapshot.map((r) => ({ 要求项: LEVEL_METRIC_NAMES[r.key as LevelMetric].zh, 报名时间: r.dataTime, 完成数量: r.achieved, 升级: r.required, 是否达标: r.met ? '已达标' : '未达标' })),
          },
          summary: `${p!.company} · 解决方案提供商计划 · ${LEVEL_NAMES[current].zh} → ${LEVEL_NAMES[input.targetLevel].zh}`,
        },
        tx,
      );
      await audit(tx, ctx, { action: 'programs.upgrade-submitted', objectType: UPGRADE_SUBJECT, objectId: row!.id, after: { from: current, to: input.targetLevel } });
      const [fresh] = await tx.select().from(levelUpgrades).where(eq(levelUpgrades.id, row!.id));
      return { upgrade: upgradeView(fresh!), message: t('等级提升申请提交成功', 'Your level upgrade application has been submitted') };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('programs.upgrade.in-review', IN_REVIEW);
    throw err;
  }
}

/** 已申请伙伴计划 > 伙伴等级. */
export async function listUpgrades(ctx: Ctx): Promise<UpgradeView[]> {
  const actor = requirePermission(ctx, P.programs);
  const rows = await ctx.db.select().from(levelUpgrades).where(eq(levelUpgrades.partnerId, actor.partnerId)).orderBy(desc(levelUpgrades.createdAt));
  return rows.map(upgradeView);
}

export async function getUpgrade(ctx: Ctx, id: string): Promise<UpgradeView> {
  const actor = requirePermission(ctx, P.programs);
  const [row] = isUuid(id) ? await ctx.db.select().from(levelUpgrades).where(and(eq(levelUpgrades.id, id), eq(levelUpgrades.partnerId, actor.partnerId))) : [];
  if (!row) throw notFound(UPGRADE);
  return upgradeView(row);
}
