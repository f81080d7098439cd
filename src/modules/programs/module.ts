import type { ModuleDef } from '../../server/modules.js';
import { programsRoutes } from './routes.js';
import { programReviewKinds } from './review-kinds.js';
import { expireMemberships } from './memberships.js';
import './channel.js'; // the distributor ↔ reseller relation, for the customers module
import './standing.js'; // R26 / R29 checks, for cloud, customers and accounts (partners/standing.ts)

/**
 * The programs module as the server assembles it: routes, the review kinds (one per plan applied for,
 * 提升等级, 年度考核不达标处理) and the daily expiry of solution-provider plans (reads apply it at once).
 */
export const programsModule: ModuleDef = {
  name: 'programs',
  routes: programsRoutes,
  reviewKinds: programReviewKinds,
  jobs: (db) => ({
    handlers: { 'programs.memberships.expire': { policy: 'stately', handler: async () => void (await expireMemberships(db)) } },
    schedules: [{ name: 'programs.memberships.expire', cron: '20 0 * * *' }],
  }),
};
