import { P, STAFF_ROLES } from '../../../platform/access/index.js';
import { defineReviewKind, type ReviewKind } from '../../../platform/review/index.js';
import {
  onApplyApproved,
  onApplyRejected,
  onApplySubmitted,
  onApplyWithdrawn,
  onCancelApproved,
  onCancelRejected,
  onCancelSubmitted,
  onCancelWithdrawn,
  onCertificateApproved,
  onCertificateRejected,
  onCertificateSubmitted,
} from './transitions.js';

/** Who decides for 华为方 here: reviewers and the ecosystem manager (运营管理员 always may). */
const VENDOR_DECIDERS = [STAFF_ROLES.reviewer, STAFF_ROLES.ecosystemManager] as const;
const VENDOR_STAGE = { key: 'vendor', name: { zh: '华为方审核', en: 'Vendor review' }, staffRoles: VENDOR_DECIDERS };

export const SPECIALIST_APPLY_KIND = 'org.specialist-apply';
export const SPECIALIST_CANCEL_KIND = 'org.specialist-cancel';
export const MEMBER_CERTIFICATE_KIND = 'org.member-certificate';

/** 申请项目专员 (guide 5.2.1.3): subject = the member's invitation (binding) row. */
export const specialistApplyKind: ReviewKind = defineReviewKind({
  kind: SPECIALIST_APPLY_KIND,
  title: { zh: '项目专员申请', en: 'Project specialist application' },
  stages: [VENDOR_STAGE],
  statusNames: {
    in_review: { zh: '申请专员审核中', en: 'Specialist application under review' },
    rejected: { zh: '申请专员审核未通过', en: 'Specialist application rejected' },
    returned: { zh: '申请专员审核未通过', en: 'Specialist application rejected' },
    approved: { zh: '正常', en: 'Active' },
    withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  },
  applicants: ['partner'],
  permission: P.orgSpecialists,
  withdrawable: true, // R37: 审核通过前撤回
  // 退回修改 has no status of its own in the guide: it reads as 申请专员审核未通过 with the reason, from which
  // the administrator changes and resubmits (L3785).
  hooks: {
    onSubmitted: onApplySubmitted,
    onApproved: onApplyApproved,
    onRejected: onApplyRejected,
    onReturned: onApplyRejected,
    onWithdrawn: onApplyWithdrawn,
  },
});

/** 取消项目专员 (guide 5.2.1.4): subject = the project_specialists row. 撤销申请 = withdraw. */
export const specialistCancelKind: ReviewKind = defineReviewKind({
  kind: SPECIALIST_CANCEL_KIND,
  title: { zh: '取消项目专员申请', en: 'Project specialist cancellation' },
  stages: [VENDOR_STAGE],
  statusNames: {
    in_review: { zh: '取消专员审核中', en: 'Cancellation under review' },
    rejected: { zh: '取消专员审核未通过', en: 'Cancellation rejected' },
    returned: { zh: '取消专员审核未通过', en: 'Cancellation rejected' },
    approved: { zh: '取消专员审核通过', en: 'Cancellation approved' },
    withdrawn: { zh: '已撤销申请', en: 'Request revoked' },
  },
  applicants: ['partner'],
  permission: P.orgSpecialists,
  withdrawable: true,
  hooks: {
    onSubmitted: onCancelSubmitted,
    onApproved: onCancelApproved,
    onRejected: onCancelRejected,
    onReturned: onCancelRejected, // as 取消专员审核未通过
    onWithdrawn: onCancelWithdrawn,
  },
});

/** 手工上传证书 (guide 5.2.2.4): the employee's own account applies; subject = the certificate row. */
export const memberCertificateKind: ReviewKind = defineReviewKind({
  kind: MEMBER_CERTIFICATE_KIND,
  title: { zh: '个人证书审核', en: 'Personal certificate review' },
  stages: [VENDOR_STAGE],
  statusNames: {
    in_review: { zh: '审核中', en: 'Under review' },
    approved: { zh: '审核通过', en: 'Approved' },
    rejected: { zh: '审核未通过', en: 'Rejected' },
    returned: { zh: '审核未通过', en: 'Rejected' },
  },
  applicants: ['account'],
  withdrawable: false, // the guide offers no withdrawal; the member edits after the decision
  hooks: { onSubmitted: onCertificateSubmitted, onApproved: onCertificateApproved, onRejected: onCertificateRejected, onReturned: onCertificateRejected },
});

/** Register these in the server's one ReviewRegistry (the operations queue and its decisions). */
export const specialistReviewKinds: readonly ReviewKind[] = [specialistApplyKind, specialistCancelKind, memberCertificateKind];

