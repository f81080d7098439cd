import { sql } from 'drizzle-orm';
import { clock, addMonths, DAY_MS, HOUR_MS } from '../../platform/clock.js';
import { rows, type Executor } from '../../platform/db/index.js';
import { MB } from '../../platform/files/index.js';
import type { Text } from '../../platform/i18n/index.js';
import type { CapabilityStatus } from './schema.js';

/** The guide's numbers for capability certification (spec 02 R51–R54). */
export const FORM_MAX_BYTES = 50 * MB; // R51 评估表: Excel ≤ 50M
export const EVIDENCE_MAX_BYTES = 1024 * MB; // R51 举证材料: rar/zip ≤ 1G
export const FORM_EXTENSIONS = ['xls', 'xlsx'] as const;
export const EVIDENCE_EXTENSIONS = ['rar', 'zip'] as const;
export const FORBIDDEN_NAME_CHARS = '!;"@#%&^*~<>|'; // R51 文件名不能包含这些字符
export const UPDATE_DAYS = 30; // R54 30个自然日内更新材料
export const SUSPENSION_MONTHS = 6; // R53 / R54 暂停受理6个月
/** 有效期: the guide shows no rule, only sample rows (2022/11/19-2024/11/19, L4924); inferred 24 months. */
export const VALIDITY_MONTHS = 24;
export const PRODUCT_NAME_MAX = 100;

export const STATUS_NAMES: Record<CapabilityStatus, Text> = {
  reviewing: { zh: '审核中', en: 'Under review' },
  materials_update: { zh: '审核材料待更新', en: 'Materials to update' },
  passed: { zh: '通过', en: 'Passed' },
  failed: { zh: '不通过', en: 'Failed' },
  ended: { zh: '流程结束', en: 'Process ended' },
};

const CHINA_OFFSET_MS = 8 * HOUR_MS; // the guide's dates are China dates (UTC+8, no daylight saving)

/** Midnight (China time) of the day `d` falls on. */
export function chinaDayStart(d: Date): Date {
  const local = d.getTime() + CHINA_OFFSET_MS;
  return new Date(local - (local % DAY_MS) - CHINA_OFFSET_MS);
}

/** "2022/05/01" as the guide prints dates (China time). */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '/');
}

/**
 * R54: 30 natural days after the return, counting whole China calendar days after the day of
 * the return; materials are accepted until the end of the 30th day.
 */
export function updateDeadlineFor(returnedAt: Date): Date {
  return new Date(chinaDayStart(returnedAt).getTime() + (UPDATE_DAYS + 1) * DAY_MS);
}

export const suspensionEnd = (from: Date): Date => addMonths(from, SUSPENSION_MONTHS);
export const validityEnd = (from: Date): Date => addMonths(from, VALIDITY_MONTHS);

/** The first forbidden character in a file name, if any (R51). */
export function forbiddenCharIn(name: string): string | null {
  for (const ch of name) if (FORBIDDEN_NAME_CHARS.includes(ch)) return ch;
  return null;
}

/**
 * R54: returned applications whose 30 days have run out end (流程结束) and their label is
 * suspended 6 months from the deadline (calendar months in UTC,
 * as addMonths). Evaluated lazily before every read or apply of a partner
 * (`partnerId`) and by the daily job (all partners); one statement, so it is atomic and idempotent.
 * Returns the number of applications it ended.
 */
export async function expireOverdueUpdates(ex: Executor, opts: { partnerId?: string } = {}): Promise<number> {
  const now = clock.now().toISOString();
  const partnerFilter = opts.partnerId ? sql`AND partner_id = ${opts.partnerId}::uuid` : sql``;
  const ended = await rows<{ id: string }>(
    ex,
    sql`WITH ended AS (
          UPDATE capability_applications
             SET status = 'ended', ended_at = update_deadline, updated_at = ${now}::timestamptz
           WHERE status = 'materials_update' AND update_deadline <= ${now}::timestamptz ${partnerFilter}
       RETURNING id, partner_id, level1_label, update_deadline)
        INSERT INTO capability_suspensions (partner_id, level1_label, cause, application_id, starts_at, ends_at, created_at)
        SELECT partner_id, level1_label, 'update-expired', id, update_deadline,
               (update_deadline AT TIME ZONE 'UTC' + make_interval(months => ${SUSPENSION_MONTHS}::int)) AT TIME ZONE 'UTC', ${now}::timestamptz
          FROM ended
        ON CONFLICT (application_id) DO NOTHING
     RETURNING application_id AS id`,
  );
  return ended.length;
}
