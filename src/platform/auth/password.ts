import { hash, verify } from '@node-rs/argon2';
import type { Text } from '../i18n/index.js';

/** argon2id with the library's defaults (memory-hard; OWASP-recommended parameters). */
export async function hashPassword(plain: string): Promise<string> {
  return hash(plain);
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/**
 * Password strength (spec 02 R1, guide L2803–2808): at least 8 characters, letters and
 * digits, no spaces. ("Not another account's password" cannot be checked against hashes
 * of other users without leaking; we refuse reuse of the account's own current password.)
 * Returns the broken rules; empty means acceptable.
 */
export const PASSWORD_RULES: { code: string; text: Text; test: (p: string) => boolean }[] = [
  { code: 'min-length', text: { zh: '至少8个字符', en: 'At least 8 characters' }, test: (p) => p.length >= 8 },
  { code: 'max-length', text: { zh: '不超过32个字符', en: 'At most 32 characters' }, test: (p) => p.length <= 32 },
  { code: 'letters', text: { zh: '包含字母', en: 'Contains letters' }, test: (p) => /[A-Za-z]/.test(p) },
  { code: 'digits', text: { zh: '包含数字', en: 'Contains digits' }, test: (p) => /\d/.test(p) },
  { code: 'no-spaces', text: { zh: '不能包含空格', en: 'No spaces' }, test: (p) => !/\s/.test(p) },
];

export function passwordProblems(p: string): typeof PASSWORD_RULES {
  return PASSWORD_RULES.filter((r) => !r.test(p));
}
