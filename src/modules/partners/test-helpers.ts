import { randomInt } from 'node:crypto';
import type { Database } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { realNameApplications } from '../accounts/schema.js';
import { makeAccount } from '../../../test/fixtures.js';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A well-formed 统一社会信用代码 (18 characters). */
export function randomUscc(): string {
  let tail = '';
  for (let i = 0; i < 10; i++) tail += USCC_CHARS[randomInt(USCC_CHARS.length)];
  return `91320100${tail}`;
}

/** An account that passed 企业实名认证 (rows written directly, as test/fixtures does). */
export async function makeEnterpriseAccount(database: Database, over: { uscc?: string; name?: string } = {}) {
  const uscc = over.uscc ?? randomUscc();
  const name = over.name ?? `南京测试科技有限公司${uscc.slice(-6)}`;
  const account = await makeAccount(database, { realNameType: 'enterprise', realNameStatus: 'verified', enterpriseName: name });
  const now = clock.now();
  await database.db.insert(realNameApplications).values({
    accountId: account.id,
    companyName: name,
    uscc,
    legalRepresentative: '张三',
    licenceFileId: '00000000-0000-4000-8000-000000000000',
    contactName: '张三',
    contactMobile: account.mobile,
    status: 'verified',
    createdAt: now,
    decidedAt: now,
  });
  return { account, uscc, name };
}
