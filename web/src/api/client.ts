import createClient, { type Middleware } from 'openapi-fetch';

/**
 * The one door to the server's /api. Every request carries the UI language (`x-lang`) and,
 * for changes, the CSRF token from GET /api/auth/me. Errors come back as `ApiError` with the
 * server's `{ code, message, fields }` so forms can show `message` and put `fields` on items.
 *
 * The generated OpenAPI types (`schema.d.ts`, from `npm run openapi`) are not here yet, so the
 * client is untyped and callers name their response types from `./types`. Swapping in the
 * generated `paths` is: `createClient<paths>()` and letting the compiler check each call.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type UntypedPaths = any;

let csrfToken: string | null = null;
let currentLang = 'zh-CN';

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}
export function setApiLanguage(lang: string): void {
  currentLang = lang;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
  /** values the message is about, e.g. { accountName: 'x' } for 账号名已存在 */
  params?: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  readonly params: Record<string, unknown>;
  constructor(status: number, body: Partial<ApiErrorBody>) {
    super(body.message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? 'http_' + status;
    this.fields = body.fields ?? {};
    this.params = body.params ?? {};
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function applyHeaders(headers: Headers, method: string): void {
  headers.set('x-lang', currentLang);
  if (UNSAFE.has(method.toUpperCase()) && csrfToken) headers.set('x-csrf-token', csrfToken);
}

const headersMiddleware: Middleware = {
  onRequest({ request }) {
    applyHeaders(request.headers, request.method);
    return request;
  },
};

export const client = createClient<UntypedPaths>({ baseUrl: '', credentials: 'same-origin' });
client.use(headersMiddleware);

/** Listeners told about a 401 (the session ended): the app refetches /api/auth/me. */
const unauthenticatedListeners = new Set<() => void>();
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

async function unwrap<T>(result: { data?: unknown; error?: unknown; response: Response }): Promise<T> {
  const { response } = result;
  if (!response.ok) {
    const body = (result.error && typeof result.error === 'object' ? result.error : {}) as Partial<ApiErrorBody>;
    if (response.status === 401) unauthenticatedListeners.forEach((l) => l());
    throw new ApiError(response.status, body);
  }
  return (result.data ?? undefined) as T;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

function cleanQuery(query?: Query): Record<string, string | number | boolean> | undefined {
  if (!query) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

export async function apiGet<T>(url: string, query?: Query): Promise<T> {
  return unwrap<T>(await client.GET(url, { params: { query: cleanQuery(query) } }));
}

export type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A change needs the session's CSRF token; after sign-out (or on a fresh tab) fetch it first. */
async function refreshCsrfToken(): Promise<void> {
  const { data } = await client.GET('/api/auth/me', {});
  setCsrfToken((data as { csrfToken?: string } | undefined)?.csrfToken);
}

async function send(method: Method, url: string, init: { body?: unknown }) {
  switch (method) {
    case 'POST':
      return client.POST(url, init);
    case 'PUT':
      return client.PUT(url, init);
    case 'PATCH':
      return client.PATCH(url, init);
    case 'DELETE':
      return client.DELETE(url, init);
  }
}

const isCsrfRefusal = (result: { error?: unknown; response: Response }) =>
  result.response.status === 403 && /csrf/i.test(String((result.error as Partial<ApiErrorBody> | undefined)?.code ?? ''));

export async function apiSend<T = unknown>(method: Method, url: string, body?: unknown): Promise<T> {
  const init = body === undefined ? {} : { body };
  if (!csrfToken) await refreshCsrfToken();
  let result = await send(method, url, init);
  // The session may have rotated (sign-in elsewhere, expiry): take the new token and try once more.
  if (isCsrfRefusal(result)) {
    await refreshCsrfToken();
    result = await send(method, url, init);
  }
  return unwrap<T>(result);
}

export const apiPost = <T = unknown>(url: string, body?: unknown) => apiSend<T>('POST', url, body ?? {});

export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  mime: string;
}

/** POST /api/files: multipart with `purpose` first, then `file` (the server streams in that order). */
export async function uploadFile(purpose: string, file: File | Blob, fileName?: string): Promise<UploadedFile> {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', file, fileName ?? (file instanceof File ? file.name : 'file'));
  if (!csrfToken) await refreshCsrfToken();
  const headers = new Headers();
  applyHeaders(headers, 'POST');
  const response = await fetch('/api/files', { method: 'POST', body: form, headers, credentials: 'same-origin' });
  const text = await response.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    if (response.status === 401) unauthenticatedListeners.forEach((l) => l());
    throw new ApiError(response.status, (data ?? {}) as Partial<ApiErrorBody>);
  }
  return data as UploadedFile;
}

export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;
