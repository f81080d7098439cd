import { expect } from 'vitest';
import { AppError } from '../src/platform/errors.js';

/** The AppError a promise is refused with (fails the test if it resolves or throws anything else). */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** Expect a refusal with this code (and status, when given). */
export async function expectRefused(p: Promise<unknown>, code: string, status?: number): Promise<AppError> {
  const e = await refusal(p);
  expect(e.code).toBe(code);
  if (status !== undefined) expect(e.status).toBe(status);
  return e;
}
