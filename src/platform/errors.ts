import type { Text } from './i18n/index.js';

/**
 * A refusal the caller can act on. `code` is stable (clients and tests key on it);
 * `message` is shown in the caller's language. Anything else that escapes is a bug (500).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Text,
    readonly params: Record<string, unknown> = {},
    /** field-level messages, keyed by field path */
    readonly fields?: Record<string, Text>,
  ) {
    super(`${code}: ${text.en}`);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, text: Text, params?: Record<string, unknown>, fields?: Record<string, Text>) =>
  new AppError(400, code, text, params, fields);

/** Input that is well-formed but breaks a rule of the guide (wrong state, limit reached, …). */
export const refused = (code: string, text: Text, params?: Record<string, unknown>) => new AppError(409, code, text, params);

export const fieldError = (field: string, code: string, text: Text) => new AppError(400, code, text, {}, { [field]: text });

export const unauthenticated = () =>
  new AppError(401, 'auth.required', { zh: '请先登录', en: 'Please sign in first' });

export const forbidden = (permission?: string) =>
  new AppError(403, 'access.denied', { zh: '您没有权限执行此操作', en: 'You do not have permission for this operation' }, permission ? { permission } : {});

/** Missing, or belonging to another tenant: the two answers are the same on purpose. */
export const notFound = (entity: Text | string) =>
  new AppError(404, 'not-found', { zh: '{entity}不存在', en: '{entity} not found' }, { entity });

export const tooMany = (code: string, text: Text, params?: Record<string, unknown>) => new AppError(429, code, text, params);
