import { and, eq, lte, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { inTransaction, type Executor } from '../../platform/db/index.js';
import { addMonths, clock } from '../../platform/clock.js';
import { audit } from '../../platform/audit/index.js';
import { refused } from '../../platform/errors.js';
import { send } from '../../platform/notify/index.js';
import type { Text } from '../../platform/i18n/index.js';
import { partners } from '../partners/schema.js';
import { AGREEMENTS, programDef } from './catalogue.js';
import {
  programMemberships,
  signedAgreements,
  type Level,
  type MembershipStatus,
  type ProgramKey,
  type ProgramMembership,
} from './schema.js';

/**
 * 已加入伙伴计划 (spec 01 §2.14): starting and ending memberships, the `partners.programs` mirror
 * other modules read (paths' exit blocker R12, org specialists' invitations), and the small
 * functions other modules and the seed call.
 */

/** A solution-provider plan runs for 12 months (L1696, L2398 say it expires; the term is ours, inferred). */
export const SOLUTION_PROVIDER_TERM_MONTHS = 12;

/** R26: these plans give the account a reseller identity; it is no longer a customer and cannot buy cloud services. */
export const RESELLER_IDENTITY_PROGRAMS: readonly ProgramKey[] = ['solution_provider', 'distributor', 'reseller'];

export const MEMBERSHIP_STATUS_NAMES: Record<MembershipStatus, Text> = {
  active: { zh: '已加入', en: 'Joined' },
  expired: { zh: '已过期', en: 'Expired' },
  exiting: { zh: '退出中', en: 'Exiting' },
  ended: { zh: '已退出', en: 'Ended' },
};

/** The status now: an active plan past its expiry reads as expired before the daily job writes it. */
export function effectiveStatus(m: { status: MembershipStatus; expiresAt: Date | null }, now: Date = clock.now()): MembershipStatus {
  if (m.status === 'active' && m.expiresAt && m.expiresAt <= now) return 'expired';
  return m.status;
}

async function addProgram(ex: Executor, partnerId: string, program: string): Promise<void> {
  await ex
    .update(partners)
    .set({ programs: sql`CASE WHEN ${program} = ANY(${partners.programs}) THEN ${partners.programs} ELSE array_append(${partners.programs}, ${program}) END` })
    .where(eq(partners.id, partnerId));
}

async function removeProgram(ex: Executor, partnerId: string, program: string): Promise<void> {
  await ex.update(partners).set({ programs: sql`array_remove(${partners.programs}, ${program})` }).where(eq(partners.id, partnerId));
}

export interface StartMembership {
  partnerId: string;
  program: ProgramKey;
  level?: Level | null;
  businessRegion?: string | null;
  applicationId?: string | null;
  /** Agreements signed with the join (recorded under 已签署协议). */
  agreements?: readonly { key: string; version: string }[];
  /** Default: 12 months for the solution-provider plan, none for the others. */
  expiresAt?: Date | null;
}

const ALREADY_JOINED: Text = { zh: '您已加入该伙伴计划', en: 'You have already joined this program' };

/**
 * Start a membership inside the caller's transaction: the row, the `partners.programs` mirror, the
 * signed agreements and the audit entry. Refuses a plan the account is already in.
 */
export async function startMembership(tx: Executor, ctx: Ctx, input: StartMembership): Promise<ProgramMembership> {
  const [p] = await tx.select({ companyId: partners.companyId }).from(partners).where(eq(partners.id, input.partnerId));
  if (!p) throw new Error(`partner ${input.partnerId} missing`);
  const now = clock.now();
  const [live] = await tx
    .select()
    .from(programMemberships)
    .where(and(eq(programMemberships.partnerId, input.partnerId), eq(programMemberships.program, input.program), ne(programMemberships.status, 'ended')))
    .for('update');
  if (live && effectiveStatus(live, now) !== 'expired') throw refused('programs.already-joined', ALREADY_JOINED);
  if (live) {
    // an expired plan joined again: the old period ends
    await tx.update(programMemberships).set({ status: 'ended', endedAt: now, updatedAt: now }).where(eq(programMemberships.id, live.id));
  }
  const expiresAt = input.expiresAt !== undefined ? input.expiresAt : input.program === 'solution_provider' ? addMonths(now, SOLUTION_PROVIDER_TERM_MONTHS) : null;
  const [row] = await tx
    .insert(programMemberships)
    .values({
      partnerId: input.partnerId,
      companyId: p.companyId,
      program: input.program,
      level: input.program === 'solution_provider' ? (input.level ?? 'standard') : null,
      status: 'active',
      businessRegion: input.businessRegion ?? null,
      applicationId: input.applicationId ?? null,
      joinedAt: now,
      expiresAt,
      updatedAt: now,
    })
    .returning();
  await addProgram(tx, input.partnerId, input.program);
  for (const a of input.agreements ?? []) {
    await tx
      .insert(signedAgreements)
      .values({ partnerId: input.partnerId, program: input.program, agreementKey: a.key, version: a.version, applicationId: input.applicationId ?? null, signedAt: now })
      .onConflictDoNothing();
  }
  await audit(tx, ctx, {
    action: 'programs.joined',
    objectType: 'program_membership',
    objectId: row!.id,
    partnerId: input.partnerId,
    after: { program: input.program, level: row!.level, expiresAt: row!.expiresAt, businessRegion: row!.businessRegion },
  });
  return row!;
}

/** 退出中 (R35): the plan stays in force until the exit is completed. */
export async function markExiting(tx: Executor, ctx: Ctx, membershipId: string): Promise<void> {
  const now = clock.now();
  const [row] = await tx.update(programMemberships).set({ status: 'exiting', updatedAt: now }).where(eq(programMemberships.id, membershipId)).returning();
  await audit(tx, ctx, { action: 'programs.exiting', objectType: 'program_membership', objectId: membershipId, partnerId: row?.partnerId, after: { status: 'exiting' } });
}

/**
 * The daily expiry of solution-provider plans (R29, spec 01 §3.7): the row becomes 已过期, the plan
 * leaves `partners.programs`, and the super admin is told. Reads treat it as expired already.
 */
export async function expireMemberships(ex: Executor): Promise<number> {
  const now = clock.now();
  let n = 0;
  const due = await ex
    .select()
    .from(programMemberships)
    .where(and(eq(programMemberships.status, 'active'), lte(programMemberships.expiresAt, now)));
  for (const m of due) {
    await inTransaction(ex, async (tx) => {
      const [row] = await tx
        .update(programMemberships)
        .set({ status: 'expired', updatedAt: now })
        .where(and(eq(programMemberships.id, m.id), eq(programMemberships.status, 'active')))
        .returning();
      if (!row) return;
      await removeProgram(tx, row.partnerId, row.program);
      const [p] = await tx.select({ accountId: partners.accountId }).from(partners).where(eq(partners.id, row.partnerId));
      const name = programDef(row.program).name;
      if (p)
        await send(tx, {
          channel: 'site',
          to: { kind: 'account', id: p.accountId },
          template: 'programs.expired',
          subject: `您的${name.zh}已经过期`,
          body: `您的${name.zh}已经过期。过期后不享有相应的华为云权益，仅超级管理员账号可以访问伙伴中心；您可以切换账号或快捷注册新账号加入分销计划（云经销商）继续开展业务。`,
          data: { program: row.program, membershipId: row.id, text: { zh: `您的${name.zh}已经过期`, en: `Your ${name.en} has expired` } },
        });
      n++;
    });
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// For other modules and the seed

/** Live rows of an account (not ended). */
export async function liveMemberships(ex: Executor, partnerId: string): Promise<ProgramMembership[]> {
  return ex.select().from(programMemberships).where(and(eq(programMemberships.partnerId, partnerId), ne(programMemberships.status, 'ended')));
}

/**
 * The plans a partner account is in now (active or 退出中; an expired solution-provider plan is not).
 * Plans listed in `partners.programs` without a membership row (accounts seeded before this module) count too.
 */
export async function joinedPrograms(ex: Executor, partnerId: string): Promise<string[]> {
  const rows = await liveMemberships(ex, partnerId);
  const now = clock.now();
  const out = new Set<string>();
  for (const m of rows) {
    const s = effectiveStatus(m, now);
    if (s === 'active' || s === 'exiting') out.add(m.program);
  }
  const [p] = await ex.select({ programs: partners.programs }).from(partners).where(eq(partners.id, partnerId));
  const withRows = new Set<string>(rows.map((r) => r.program));
  for (const x of p?.programs ?? []) if (!withRows.has(x)) out.add(x);
  return [...out];
}

export async function hasJoinedProgram(ex: Executor, partnerId: string, program: ProgramKey): Promise<boolean> {
  return (await joinedPrograms(ex, partnerId)).includes(program);
}

/** R26: the account sells as a reseller (解决方案提供商 / 总经销商 / 云经销商) and may not buy cloud services itself. */
export async function hasResellerIdentity(ex: Executor, partnerId: string): Promise<boolean> {
  const joined = await joinedPrograms(ex, partnerId);
  return joined.some((p) => RESELLER_IDENTITY_PROGRAMS.includes(p as ProgramKey));
}

/**
 * R29: the account's solution-provider plan has expired (and it holds no active one). Other modules
 * enforce what follows: no new customers, no operations on a customer's behalf, only the super admin signs in.
 */
export async function solutionProviderExpired(ex: Executor, partnerId: string): Promise<boolean> {
  const rows = (await liveMemberships(ex, partnerId)).filter((m) => m.program === 'solution_provider');
  if (rows.length === 0) return false;
  return rows.every((m) => effectiveStatus(m) === 'expired');
}

/**
 * Put an account in a plan directly (the demo seed, data migrations): the same effects as an approved
 * application, without one. `ctx` is the actor recorded in the audit log (the seed passes a system ctx).
 */
export async function enrolInProgram(tx: Executor, ctx: Ctx, input: StartMembership): Promise<ProgramMembership> {
  const agreements = input.agreements ?? (input.program in AGREEMENTS ? AGREEMENTS[input.program as keyof typeof AGREEMENTS] : []);
  return startMembership(tx, ctx, { ...input, agreements });
}
