import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import type { Text } from '../../platform/i18n/index.js';
import { render } from '../../platform/i18n/index.js';
import { formatForRecipient, sendAll } from '../../platform/notify/index.js';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';

/**
 * 伙伴发展路径认证年度复核 (spec 01 §2.10, §3.4, R40; guide L1548–1627): the yearly calendar, the status
 * names and the partner notices (站内信, e-mail and SMS, L1595, L1613).
 *
 * The guide gives only "在伙伴中心页面规定的日期内完成复核申请", "修改材料截止时间以伙伴中心页面规定时间为准" and
 * "复核结果将于2025年1月底左右发出" for the 2024 review. Our reading (China time): the year's review opens on
 * 1 November, applications close at the end of 31 December, modified materials at the end of 20 January,
 * and results follow around the end of January.
 */

const CHINA = '+08:00';
const at = (y: number, md: string) => new Date(`${y}-${md}T00:00:00${CHINA}`);

export interface ReviewCycle {
  year: number;
  opensAt: Date;
  applyDeadline: Date; // exclusive: the last moment to apply is just before it
  modificationDeadline: Date; // exclusive
  resultsBy: Date;
}

export function reviewCycle(year: number): ReviewCycle {
  return {
    year,
    opensAt: at(year, '11-01'),
    applyDeadline: at(year + 1, '01-01'),
    modificationDeadline: at(year + 1, '01-21'),
    resultsBy: at(year + 1, '01-31'),
  };
}

/** The year whose review is open for applications at `now` (between its opening and its application deadline). */
export function openCycleAt(now: Date): ReviewCycle | null {
  const chinaYear = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  for (const y of [chinaYear, chinaYear - 1]) {
    const c = reviewCycle(y);
    if (now >= c.opensAt && now < c.applyDeadline) return c;
  }
  return null;
}

export const ANNUAL_REVIEW_STATUSES = ['started', 'reviewing', 'modification_requested', 'passed', 'failed'] as const;
export type AnnualReviewStatus = (typeof ANNUAL_REVIEW_STATUSES)[number];

/** The guide's names; a modification request keeps the review "复核中" (§3.4). 待申请复核 is ours (the guide shows the button 申请复核). */
export const ANNUAL_REVIEW_STATUS_NAMES: Record<AnnualReviewStatus, Text> = {
  started: { zh: '待申请复核', en: 'Awaiting review application' },
  reviewing: { zh: '复核中', en: 'Under annual review' },
  modification_requested: { zh: '复核中', en: 'Under annual review' },
  passed: { zh: '复核通过', en: 'Review passed' },
  failed: { zh: '复核不通过', en: 'Review failed' },
};

export const REVIEW_TITLE: Text = { zh: '伙伴发展路径认证年度复核', en: 'Annual review of development-path certification' };

/** Automatic failures (no staff decision): the deadline passed. */
export const NOT_APPLIED_IN_TIME: Text = { zh: '未在规定日期内提交复核申请', en: 'No review application was submitted by the deadline' };
export const NOT_MODIFIED_IN_TIME: Text = { zh: '未在截止日期前修改复核材料', en: 'The materials were not modified by the deadline' };

/** The last moment before an exclusive deadline, as users read it ("2024/12/31 23:59:59 GMT+08:00"). */
export const lastMoment = (deadline: Date) => new Date(deadline.getTime() - 1000);

export type NoticeEvent = 'started' | 'modification' | 'passed' | 'failed';

export interface NoticeFacts {
  year: number;
  pathName: Text;
  stageName: Text;
  deadline?: Date;
  opinion?: string | null;
  rolledBackTo?: Text;
}

function noticeText(e: NoticeEvent, f: NoticeFacts, when: string): { subject: Text; body: Text } {
  const subject = { zh: `${f.year}年${REVIEW_TITLE.zh}`, en: `${f.year} ${REVIEW_TITLE.en}` };
  const what = { zh: `${f.pathName.zh}发展路径（${f.stageName.zh}）`, en: `${f.pathName.en} path (${f.stageName.en})` };
  switch (e) {
    case 'started':
      return {
        subject,
        body: {
          zh: `您的${what.zh}已启动${f.year}年年度复核，请确保各要求项满足要求后，于${when}前登录伙伴中心，在“主页”发展路径模块中单击“申请复核”并上传复核材料。`,
          en: `The ${f.year} annual review of your ${what.en} has started. Make sure every requirement is met, then sign in to Partner Center before ${when}, click "Apply for review" on the home page and upload the review materials.`,
        },
      };
    case 'modification':
      return {
        subject,
        body: {
          zh: `您的${what.zh}年度复核材料需要修改，修改意见：${f.opinion ?? ''}。请于${when}前在路径卡片中单击“查看修改意见”，并“修改材料”后重新提交审核。`,
          en: `Your review materials for the ${what.en} need changes: ${f.opinion ?? ''}. Before ${when}, open "View modification opinion" on the path card, modify the materials and submit them again.`,
        },
      };
    case 'passed':
      return {
        subject,
        body: {
          zh: `您的${what.zh}${f.year}年年度复核已通过，伙伴发展路径保持当前认证阶段。`,
          en: `Your ${what.en} passed the ${f.year} annual review and keeps its current certification stage.`,
        },
      };
    case 'failed':
      return {
        subject,
        body: {
          zh: `您的${what.zh}${f.year}年年度复核不通过，审核意见：${f.opinion ?? ''}。路径认证已回退到“${f.rolledBackTo?.zh ?? ''}”阶段。`,
          en: `Your ${what.en} failed the ${f.year} annual review. Opinion: ${f.opinion ?? ''}. The path certification is back at "${f.rolledBackTo?.en ?? ''}".`,
        },
      };
  }
}

/**
 * 站内信 + e-mail + SMS to the partner account (L1595 "通过邮件/站内信/短信", L1613), in its language and time
 * zone. SMS rows go to the notify outbox on channel 'sms' (no SMS provider in this code base: they are kept
 * and shown in the demo inbox). `site: false` when the review engine already wrote the 站内信 of the decision.
 */
export async function notifyPartner(
  tx: Executor,
  partnerId: string,
  event: NoticeEvent,
  facts: NoticeFacts,
  opts: { reviewId: string; site?: boolean },
): Promise<void> {
  const [who] = await tx
    .select({ accountId: accounts.id, email: accounts.email, mobile: accounts.mobile, language: accounts.language, timeZone: accounts.timeZone })
    .from(partners)
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(eq(partners.id, partnerId));
  if (!who) return;
  const when = facts.deadline ? formatForRecipient(lastMoment(facts.deadline), who.timeZone, who.language) : '';
  const text = noticeText(event, facts, when);
  await sendAll(
    tx,
    { site: opts.site === false ? null : { kind: 'partner', id: partnerId }, email: who.email, sms: who.mobile },
    {
      template: `paths.annual-review.${event}`,
      subject: render(text.subject, who.language),
      body: render(text.body, who.language),
      data: { annualReviewId: opts.reviewId, text },
      to: { kind: 'account', id: who.accountId },
    },
  );
}
