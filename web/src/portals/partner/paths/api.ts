import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiData } from '../../../api/client';
import { PARTNER_BASE } from '../menu';

export type PathSummary = ApiData<'/api/paths', 'get'>['items'][number];
export type PathType = PathSummary['type'];
export type PathDetail = ApiData<'/api/paths/detail', 'get'>;
export type StageView = PathDetail['stages'][number];
export type Certification = ApiData<'/api/paths/certifications/{id}', 'get'>;
export type AnnualReview = ApiData<'/api/paths/annual-reviews/{id}', 'get'>;

export const PATHS_KEY = ['paths'] as const;
/** 主页 > 发展路径: the pages live under the home route (the invitation e-mail links to …/home/paths?select=si). */
export const PATHS_BASE = `${PARTNER_BASE}/home/paths`;
export const pathDetailUrl = (type: string) => `${PATHS_BASE}/${type}`;

export const usePaths = () => useQuery({ queryKey: [...PATHS_KEY, 'list'], queryFn: () => api.GET('/api/paths') });
export const usePathDetail = (type: PathType | undefined) =>
  useQuery({ queryKey: [...PATHS_KEY, 'detail', type], queryFn: () => api.GET('/api/paths/detail', { params: { query: { path: type! } } }), enabled: !!type });
export const useCertifications = (type: PathType | undefined) =>
  useQuery({ queryKey: [...PATHS_KEY, 'certifications', type], queryFn: () => api.GET('/api/paths/certifications', { params: { query: { path: type } } }) });

export const useAnnualReviews = (type?: PathType) =>
  useQuery({ queryKey: [...PATHS_KEY, 'annual-reviews', type ?? 'all'], queryFn: () => api.GET('/api/paths/annual-reviews', { params: { query: { path: type } } }) });

/** 下载证书 of a certified stage (a PDF). */
export const stageCertificateUrl = (type: string, stage: string) => `/api/paths/${encodeURIComponent(type)}/stages/${encodeURIComponent(stage)}/certificate`;

export function useInvalidatePaths() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: PATHS_KEY });
}
