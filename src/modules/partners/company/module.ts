import type { ModuleDef } from '../../../server/modules.js';
import { companyRoutes } from './routes.js';
import { companyInfoChangeKind } from './company-info.js';
import { AUTO_CERTIFY_JOB, businessInfoReviewKind, completeAutoCertifications } from './business-info.js';

/**
 * 伙伴信息 (company information, main account, business-information certification, cases and
 * business plans) as one entry of the module list (src/server/modules.ts).
 */
export const companyModule: ModuleDef = {
  name: 'partners-company',
  routes: companyRoutes,
  reviewKinds: [companyInfoChangeKind, businessInfoReviewKind],
  jobs: (db, deps) => ({
    // 自动认证中 → 已认证: kicked after each submission, and a sweep every minute for any left behind
    handlers: { [AUTO_CERTIFY_JOB]: { policy: 'stately', handler: async () => void (await completeAutoCertifications(db, deps)) } },
    schedules: [{ name: AUTO_CERTIFY_JOB, cron: '* * * * *' }],
  }),
};
