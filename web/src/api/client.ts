import createClient, { createQuerySerializer, type ClientPathsWithMethod, type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The one door to the server's /api, typed by the generated OpenAPI schema (`schema.d.ts`, from
 * `npm run openapi`). Every request carries the UI language (`x-lang`) and, for changes, the CSRF
 * token from GET /api/auth/me. Errors come back as `ApiError` with the server's
 * `{ code, message, fields }` so forms can show `message` and put `fields` on items.
 *
 * Call it like openapi-fetch, but get the data (or an `ApiError`) back:
 *   const page = await api.GET('/api/org/members', { params: { query: { page: 1, pageSize: 20 } } });
 *   await api.PATCH('/api/org/members/{id}', { params: { path: { id } }, body: { name } });
 * Path, query and body are checked against the route schemas; the result has the response's type.
 */

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

/** Filters leave empty values (`undefined`, `null`, `''`) out of the query string. */
const defaultQuerySerializer = createQuerySerializer();
function querySerializer(query: Record<string, unknown>): string {
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') kept[k] = v;
  return defaultQuerySerializer(kept);
}

/** The raw openapi-fetch client (typed); prefer `api`, which unwraps data and errors. */
export const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin', querySerializer });
client.use(headersMiddleware);

/** Listeners told about a 401 (the session ended): the app refetches /api/auth/me. */
const unauthenticatedListeners = new Set<() => void>();
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

interface RawResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

function unwrap(result: RawResult): unknown {
  const { response } = result;
  if (!response.ok) {
    const body = (result.error && typeof result.error === 'object' ? result.error : {}) as Partial<ApiErrorBody>;
    if (response.status === 401) unauthenticatedListeners.forEach((l) => l());
    throw new ApiError(response.status, body);
  }
  return result.data ?? undefined;
}

/** A change needs the session's CSRF token; after sign-out (or on a fresh tab) fetch it first. */
async function refreshCsrfToken(): Promise<void> {
  const { data } = await client.GET('/api/auth/me');
  setCsrfToken(data?.csrfToken);
}

const isCsrfRefusal = (result: RawResult) =>
  result.response.status === 403 && /csrf/i.test(String((result.error as Partial<ApiErrorBody> | undefined)?.code ?? ''));

// ---- typed helpers -------------------------------------------------------------------------

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** Paths that have an operation for `M`. */
export type PathsFor<M extends HttpMethod> = ClientPathsWithMethod<typeof client, M>;
type Operation<P extends keyof paths, M extends HttpMethod> = paths[P][M];

type RequiredKeysHelper<T> = { [K in keyof T]: object extends Pick<T, K> ? never : K }[keyof T];
type RequiredKeys<T> = RequiredKeysHelper<T> extends undefined ? never : RequiredKeysHelper<T>;
// As openapi-fetch does: the init is its own type parameter, so a call without one type-checks
// when nothing in it is required (`Init` then falls back to its constraint).
type InitArgs<Init> = RequiredKeys<Init> extends never ? [init?: Init] : [init: Init];

type SuccessJson<R> = {
  [C in keyof R]: C extends 200 | 201 | 202 | 204 ? (R[C] extends { content: { 'application/json': infer J } } ? J : never) : never;
}[keyof R];
type OrVoid<T> = [T] extends [never] ? void : T;
/** The JSON body of an operation's success response (`void` when it has none). */
export type ApiData<P extends keyof paths, M extends HttpMethod> = OrVoid<
  Operation<P, M> extends { responses: infer R } ? SuccessJson<R> : never
>;
/** The `params.query` an operation takes. */
export type ApiQuery<P extends keyof paths, M extends HttpMethod = 'get'> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** The JSON body an operation takes. */
export type ApiBody<P extends keyof paths, M extends HttpMethod> = Operation<P, M> extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

// Each call is checked against the schema by `typed`'s signature (below); inside, the request is
// forwarded as it came, so the raw client is seen untyped here.
type RawCall = (url: string, init?: { params?: unknown; body?: unknown }) => Promise<RawResult>;
const raw = client as unknown as Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', RawCall>;

async function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, init: { params?: unknown; body?: unknown } = {}): Promise<unknown> {
  if (method === 'GET') return unwrap(await raw.GET(url, init));
  // A change with no body still sends `{}` (the routes' schemas expect a JSON object or nothing).
  const sent = init.body === undefined && method !== 'DELETE' ? { ...init, body: {} } : init;
  if (!csrfToken) await refreshCsrfToken();
  let result = await raw[method](url, sent);
  // The session may have rotated (sign-in elsewhere, expiry): take the new token and try once more.
  if (isCsrfRefusal(result)) {
    await refreshCsrfToken();
    result = await raw[method](url, sent);
  }
  return unwrap(result);
}

function typed<M extends HttpMethod>(method: Uppercase<M>) {
  return <P extends PathsFor<M>, I extends MaybeOptionalInit<paths[P], M>>(url: P, ...init: InitArgs<I>): Promise<ApiData<P, M>> =>
    call(method, url as string, init[0] as { params?: unknown; body?: unknown } | undefined) as Promise<ApiData<P, M>>;
}

/** Typed /api calls: resolve with the response data, reject with `ApiError`. */
export const api = {
  GET: typed<'get'>('GET'),
  POST: typed<'post'>('POST'),
  PUT: typed<'put'>('PUT'),
  PATCH: typed<'patch'>('PATCH'),
  DELETE: typed<'delete'>('DELETE'),
};

// ---- uploads (multipart, not described by a JSON schema) ------------------------------------

export type UploadedFile = ApiData<'/api/files', 'post'>;

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
