import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type ApiData } from '../../../api/client';
import { PARTNER_BASE } from '../menu';

/** The 伙伴信息 API shapes (generated client) and the queries the pages share. */

export type CompanyInfo = ApiData<'/api/company/info', 'get'>;
export type ChangeRecord = ApiData<'/api/company/info/changes', 'get'>['items'][number];
export type ChangeOutcome = ApiData<'/api/company/info/changes', 'post'>;
export type AccountsList = ApiData<'/api/company/accounts', 'get'>;
export type AccountRow = AccountsList['items'][number];
export type Overview = ApiData<'/api/business-info', 'get'>;
export type Application = NonNullable<Overview['application']>;
export type MaterialPage = ApiData<'/api/company/cases', 'get'>;
export type MaterialRow = MaterialPage['items'][number];

export const INFO_BASE = `${PARTNER_BASE}/info`;
export const TICKETS_PATH = `${PARTNER_BASE}/support/tickets`;

export const KEYS = {
  info: ['company', 'info'] as const,
  changes: ['company', 'info', 'changes'] as const,
  accounts: ['company', 'accounts'] as const,
  business: ['business-info'] as const,
  materials: ['company', 'materials'] as const,
};

export const useCompanyInfo = () => useQuery({ queryKey: KEYS.info, queryFn: () => api.GET('/api/company/info') });
export const useAccounts = () => useQuery({ queryKey: KEYS.accounts, queryFn: () => api.GET('/api/company/accounts') });

/** The guide prints times as 2023/05/29 18:19:06. */
export const guideTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY/MM/DD HH:mm:ss') : '--');

export const licenceUrl = '/api/company/info/licence';
export const bankLetterTemplateUrl = (id: string) => `/api/business-info/applications/${encodeURIComponent(id)}/bank-letter-template`;

/** Statuses still moving on their own (the page polls while one shows). */
export const MOVING_STATUSES = ['auto_certifying'];
