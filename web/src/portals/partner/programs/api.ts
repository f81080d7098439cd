import { useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError, type ApiBody, type ApiData } from '../../../api/client';
import { useMe } from '../../../auth/session';
import { PARTNER_BASE } from '../menu';

/** Shapes of /api/programs/*, query keys and small helpers of the 计划 pages. */

type Item<T> = T extends { items: (infer I)[] } ? I : never;

export type ProgramCard = Item<ApiData<'/api/programs', 'get'>>;
export type ProgramKey = ProgramCard['program'];
export type Eligibility = ApiData<'/api/programs/eligibility', 'get'>;
export type Condition = Eligibility['conditions'][number];
export type FormOptions = ApiData<'/api/programs/form-options', 'get'>;
export type Application = ApiData<'/api/programs/applications/{id}', 'get'>;
export type AppProgram = Application['program'];
export type ApplicationBody = ApiBody<'/api/programs/applications', 'post'>;
export type BusinessInfo = NonNullable<ApplicationBody['businessInfo']>;
export type Answers = NonNullable<ApplicationBody['answers']>;
export type DueDiligence = NonNullable<ApplicationBody['dueDiligence']>;
export type Contact = Application['contacts'][number];
export type Level = NonNullable<Application['level']>;
export type Membership = Item<ApiData<'/api/programs/memberships', 'get'>>;
export type UpgradeCheck = ApiData<'/api/programs/level-upgrade', 'get'>;
export type Upgrade = ApiData<'/api/programs/level-upgrades/{id}', 'get'>;
export type SignedAgreement = Item<ApiData<'/api/programs/agreements', 'get'>>;
export type Scorecard = ApiData<'/api/programs/distributor/scorecard', 'get'>;
export type Metric = Scorecard['metrics'][number];
export type Assessment = ApiData<'/api/programs/distributor/assessments/{id}', 'get'>;
export type Link = Item<ApiData<'/api/programs/distributor/resellers', 'get'>>;
export type ResellerInvitation = ApiData<'/api/programs/reseller/invitations/{id}', 'get'>;
export type ExpiryNotice = ApiData<'/api/programs/solution-provider/expiry', 'get'>;

export const PROGRAMS_BASE = `${PARTNER_BASE}/programs`;
export const AGREEMENTS_PATH = `${PROGRAMS_BASE}/agreements`;
export const SCORECARD_PATH = `${PARTNER_BASE}/home/scorecard`;
export const RESELLERS_PATH = `${PARTNER_BASE}/sales/resellers`;

export const KEYS = {
  all: ['programs'] as const,
  catalogue: ['programs', 'catalogue'] as const,
  options: ['programs', 'form-options'] as const,
  applications: ['programs', 'applications'] as const,
  application: (id: string) => ['programs', 'applications', 'one', id] as const,
  memberships: ['programs', 'memberships'] as const,
  upgrades: ['programs', 'level-upgrades'] as const,
  agreements: ['programs', 'agreements'] as const,
  declaration: ['programs', 'declaration'] as const,
  scorecard: ['programs', 'scorecard'] as const,
  assessments: ['programs', 'assessments'] as const,
  reseller: ['programs', 'reseller'] as const,
  distributor: ['programs', 'distributor'] as const,
  expiry: ['programs', 'expiry'] as const,
};

export const useCatalogue = () => useQuery({ queryKey: KEYS.catalogue, queryFn: () => api.GET('/api/programs') });
export const useFormOptions = () => useQuery({ queryKey: KEYS.options, queryFn: () => api.GET('/api/programs/form-options'), staleTime: Infinity });
export const useMemberships = () => useQuery({ queryKey: KEYS.memberships, queryFn: () => api.GET('/api/programs/memberships') });

/** Who is signed in: changes are for the partner administrator (the server refuses the others too). */
export function useActor() {
  const { data: me } = useMe();
  const actor = me?.actor;
  return {
    canWrite: actor?.kind === 'partner' && actor.isAdmin,
    /** the account itself (超级管理员), not an IAM member: quick registration is its alone */
    isMainAccount: actor?.kind === 'partner' && !actor.memberId,
  };
}

/** "2024/06/27 11:03:01", as the guide prints dates. */
export const guideTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY/MM/DD HH:mm:ss') : '--');
export const guideDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY/MM/DD') : '--');

/** The refusal of a submission while conditions are unmet (409 programs.not-eligible) carries them. */
export function refusalReasons(err: unknown): Condition[] | null {
  if (!(err instanceof ApiError) || err.code !== 'programs.not-eligible') return null;
  const reasons = err.params.reasons;
  return Array.isArray(reasons) ? (reasons as Omit<Condition, 'met'>[]).map((r) => ({ ...r, met: false })) : [];
}

type NamePath = (string | number)[];

/**
 * Put the server's field messages on the form's items. Keys are the request's body paths
 * (`businessInfo.companyName`, `answers.performanceBand`); `map` renames the few that differ
 * (a contact's `contacts.0.email` lands on the contacts table). Returns the names that were set.
 */
export function applyFieldErrors(err: unknown, form: FormInstance, map: (key: string) => NamePath | null = () => null): NamePath[] {
  if (!(err instanceof ApiError)) return [];
  const byName = new Map<string, { name: NamePath; errors: string[] }>();
  for (const [key, msg] of Object.entries(err.fields)) {
    const name = map(key) ?? key.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const id = JSON.stringify(name);
    const entry = byName.get(id) ?? { name, errors: [] };
    entry.errors.push(msg);
    byName.set(id, entry);
  }
  const list = [...byName.values()];
  if (list.length) form.setFields(list);
  return list.map((x) => x.name);
}

/**
 * Enter in a plain text input runs `act` (a dialog's or a wizard's main button sits outside the
 * form or is not its submit button); selects, pickers and text areas keep their own Enter.
 */
export const onEnter = (act: () => void) => (e: React.KeyboardEvent) => {
  const el = e.target as HTMLElement;
  if (e.key !== 'Enter' || e.nativeEvent.isComposing || el.tagName !== 'INPUT') return;
  if (el.closest('.ant-select, .ant-picker, .ant-upload')) return;
  e.preventDefault();
  act();
};
export const submitOnEnter = (form: FormInstance) => onEnter(() => form.submit());
