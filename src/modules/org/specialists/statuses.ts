import { chinaDay, chinaMidnight } from '../../../platform/china-time.js';
import type { Text } from '../../../platform/i18n/index.js';
import { addMonths } from '../../../platform/clock.js';

/** 邀请状态 (guide L3673–3685, spec 02 §3.4). The table's names win over the variants in L3749. */
export const INVITATION_STATUS = {
  invited: { zh: '已邀请', en: 'Invited' },
  expired: { zh: '已失效', en: 'Expired' },
  bound: { zh: '已绑定', en: 'Bound' },
  unbound: { zh: '已解绑', en: 'Unbound' },
  applying: { zh: '申请专员审核中', en: 'Specialist application under review' },
  apply_rejected: { zh: '申请专员审核未通过', en: 'Specialist application rejected' },
  cancel_approved: { zh: '取消专员审核通过', en: 'Specialist cancellation approved' },
  cancelled_by_vendor: { zh: '取消专员（华为方操作）', en: 'Specialist cancelled by the vendor' },
} as const satisfies Record<string, Text>;
export type InvitationStatus = keyof typeof INVITATION_STATUS;
export const INVITATION_STATUSES = Object.keys(INVITATION_STATUS) as [InvitationStatus, ...InvitationStatus[]];

/** 项目专员申请状态 (guide 表5-2 L3796–3800, spec 02 §3.5); `ended` is ours (a finished period). */
export const SPECIALIST_STATUS = {
  active: { zh: '正常', en: 'Active' },
  cancel_pending: { zh: '取消专员审核中', en: 'Cancellation under review' },
  vendor_cancel_pending: { zh: '取消专员审核中（华为方操作）', en: 'Cancellation by the vendor under review' },
  cancel_rejected: { zh: '取消专员审核未通过', en: 'Cancellation rejected' },
  ended: { zh: '已结束', en: 'Ended' },
} as const satisfies Record<string, Text>;
export type SpecialistStatus = keyof typeof SPECIALIST_STATUS;
export const SPECIALIST_STATUSES = Object.keys(SPECIALIST_STATUS) as [SpecialistStatus, ...SpecialistStatus[]];

/** The member is linked to the partner (shares information, may be applied for or unbound). */
export const LINKED_STATUSES: readonly InvitationStatus[] = ['bound', 'applying', 'apply_rejected', 'cancel_approved', 'cancelled_by_vendor'];
/** Members selectable for 申请项目专员 (L3749, L3758; the step-4 note adds 申请专员审核未通过). */
export const APPLYABLE_STATUSES: readonly InvitationStatus[] = ['bound', 'cancel_approved', 'cancelled_by_vendor', 'apply_rejected'];
/** 管理员对已解绑、已失效的成员可再次发送邀请链接 (L3635); 未收到链接 may be sent again too (L3668). */
export const RESENDABLE_STATUSES: readonly InvitationStatus[] = ['invited', 'expired', 'unbound'];
/** 仅可对正常状态的项目专员或取消项目专员未通过的成员申请取消 (R38). */
export const CANCELLABLE_STATUSES: readonly SpecialistStatus[] = ['active', 'cancel_rejected'];

/** 所属路径 a specialist can belong to (R35: the three development paths, not the plans). */
export const SPECIALIST_PATHS = {
  service: { zh: '服务合作伙伴', en: 'Service partner' },
  si: { zh: '数字化转型咨询与系统集成伙伴', en: 'Digital-transformation consulting and SI partner' },
  learning: { zh: '学习与赋能伙伴', en: 'Learning and enablement partner' },
} as const satisfies Record<string, Text>;
export type SpecialistPath = keyof typeof SPECIALIST_PATHS;
export const SPECIALIST_PATH_KEYS = Object.keys(SPECIALIST_PATHS) as [SpecialistPath, ...SpecialistPath[]];

/** R33: a path (service / DTCSI / learning) or a plan (distributor / solution provider) allows inviting. */
export const INVITING_PATHS: readonly string[] = ['service', 'si', 'learning', 'distributor'];
export const INVITING_PROGRAMS: readonly string[] = ['distributor', 'solution_provider'];

/** 人员部署方式 (service path only, R36). */
export const DEPLOYMENT_MODES = {
  nationwide: { zh: '全国调派', en: 'Nationwide dispatch' },
  stationed: { zh: '代表处驻扎', en: 'Stationed at a representative office' },
} as const satisfies Record<string, Text>;
export type DeploymentMode = keyof typeof DEPLOYMENT_MODES;
export const DEPLOYMENT_MODE_KEYS = Object.keys(DEPLOYMENT_MODES) as [DeploymentMode, ...DeploymentMode[]];

export const TARGET_TYPES = ['mobile', 'email', 'accountName'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** 证书类型: only 职业认证 / 其他类 are uploaded by hand (R42); the others sync from 云学堂. */
export const CERTIFICATE_TYPES = {
  professional: { zh: '职业认证', en: 'Professional certification' },
  other: { zh: '其他类', en: 'Other' },
  developer: { zh: '开发者认证', en: 'Developer certification' },
  specialty: { zh: '专业认证', en: 'Specialty certification' },
} as const satisfies Record<string, Text>;
export type CertificateType = keyof typeof CERTIFICATE_TYPES;
export const MANUAL_CERTIFICATE_TYPES = ['professional', 'other'] as const;
export const CERTIFICATE_STATUS = {
  in_review: { zh: '审核中', en: 'Under review' },
  approved: { zh: '审核通过', en: 'Approved' },
  rejected: { zh: '审核未通过', en: 'Rejected' },
} as const satisfies Record<string, Text>;
export type CertificateStatus = keyof typeof CERTIFICATE_STATUS;

// ---------------------------------------------------------------------------------------------
// Numbers of the guide

export const INVITATION_VALID_DAYS = 7; // R31
export const INVITES_PER_SEND = 5; // R31 单次最多可邀请5位成员
export const INVITES_PER_DAY = 100; // R31 一天最多可邀请100位成员
export const MAX_PARTNERS_PER_YEAR = 3; // R32e
export const PROJECT_WINDOW_MONTHS = 24; // R41
export const CANCEL_REASON_MAX = 500; // R38
export const CANCEL_FILES_MAX = 10; // R38 (types and 50 MB are the files purpose 'specialist-cancel')
export const MATERIAL_FILES_MAX = 10;

// ---------------------------------------------------------------------------------------------
// Days: the guide's "day" is the China site's calendar day (UTC+8, no daylight saving).

/** Midnight (China time) of the day containing `at`, as an instant. */
export const chinaDayStart = chinaMidnight;

/** "YYYY-MM-DD" of `at` in China time. */
export function chinaDate(at: Date): string {
  return chinaDay(at);
}

/** The first day of the project window: today minus 24 months (R41). */
export function projectWindowStart(now: Date): string {
  const today = new Date(`${chinaDate(now)}T00:00:00Z`); // the China date as a UTC midnight, for month arithmetic
  return addMonths(today, -PROJECT_WINDOW_MONTHS).toISOString().slice(0, 10);
}

/** The instant a China-time date "YYYY-MM-DD" starts. */
export function chinaDateStart(d: string): Date {
  return new Date(`${d}T00:00:00+08:00`);
}

/** 已邀请 past its 7 days reads as 已失效 even before the daily job has written it (lazy expiry). */
export function effectiveInvitationStatus(row: { status: string; expiresAt: Date }, now: Date): InvitationStatus {
  if (row.status === 'invited' && row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return row.status as InvitationStatus;
}

export const nameOf = <K extends string>(map: Record<K, Text>, key: string): Text =>
  (map as Record<string, Text>)[key] ?? { zh: key, en: key };
