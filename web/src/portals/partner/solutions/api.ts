import { api, type ApiBody, type ApiData, type ApiQuery } from '../../../api/client';
import { PARTNER_BASE } from '../menu';

/** 构建 > 云软件方案 (cloud) and 构建 > 先进云软件方案 (advanced): one shape, two menus and APIs. */
export type SolutionKind = 'cloud' | 'advanced';
export type SolutionPage = ApiData<'/api/build/cloud-software', 'get'>;
export type Solution = SolutionPage['items'][number];
export type SolutionDetail = ApiData<'/api/build/cloud-software/{id}', 'get'>;
export type SolutionBody = ApiBody<'/api/build/cloud-software', 'post'>;
export type RecertifyBody = ApiBody<'/api/build/cloud-software/{id}/recertify', 'post'>;
export type SolutionQuery = ApiQuery<'/api/build/cloud-software'>;
export type SaveResult = ApiData<'/api/build/cloud-software', 'post'>;

export const ROUTES: Record<SolutionKind, string> = {
  cloud: `${PARTNER_BASE}/build/cloud-software`,
  advanced: `${PARTNER_BASE}/build/advanced-software`,
};

export const solutionKeys = (kind: SolutionKind) => ['solutions', kind] as const;

export const listSolutions = (kind: SolutionKind, query: SolutionQuery) =>
  kind === 'cloud' ? api.GET('/api/build/cloud-software', { params: { query } }) : api.GET('/api/build/advanced-software', { params: { query } });

export const getSolution = (kind: SolutionKind, id: string) =>
  kind === 'cloud'
    ? api.GET('/api/build/cloud-software/{id}', { params: { path: { id } } })
    : api.GET('/api/build/advanced-software/{id}', { params: { path: { id } } });

export const createSolution = (kind: SolutionKind, body: SolutionBody) =>
  kind === 'cloud' ? api.POST('/api/build/cloud-software', { body }) : api.POST('/api/build/advanced-software', { body });

export const updateSolution = (kind: SolutionKind, id: string, body: SolutionBody) =>
  kind === 'cloud'
    ? api.PUT('/api/build/cloud-software/{id}', { params: { path: { id } }, body })
    : api.PUT('/api/build/advanced-software/{id}', { params: { path: { id } }, body });

export const recertifySolution = (kind: SolutionKind, id: string, body: RecertifyBody) =>
  kind === 'cloud'
    ? api.POST('/api/build/cloud-software/{id}/recertify', { params: { path: { id } }, body })
    : api.POST('/api/build/advanced-software/{id}/recertify', { params: { path: { id } }, body });

/** 下载证书: a plain link (the server sends the PDF with its file name). */
export const certificateUrl = (kind: SolutionKind, id: string) =>
  `/api/build/${kind === 'cloud' ? 'cloud-software' : 'advanced-software'}/${encodeURIComponent(id)}/certificate`;
