import type { ModuleDef } from '../../server/modules.js';
import { cloudRoutes } from './routes.js';
import { orderReviewKind } from './review-kind.js';
import { cloudJobs } from './jobs.js';

/**
 * The cloud module as the server assembles it: the customer routes, the 待审核 order review kind, and the
 * clock-driven jobs (unpaid orders, rating, expiry, auto-renewal, the monthly 95-peak bills).
 */
export const cloudModule: ModuleDef = {
  name: 'cloud',
  routes: cloudRoutes,
  reviewKinds: [orderReviewKind],
  jobs: (db) => cloudJobs(db),
};
