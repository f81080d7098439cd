import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { memberCertificates, memberInvitations, memberTrainings } from '../org/specialists/schema.js';
import { LINKED_STATUSES, chinaDate } from '../org/specialists/statuses.js';

/**
 * 个人认证 counters of the path requirements (spec 01 R15–R22). Personal certificates belong to the
 * members' personal Huawei accounts (org/specialists: 证书 and 培训); they count for a partner account only
 * while the member is bound to it (R15, "伙伴成员的个人华为账号需绑定伙伴管理员账号后，个人认证证书才能共享给伙伴").
 * A certificate counts while it is approved and valid today (China date). Each counter counts people,
 * not certificates: one person counts once per counter.
 *
 * Reads the org module's tables read-only (it exports no list of a partner's members' certificates).
 */

export interface PeopleCounts {
  /** R16 (role certification): people with HCCDA or a higher developer certification. */
  hccdaUp: number;
  /** R16: people with HCCDP or higher (HCCDE, HCIE-CSSA). */
  hccdpUp: number;
  /** Differentiation "HCCDP认证：统计HCCDP证书" (L1132). */
  hccdp: number;
  /** R20: HCCDE and HCIE-Cloud Service Solutions Architect (China site, L1095, L1133). */
  hccde: number;
  /** R19: PMP, IPMA A / B / C, HCIP-PM (L1131). */
  projectManagers: number;
  /** SI: presales experts holding 合作伙伴专业认证-业务方向（中级） (L1289). */
  presalesExperts: number;
  /** R21: … and HCIP-Cloud Service Solutions Architect or HCCDP-Solution Architectures (the HCIE/HCCDE level covers it). */
  siHcip: number;
  /** R22: … and HCIE-Cloud Service Solutions Architect or HCCDE-Solution Architectures. */
  siHcie: number;
}

/** Names as synced from 云学堂 or typed by the member: compare on upper case without spaces or dashes. */
const norm = (name: string) => name.toUpperCase().replace(/[\s\-_－—·.（）()级]/g, '').replace('LEVEL', '');

/** Developer-certification level of a certificate: HCCDA 1 < HCCDP 2 < HCCDE 3 (HCIE-CSSA reads as HCCDE, R16/R20). */
export function developerLevel(name: string): 0 | 1 | 2 | 3 {
  const n = norm(name);
  if (n.includes('HCCDE') || isHcieCssa(n)) return 3;
  if (n.includes('HCCDP')) return 2;
  if (n.includes('HCCDA')) return 1;
  return 0;
}

const isHcieCssa = (n: string) => n.includes('HCIE') && n.includes('CLOUDSERVICESOLUTIONSARCHITECT');
const isHcipCssa = (n: string) => n.includes('HCIP') && n.includes('CLOUDSERVICESOLUTIONSARCHITECT');
const isSolutionArchitectures = (n: string) => n.includes('SOLUTIONARCHITECTURE');

/** R19: 符合条件的证书类型有 PMP、IPMA A级、IPMA B级、IPMA C级、HCIP-PM. */
export function isProjectManagerCertificate(name: string): boolean {
  const n = norm(name);
  return n.includes('PMP') || /IPMA[ABC](?![A-Z])/.test(n) || n.includes('HCIPPM');
}

/** SI expert certificate level: 2 = HCIP-CSSA / HCCDP-Solution Architectures, 3 = HCIE-CSSA / HCCDE-Solution Architectures. */
export function siExpertLevel(name: string): 0 | 2 | 3 {
  const n = norm(name);
  if (isHcieCssa(n) || (n.includes('HCCDE') && isSolutionArchitectures(n))) return 3;
  if (isHcipCssa(n) || (n.includes('HCCDP') && isSolutionArchitectures(n))) return 2;
  return 0;
}

/** 合作伙伴专业认证-业务方向（中级）: the certificate, or the exam of the course 《基于华为云构建客户的业务体系》 passed. */
const BUSINESS_COURSE = '基于华为云构建客户的业务体系';
export function isBusinessDirectionIntermediate(name: string): boolean {
  return (name.includes('业务方向') && name.includes('中级')) || name.includes(BUSINESS_COURSE);
}

/** The counters for one partner account, from the certificates of the members bound to it now. */
export async function countPeople(ex: Executor, partnerId: string, at: Date = clock.now()): Promise<PeopleCounts> {
  const today = chinaDate(at);
  const bound = ex
    .select({ accountId: memberInvitations.accountId })
    .from(memberInvitations)
    .where(and(eq(memberInvitations.partnerId, partnerId), inArray(memberInvitations.status, [...LINKED_STATUSES])));
  const certificates = await ex
    .select({ accountId: memberCertificates.accountId, name: memberCertificates.name })
    .from(memberCertificates)
    .where(
      and(
        inArray(memberCertificates.accountId, bound),
        eq(memberCertificates.status, 'approved'),
        sql`${memberCertificates.validFrom} <= ${today}::date AND ${memberCertificates.validTo} >= ${today}::date`,
      ),
    );
  const exams = await ex
    .select({ accountId: memberTrainings.accountId, name: memberTrainings.name })
    .from(memberTrainings)
    .where(and(inArray(memberTrainings.accountId, bound), eq(memberTrainings.kind, 'exam'), eq(memberTrainings.result, '通过')));

  interface Person {
    developer: number; // highest developer level
    hccdp: boolean;
    hccde: boolean;
    pm: boolean;
    si: number; // highest SI expert level
    business: boolean;
  }
  const people = new Map<string, Person>();
  const person = (id: string) => {
    let p = people.get(id);
    if (!p) people.set(id, (p = { developer: 0, hccdp: false, hccde: false, pm: false, si: 0, business: false }));
    return p;
  };
  for (const c of certificates) {
    const p = person(c.accountId);
    const level = developerLevel(c.name);
    p.developer = Math.max(p.developer, level);
    if (level === 2) p.hccdp = true;
    if (level === 3) p.hccde = true;
    if (isProjectManagerCertificate(c.name)) p.pm = true;
    p.si = Math.max(p.si, siExpertLevel(c.name));
    if (isBusinessDirectionIntermediate(c.name)) p.business = true;
  }
  for (const e of exams) if (isBusinessDirectionIntermediate(e.name)) person(e.accountId).business = true;

  const all = [...people.values()];
  const count = (f: (p: Person) => boolean) => all.filter(f).length;
  return {
    hccdaUp: count((p) => p.developer >= 1),
    hccdpUp: count((p) => p.developer >= 2),
    hccdp: count((p) => p.hccdp),
    hccde: count((p) => p.hccde),
    projectManagers: count((p) => p.pm),
    presalesExperts: count((p) => p.business),
    siHcip: count((p) => p.business && p.si >= 2),
    siHcie: count((p) => p.business && p.si >= 3),
  };
}
