import type { Lang, Text } from '../../platform/i18n/index.js';

/**
 * Stored keys and the guide's Chinese names for them (what users see). One place, so a page, an
 * export and a notification say the same words.
 */

export const ASSOCIATION_TYPES = ['consulting', 'resale'] as const;
export type AssociationType = (typeof ASSOCIATION_TYPES)[number];
export const ASSOCIATION_TYPE_NAMES: Record<AssociationType, Text> = {
  consulting: { zh: '顾问销售', en: 'Consulting sale' },
  resale: { zh: '代售', en: 'Resale' },
};

/**
 * 交易模式 (op 1; guide 7641–7642, 8305–8306): the dialogs' explanation of each association type.
 * In both the partner may issue vouchers from its quota and pay orders on request; only 代售 has
 * adjustment (调账) and a partner monthly bill.
 */
export const ASSOCIATION_TYPE_DESCRIPTIONS: Record<AssociationType, Text> = {
  consulting: {
    zh: '顾问销售：客户的华为云消费由客户自己支付或由合作伙伴代为支付，其他功能由客户自行管理。',
    en: 'Consulting sale: the customer pays its Huawei Cloud consumption itself, or the partner pays on its behalf; the customer manages everything else.',
  },
  resale: {
    zh: '代售：合作伙伴可以对客户做现金拨款和回收，客户使用合作伙伴的拨款进行华为云消费，客户的发票由合作伙伴开具。',
    en: "Resale: the partner allocates and recalls cash; the customer spends only the partner's allocations and is invoiced by the partner.",
  },
};

export const REPORT_STATUSES = ['pending_review', 'reported', 'associated', 'expired', 'rejected'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_NAMES: Record<ReportStatus, Text> = {
  pending_review: { zh: '待审核', en: 'Pending review' },
  reported: { zh: '已报备', en: 'Reported' },
  associated: { zh: '已关联', en: 'Associated' },
  expired: { zh: '已失效', en: 'Expired' },
  rejected: { zh: '审核未通过', en: 'Rejected' }, // the guide does not describe a rejection; inferred
};

export const INVITATION_KINDS = ['email', 'generic', 'custom', 'activity'] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];
export const INVITATION_KIND_NAMES: Record<InvitationKind, Text> = {
  email: { zh: '线上邀请', en: 'E-mail invitation' },
  generic: { zh: '通用邀请链接', en: 'Generic link' },
  custom: { zh: '自定义邀请链接', en: 'Custom link' },
  activity: { zh: '活动邀请链接', en: 'Activity link' },
};
export const CUSTOM_TYPES = ['tag', 'dedicated_am'] as const;
export type CustomType = (typeof CUSTOM_TYPES)[number];
export const CUSTOM_TYPE_NAMES: Record<CustomType, Text> = {
  tag: { zh: '自定义标签', en: 'Custom tag' },
  dedicated_am: { zh: '专属客户经理', en: 'Dedicated account manager' },
};

export const RECORD_STATUSES = ['invited', 'associated', 'failed', 'expired'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export const RECORD_STATUS_NAMES: Record<RecordStatus, Text> = {
  invited: { zh: '已邀请', en: 'Invited' },
  associated: { zh: '已关联', en: 'Associated' },
  failed: { zh: '关联失败', en: 'Association failed' },
  expired: { zh: '已失效', en: 'Expired' },
};

export const EVENT_TYPES = ['associate', 'unbind', 'switch'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const EVENT_TYPE_NAMES: Record<EventType, Text> = {
  associate: { zh: '关联', en: 'Associate' },
  unbind: { zh: '解除关联', en: 'Unbind' },
  switch: { zh: '切换关联类型', en: 'Switch association type' },
};

export const EVENT_INITIATORS = ['partner', 'customer', 'system'] as const;
export type EventInitiator = (typeof EVENT_INITIATORS)[number];
export const EVENT_INITIATOR_NAMES: Record<EventInitiator, Text> = {
  partner: { zh: '伙伴发起', en: 'By the partner' },
  customer: { zh: '客户发起', en: 'By the customer' },
  system: { zh: '系统操作', en: 'System' },
};

export const EVENT_STATUSES = ['pre_review', 'pre_review_rejected', 'pending', 'completed', 'rejected', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const EVENT_STATUS_NAMES: Record<EventStatus, Text> = {
  pre_review: { zh: '待预审', en: 'Awaiting pre-review' },
  pre_review_rejected: { zh: '预审不通过', en: 'Pre-review not passed' },
  pending: { zh: '待确认', en: 'Awaiting confirmation' },
  completed: { zh: '已完成', en: 'Completed' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
export const OPEN_EVENT_STATUSES: readonly EventStatus[] = ['pre_review', 'pending'];

export const pick = (t: Text, lang: Lang): string => (lang === 'en-US' ? t.en : t.zh);
export const nameOf = <K extends string>(names: Record<K, Text>, key: string, lang: Lang): string =>
  key in names ? pick(names[key as K], lang) : key;

export const CUSTOMER: Text = { zh: '客户', en: 'Customer' };
export const REPORT: Text = { zh: '报备记录', en: 'Report' };
export const INVITATION: Text = { zh: '邀请链接', en: 'Invitation link' };
export const RECORD: Text = { zh: '拓展记录', en: 'Expansion record' };
export const EVENT: Text = { zh: '关联关系申请', en: 'Association request' };
export const COMPANY: Text = { zh: '企业', en: 'Company' };
export const ACTIVITY: Text = { zh: '活动', en: 'Activity' };
