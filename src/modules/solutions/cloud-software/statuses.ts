import { addDays, addMonths } from '../../../platform/clock.js';
import type { Text } from '../../../platform/i18n/index.js';
import type { CloudSolution, SolutionKind, SolutionSource } from './schema.js';

/** The guide's numbers (spec 02 R46, R47). */
export const TEXT_LIMIT = 1000; // 目标客户 / 应用场景 / 其他认证说明信息
export const VALIDITY_MONTHS = 12; // 有效期: 认证通过后12个月内
export const RECERTIFY_WINDOW_DAYS = 60; // 在方案失效前60天开始 (also 即将到期)

/** What the list's 状态 column shows, computed on read from the review state and the platform clock. */
export const DISPLAY_STATUSES = ['draft', 'in_review', 'rejected', 'withdrawn', 'approved', 'expiring', 'expired'] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export const DISPLAY_STATUS_NAMES: Record<DisplayStatus, Text> = {
  draft: { zh: '草稿', en: 'Draft' },
  in_review: { zh: '认证审核中', en: 'Under certification review' },
  rejected: { zh: '认证不通过', en: 'Certification rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  approved: { zh: '认证通过', en: 'Certified' },
  expiring: { zh: '即将到期', en: 'Expiring soon' },
  expired: { zh: '已过期', en: 'Expired' },
};

export const SOURCE_NAMES: Record<SolutionSource, Text> = {
  new: { zh: '新建', en: 'New' },
  lead_baseline: { zh: '使用伙伴Lead基线解决方案', en: 'From a partner-Lead baseline solution' },
};

export const KIND_NAMES: Record<SolutionKind, Text> = {
  cloud: { zh: '云软件方案', en: 'Cloud software solution' },
  advanced: { zh: '先进云软件方案', en: 'Advanced cloud software solution' },
};

export const validityEnd = (approvedAt: Date) => addMonths(approvedAt, VALIDITY_MONTHS);

/**
 * 状态: a review under way shows 认证审核中; before any approval the review's outcome shows; once
 * certified, the validity decides: 已过期 from its end, 即将到期 within 60 days of it, else 认证通过.
 * A refused re-certification leaves the validity-based status (the row shows the refusal apart).
 */
export function displayStatus(row: Pick<CloudSolution, 'reviewState' | 'validUntil'>, now: Date): DisplayStatus {
  if (row.reviewState === 'in_review') return 'in_review';
  if (!row.validUntil) {
    if (row.reviewState === 'returned' || row.reviewState === 'rejected') return 'rejected';
    if (row.reviewState === 'withdrawn') return 'withdrawn';
    return 'draft';
  }
  if (now.getTime() >= row.validUntil.getTime()) return 'expired';
  if (now.getTime() >= addDays(row.validUntil, -RECERTIFY_WINDOW_DAYS).getTime()) return 'expiring';
  return 'approved';
}

/** R47: re-certification opens 60 days before the end of the validity, and stays open after it. */
export function recertificationOpen(row: Pick<CloudSolution, 'validUntil'>, now: Date): boolean {
  return !!row.validUntil && now.getTime() >= addDays(row.validUntil, -RECERTIFY_WINDOW_DAYS).getTime();
}
