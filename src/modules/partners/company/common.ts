import { and, eq } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/index.js';
import { AppError, fieldError } from '../../../platform/errors.js';
import type { Text } from '../../../platform/i18n/index.js';
import { accounts } from '../../accounts/schema.js';
import { companies, partners } from '../schema.js';

/** Helpers shared by the company-information services (validation, the tenant's company, languages). */

export const lang = (ctx: Ctx): 'zh' | 'en' => (ctx.lang === 'en-US' ? 'en' : 'zh');
export const say = (ctx: Ctx, t: Text): string => t[lang(ctx)];

export const chars = (s: string): number => [...s].length;
export const blankToNull = (s: string | null | undefined): string | null => (s == null || s.trim() === '' ? null : s.trim());

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MOBILE_RE = /^\+?\d{1,4}-?\d{5,15}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export const isEmail = (s: string): boolean => EMAIL_RE.test(s) && s.length <= 128;
export const isMobile = (s: string): boolean => MOBILE_RE.test(s.replace(/\s/g, ''));
export const isDate = (s: string): boolean =>
  DATE_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** A required text field: trimmed, non-empty, at most `max` characters; the refusal names the field. */
export function requiredText(field: string, value: string | null | undefined, label: Text, max: number): string {
  const s = (value ?? '').trim();
  if (!s) throw fieldError(field, 'company.required', { zh: `请填写${label.zh}`, en: `${label.en} is required` });
  if (chars(s) > max) throw fieldError(field, 'company.too-long', { zh: `${label.zh}不能超过${max}个字符`, en: `${label.en} must be at most ${max} characters` });
  return s;
}

/** An optional text field: blank → null, otherwise at most `max` characters. */
export function optionalText(field: string, value: string | null | undefined, label: Text, max: number): string | null {
  const s = blankToNull(value);
  if (s && chars(s) > max) throw fieldError(field, 'company.too-long', { zh: `${label.zh}不能超过${max}个字符`, en: `${label.en} must be at most ${max} characters` });
  return s;
}

/** Names compare without spaces and with half-width brackets (营业执照 names mix both). */
export const sameName = (a: string | null | undefined, b: string | null | undefined): boolean => {
  const n = (s: string) => s.trim().replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
  return !!a && !!b && n(a) === n(b);
};

export interface TenantCompany {
  partnerId: string;
  accountId: string;
  companyId: string;
  companyName: string;
  uscc: string;
  isMainAccount: boolean;
  programs: string[];
}

/** The acting partner account's company (the tenant's, from the session, never from input). */
export async function tenantCompany(ex: Executor, actor: PartnerActor, forUpdate = false): Promise<TenantCompany> {
  const q = ex
    .select({
      partnerId: partners.id,
      accountId: partners.accountId,
      companyId: companies.id,
      companyName: companies.name,
      uscc: companies.uscc,
      isMainAccount: partners.isMainAccount,
      programs: partners.programs,
    })
    .from(partners)
    .innerJoin(companies, eq(companies.id, partners.companyId))
    .where(eq(partners.id, actor.partnerId));
  const [row] = forUpdate ? await q.for('update', { of: companies }) : await q;
  if (!row) throw new Error(`partner ${actor.partnerId} has no company`);
  return row;
}

/** The company's partner accounts, main first (for 账号信息 and notifications). */
export async function companyAccounts(ex: Executor, companyId: string) {
  return ex
    .select({
      partnerId: partners.id,
      accountId: accounts.id,
      accountName: accounts.accountName,
      displayName: partners.displayName,
      mobile: accounts.mobile,
      email: accounts.email,
      isMainAccount: partners.isMainAccount,
      status: partners.status,
      joinedAt: partners.joinedAt,
    })
    .from(partners)
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(eq(partners.companyId, companyId))
    .orderBy(partners.joinedAt, partners.id);
}

/** The main account of a company, if any. */
export async function mainAccountOf(ex: Executor, companyId: string) {
  const [row] = await ex
    .select({ partnerId: partners.id, accountId: accounts.id, accountName: accounts.accountName, mobile: accounts.mobile, email: accounts.email, enterpriseName: accounts.enterpriseName, realNameStatus: accounts.realNameStatus, realNameType: accounts.realNameType })
    .from(partners)
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(and(eq(partners.companyId, companyId), eq(partners.isMainAccount, true)));
  return row ?? null;
}

/** The partner account's own contact details (e-mail and SMS notices go there). */
export async function partnerContact(ex: Executor, partnerId: string) {
  const [row] = await ex
    .select({ accountId: accounts.id, mobile: accounts.mobile, email: accounts.email, companyId: partners.companyId })
    .from(partners)
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(eq(partners.id, partnerId));
  return row ?? null;
}

/** Only the main account manages the company's key information (R3, R6). */
export function requireMainAccount(company: TenantCompany, text: Text): void {
  if (!company.isMainAccount) throw new AppError(403, 'company.main-account-only', text);
}

/** "****1234": bank accounts in audit entries and notices. */
export const maskAccount = (n: string): string => (n.length <= 4 ? n : `****${n.slice(-4)}`);
