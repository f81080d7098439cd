import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type ApiData } from '../../../api/client';
import { PARTNER_BASE } from '../menu';

export type Label = ApiData<'/api/capabilities/labels', 'get'>['items'][number];
export type CapabilityRecord = ApiData<'/api/capabilities/applications', 'get'>['items'][number];
export type CapabilityDetail = ApiData<'/api/capabilities/applications/{id}', 'get'>;
export type CapabilityResult = ApiData<'/api/capabilities/results', 'get'>['items'][number];
export type CapabilityDownload = ApiData<'/api/capabilities/downloads', 'get'>['items'][number];

export const CAP_KEY = ['capabilities'] as const;
export const CAP_BASE = `${PARTNER_BASE}/capabilities`;

export const useLabels = () => useQuery({ queryKey: [...CAP_KEY, 'labels'], queryFn: () => api.GET('/api/capabilities/labels') });
export const useResults = () => useQuery({ queryKey: [...CAP_KEY, 'results'], queryFn: () => api.GET('/api/capabilities/results') });

/** The guide prints China dates as 2022/05/01. */
export const guideDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY/MM/DD') : '--');

export const artworkUrl = (applicationId: string, what: 'badge' | 'certificate') => `/api/capabilities/results/${encodeURIComponent(applicationId)}/${what}`;
export const reviewCommentsUrl = (id: string) => `/api/capabilities/applications/${encodeURIComponent(id)}/review-comments`;
