/**
 * 银行名称 drop-down of step ② (R13: pick from the list; type a bank only when it is not there). The
 * guide does not reproduce the vendor's list; these are the mainland banks that take UnionPay
 * corporate transfers (银联对公转账), which is what the 0.01–0.99 CNY amount verification needs.
 * A bank typed by hand is accepted, but the certification then goes to a business-info reviewer.
 */
export interface BankEntry {
  name: string;
  aliases: readonly string[];
  supportsUnionPay: boolean;
}

const b = (name: string, ...aliases: string[]): BankEntry => ({ name, aliases, supportsUnionPay: true });

export const BANKS: readonly BankEntry[] = [
  b('中国工商银行股份有限公司', '中国工商银行', '工商银行', '工行'),
  b('中国农业银行股份有限公司', '中国农业银行', '农业银行', '农行'),
  b('中国银行股份有限公司', '中国银行', '中行'),
  b('中国建设银行股份有限公司', '中国建设银行', '建设银行', '建行'),
  b('交通银行股份有限公司', '交通银行'),
  b('中国邮政储蓄银行股份有限公司', '中国邮政储蓄银行', '邮储银行'),
  b('招商银行股份有限公司', '招商银行'),
  b('上海浦东发展银行股份有限公司', '上海浦东发展银行', '浦发银行'),
  b('中信银行股份有限公司', '中信银行'),
  b('中国光大银行股份有限公司', '中国光大银行', '光大银行'),
  b('华夏银行股份有限公司', '华夏银行'),
  b('中国民生银行股份有限公司', '中国民生银行', '民生银行'),
  b('广发银行股份有限公司', '广发银行'),
  b('兴业银行股份有限公司', '兴业银行'),
  b('平安银行股份有限公司', '平安银行'),
  b('浙商银行股份有限公司', '浙商银行'),
  b('渤海银行股份有限公司', '渤海银行'),
  b('恒丰银行股份有限公司', '恒丰银行'),
  b('北京银行股份有限公司', '北京银行'),
  b('上海银行股份有限公司', '上海银行'),
  b('江苏银行股份有限公司', '江苏银行'),
  b('南京银行股份有限公司', '南京银行'),
  b('宁波银行股份有限公司', '宁波银行'),
  b('杭州银行股份有限公司', '杭州银行'),
];

const norm = (s: string) => s.trim().replace(/\s+/g, '');

/** The list entry a typed or picked name denotes, if any. */
export function findBank(name: string): BankEntry | null {
  const n = norm(name);
  return BANKS.find((e) => e.name === n || e.aliases.includes(n)) ?? null;
}

/** The drop-down, filtered by what the user typed. */
export function searchBanks(q?: string): BankEntry[] {
  const n = norm(q ?? '');
  if (!n) return [...BANKS];
  return BANKS.filter((e) => e.name.includes(n) || e.aliases.some((a) => a.includes(n)));
}
