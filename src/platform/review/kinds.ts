import type { Ctx } from '../context.js';
import type { Executor } from '../db/index.js';
import type { Text } from '../i18n/index.js';
import { ALL_PERMISSIONS, STAFF_ROLES, type StaffRole } from '../access/index.js';
import type { ReviewApplication, ReviewStatus } from './schema.js';

/** A hook runs inside the transaction of the transition; throwing undoes the whole transition. */
export type ReviewHook = (tx: Executor, ctx: Ctx, application: ReviewApplication) => Promise<void>;

export interface ReviewStage {
  key: string; // stable, e.g. "material" / "technical" / "business"
  name: Text; // e.g. 认证材料审核 / 技术审核 / 业务审核
  /** Staff roles that decide this stage (运营管理员 always may). */
  staffRoles: readonly StaffRole[];
}

/** A status name shown to users; in_review / rejected / returned may differ per stage. */
export type StatusName = Text | readonly Text[];

export interface ReviewKindDefinition {
  kind: string; // "<module>.<what>", e.g. "org.specialist-apply"
  title: Text;
  stages: readonly ReviewStage[];
  /** The guide's names, e.g. 申请专员审核中 / 申请专员审核未通过; missing ones fall back to the generic names. */
  statusNames?: Partial<Record<ReviewStatus, StatusName>>;
  /** Who may apply. Default both: partners (and their members) and plain accounts (e.g. HCPN enrolment). */
  applicants?: readonly ('partner' | 'account')[];
  /** Menu path a partner member needs to apply, withdraw or read (the partner admin always may). */
  permission?: string;
  /** Some applications "一旦提交后无法撤回" (guide §15); default true. */
  withdrawable?: boolean;
  /** Staff roles that may read (not decide) these applications, besides the stages' roles. */
  viewerRoles?: readonly StaffRole[];
  /** Extra read access for the applicant side (e.g. the member the application is about). */
  canView?: (ctx: Ctx, application: ReviewApplication) => boolean;
  notify?: {
    /** The applicant's e-mail address when this kind also notifies by e-mail. */
    email?: (tx: Executor, application: ReviewApplication) => Promise<string | null | undefined>;
  };
  hooks?: {
    onSubmitted?: ReviewHook; // submit and resubmit
    onStageApproved?: ReviewHook; // a non-final stage passed
    onApproved?: ReviewHook; // the last stage passed
    onRejected?: ReviewHook;
    onReturned?: ReviewHook;
    onWithdrawn?: ReviewHook;
  };
}

export type ReviewKind = Readonly<ReviewKindDefinition>;

/** Generic names (the kind's own names win). */
export const DEFAULT_STATUS_NAMES: Record<ReviewStatus, Text> = {
  draft: { zh: '草稿', en: 'Draft' },
  in_review: { zh: '审核中', en: 'Under review' },
  approved: { zh: '审核通过', en: 'Approved' },
  rejected: { zh: '审核未通过', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  returned: { zh: '退回修改', en: 'Returned for modification' },
};

const KNOWN_STAFF_ROLES = new Set<string>(Object.values(STAFF_ROLES));

/** Declare a kind; mistakes in the declaration fail at start-up, not during a review. */
export function defineReviewKind(def: ReviewKindDefinition): ReviewKind {
  const where = `review kind ${def.kind}`;
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(def.kind)) throw new Error(`${where}: kind must look like "module.name"`);
  if (def.stages.length === 0) throw new Error(`${where}: needs at least one stage`);
  const keys = new Set<string>();
  for (const s of def.stages) {
    if (keys.has(s.key)) throw new Error(`${where}: duplicate stage ${s.key}`);
    keys.add(s.key);
    if (s.staffRoles.length === 0) throw new Error(`${where}: stage ${s.key} names no staff role`);
    for (const r of s.staffRoles) if (!KNOWN_STAFF_ROLES.has(r)) throw new Error(`${where}: unknown staff role ${r}`);
  }
  for (const r of def.viewerRoles ?? []) if (!KNOWN_STAFF_ROLES.has(r)) throw new Error(`${where}: unknown staff role ${r}`);
  for (const [status, name] of Object.entries(def.statusNames ?? {})) {
    if (Array.isArray(name) && name.length !== def.stages.length)
      throw new Error(`${where}: status ${status} names ${name.length} stages, the kind has ${def.stages.length}`);
  }
  if (def.permission && !ALL_PERMISSIONS.has(def.permission)) throw new Error(`${where}: unknown permission ${def.permission}`);
  return Object.freeze({ ...def, stages: Object.freeze([...def.stages]) });
}

/** The kinds one server knows; each module registers its own at start (no hidden global). */
export class ReviewRegistry {
  private readonly kinds = new Map<string, ReviewKind>();

  register(...kinds: ReviewKind[]): this {
    for (const k of kinds) {
      if (this.kinds.has(k.kind)) throw new Error(`review kind ${k.kind} registered twice`);
      this.kinds.set(k.kind, k);
    }
    return this;
  }

  has(kind: string): boolean {
    return this.kinds.has(kind);
  }

  /** A kind the code refers to; an unknown one is a programming error. */
  get(kind: string): ReviewKind {
    const k = this.kinds.get(kind);
    if (!k) throw new Error(`review kind ${kind} is not registered`);
    return k;
  }

  list(): ReviewKind[] {
    return [...this.kinds.values()];
  }
}

export function createReviewRegistry(...kinds: ReviewKind[]): ReviewRegistry {
  return new ReviewRegistry().register(...kinds);
}

/** The name users see for an application's status (the stage matters for in_review, rejected, returned). */
export function statusName(kind: ReviewKind, status: ReviewStatus, stageIndex: number): Text {
  const n = kind.statusNames?.[status];
  if (!n) return DEFAULT_STATUS_NAMES[status];
  if (isTextList(n)) return n[Math.min(Math.max(stageIndex, 0), n.length - 1)]!;
  return n;
}

function isTextList(n: StatusName): n is readonly Text[] {
  return Array.isArray(n);
}

/** Every staff role that decides some stage of the kind, plus its viewers. */
export function kindStaffRoles(kind: ReviewKind): Set<string> {
  const out = new Set<string>(kind.viewerRoles ?? []);
  for (const s of kind.stages) for (const r of s.staffRoles) out.add(r);
  return out;
}
