/**
 * Masking of personal data, as lists and exports show it by default (spec 04: "Lists mask
 * customer name, phone, email and AM name"; "All exports anonymise sensitive fields").
 * Characters are counted as code points so Chinese names mask correctly.
 */

/** 张三丰 → 张**, 张三 → 张*, Alice → A****. */
export function maskName(name: string | null | undefined): string {
  if (!name) return name ?? '';
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13800000000 → 138****0000; +86 13800000000 → +86 138****0000; short numbers keep only their ends. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return phone ?? '';
  const m = /^(\+\d{1,4}[\s-]?)?(.*)$/.exec(phone.trim())!;
  const prefix = m[1] ?? '';
  const digits = m[2]!;
  if (digits.length >= 7) return prefix + digits.slice(0, 3) + '****' + digits.slice(-4);
  if (digits.length <= 2) return prefix + '*'.repeat(digits.length);
  return prefix + digits[0] + '*'.repeat(digits.length - 2) + digits.slice(-1);
}

/** alice@example.com → a***@example.com. */
export function maskEmail(email: string | null | undefined): string {
  if (!email) return email ?? '';
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskName(email);
  return Array.from(email.slice(0, at))[0] + '***' + email.slice(at);
}

export type MaskKind = 'name' | 'phone' | 'email';

export function mask(kind: MaskKind, value: string | null | undefined): string {
  switch (kind) {
    case 'name':
      return maskName(value);
    case 'phone':
      return maskPhone(value);
    case 'email':
      return maskEmail(value);
  }
}
