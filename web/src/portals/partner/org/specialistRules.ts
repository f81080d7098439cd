import type { InvitationStatus, SpecialistStatus } from '../../../api/types';

/**
 * Which row actions an invitation or specialist offers, by status key (server statuses.ts,
 * spec 02 §3.4–3.5). The server decides; these only hide buttons that would certainly be refused.
 */
export const INVITATION_STATUSES: readonly InvitationStatus[] = ['invited', 'expired', 'bound', 'unbound', 'applying', 'apply_rejected', 'cancel_approved', 'cancelled_by_vendor'];

/** 申请项目专员 is open from these states (guide L3749, L3758). */
export const APPLY_FROM: readonly InvitationStatus[] = ['bound', 'cancel_approved', 'cancelled_by_vendor', 'apply_rejected'];
/** 再次邀请: 未收到链接, 已失效, 已解绑 (guide L3635, L3668). */
export const RESEND_FROM: readonly InvitationStatus[] = ['invited', 'expired', 'unbound'];
/** 解除绑定: a linked member that is neither applying nor a specialist (R39). */
export const UNBIND_FROM: readonly InvitationStatus[] = ['bound', 'cancel_approved', 'cancelled_by_vendor', 'apply_rejected'];
/** 查看详情 needs a linked personal account. */
export const HAS_MEMBER: readonly InvitationStatus[] = ['bound', 'applying', 'apply_rejected', 'cancel_approved', 'cancelled_by_vendor'];
/** 撤回 a specialist application before approval (R37). */
export const WITHDRAW_FROM: readonly InvitationStatus[] = ['applying'];

/** 取消项目专员 only from 正常 or 取消专员审核未通过 (R38). */
export const CANCEL_FROM: readonly SpecialistStatus[] = ['active', 'cancel_rejected'];
/** 撤销申请: the partner's own cancellation request under review. */
export const REVOKE_CANCEL_FROM: readonly SpecialistStatus[] = ['cancel_pending'];

/** 所属路径 keys (R35: the development paths, not the plans). */
export const SPECIALIST_PATHS = ['service', 'si', 'learning'] as const;
export const SERVICE_PATH = 'service';
/** 人员部署方式 (service path only, R36). */
export const DEPLOYMENT_MODES = ['nationwide', 'stationed'] as const;
export const MATERIAL_FILE_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'zip', 'rar', 'jpg', 'bmp', 'png', 'gif', 'pdf'];

/** The member shown for an invitation: the linked account, else what was typed. */
export const inviteeLabel = (inv: { member: { name: string | null; accountName: string } | null; targetValue: string }) =>
  inv.member ? (inv.member.name ? `${inv.member.name} (${inv.member.accountName})` : inv.member.accountName) : inv.targetValue;
