import { chinaDay } from '../../platform/china-time.js';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { DAY_MS, clock } from '../../platform/clock.js';
import { memberCertificates, memberInvitations } from '../org/specialists/schema.js';
import { LINKED_STATUSES } from '../org/specialists/statuses.js';
import type { CertificationRequirement } from './schema.js';

/**
 * The scorecard's certification counts (spec 01 R33, L2134–2138), from the personal certificates of the
 * members bound to the partner account (R15; org/specialists keeps them, read here read-only):
 * - 职业认证/开发者认证: one person counts once; HCCDX and HCIX take the person's highest level
 *   (A 1 < P 2 < E 3); a higher level covers every lower requirement.
 * - 专业认证: 初级 < 中级 < 高级, a higher level covering the lower ones, one person once.
 * Data refresh T+1: certificates as they stood at the end of yesterday (China time).
 */

export type CertLevel = 1 | 2 | 3;
export interface LevelCounts {
  people: number; // everyone with at least one counted certificate
  associate: number; // highest level ≥ 1 (HCIA/HCCDA 及以上 · 初级及以上)
  professional: number; // ≥ 2 (HCIP/HCCDP 及以上 · 中级及以上)
  expert: number; // 3 (HCIE/HCCDE · 高级)
}

const norm = (name: string) => name.toUpperCase().replace(/[\s\-_－—·.]/g, '');

/** HCIA / HCCDA → 1, HCIP / HCCDP → 2, HCIE / HCCDE → 3; 0 for anything else. */
export function vocationalLevel(name: string): 0 | CertLevel {
  const n = norm(name);
  if (/HCIE|HCCDE/.test(n)) return 3;
  if (/HCIP|HCCDP/.test(n)) return 2;
  if (/HCIA|HCCDA/.test(n)) return 1;
  return 0;
}

/** 伙伴专业认证: 高级 3, 中级 2, 初级 (or unnamed) 1. */
export function professionalLevel(name: string): CertLevel {
  if (name.includes('高级')) return 3;
  if (name.includes('中级')) return 2;
  return 1;
}

/** Count people by their highest level (R33). */
export function countByHighestLevel(entries: readonly { person: string; level: 0 | CertLevel }[]): LevelCounts {
  const highest = new Map<string, number>();
  for (const e of entries) if (e.level > 0) highest.set(e.person, Math.max(highest.get(e.person) ?? 0, e.level));
  const levels = [...highest.values()];
  return {
    people: levels.length,
    associate: levels.filter((l) => l >= 1).length,
    professional: levels.filter((l) => l >= 2).length,
    expert: levels.filter((l) => l >= 3).length,
  };
}

/** Is every level the requirement names reached (a level it does not name is not asked)? */
export function meetsRequirement(counts: LevelCounts, req: CertificationRequirement | undefined): boolean | null {
  if (!req || (req.associate === undefined && req.professional === undefined && req.expert === undefined)) return null;
  return (req.associate ?? 0) <= counts.associate && (req.professional ?? 0) <= counts.professional && (req.expert ?? 0) <= counts.expert;
}


/** Start of today in China time, as an instant. */
export function startOfChinaDay(at: Date = clock.now()): Date {
  return new Date(`${chinaDay(at)}T00:00:00+08:00`);
}

/** The day data refreshed T+n shows (e.g. T+1: yesterday). */
export function dataDay(lagDays: number, at: Date = clock.now()): string {
  return chinaDay(new Date(startOfChinaDay(at).getTime() - lagDays * DAY_MS + 12 * 60 * 60 * 1000));
}

export interface CertificationCounts {
  vocational: LevelCounts; // 职业认证/开发者认证
  professional: LevelCounts; // 专业认证
  dataDate: string; // T+1
}

export async function certificationCounts(ex: Executor, partnerId: string, at: Date = clock.now()): Promise<CertificationCounts> {
  const cutoff = startOfChinaDay(at);
  const day = dataDay(1, at);
  const bound = ex
    .select({ accountId: memberInvitations.accountId })
    .from(memberInvitations)
    .where(and(eq(memberInvitations.partnerId, partnerId), inArray(memberInvitations.status, [...LINKED_STATUSES])));
  const certs = await ex
    .select({ accountId: memberCertificates.accountId, type: memberCertificates.type, name: memberCertificates.name })
    .from(memberCertificates)
    .where(
      and(
        inArray(memberCertificates.accountId, bound),
        eq(memberCertificates.status, 'approved'),
        lt(memberCertificates.createdAt, cutoff),
        sql`${memberCertificates.validFrom} <= ${day}::date AND ${memberCertificates.validTo} >= ${day}::date`,
      ),
    );
  const vocational = certs
    .filter((c) => c.type === 'professional' || c.type === 'developer' || vocationalLevel(c.name) > 0)
    .filter((c) => c.type !== 'specialty')
    .map((c) => ({ person: c.accountId, level: vocationalLevel(c.name) }));
  const professional = certs.filter((c) => c.type === 'specialty').map((c) => ({ person: c.accountId, level: professionalLevel(c.name) }));
  return { vocational: countByHighestLevel(vocational), professional: countByHighestLevel(professional), dataDate: day };
}
