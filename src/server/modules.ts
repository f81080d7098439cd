import type { FastifyPluginAsync } from 'fastify';
import type { ReviewKind } from '../platform/review/kinds.js';
import type { ExportDefinition } from '../platform/export/registry.js';
import type { Db } from '../platform/db/index.js';
import type { Deps } from '../platform/deps.js';
import type { JobDefinition, JobHandler, Schedule } from '../platform/jobs/index.js';
import { accountsRoutes } from '../modules/accounts/routes.js';
import { realNameReviewKind } from '../modules/accounts/real-name.js';
import { orgRoutes } from '../modules/org/routes.js';
import { orgMembersExport } from '../modules/org/service.js';
import { specialistsRoutes } from '../modules/org/specialists/routes.js';
import { specialistReviewKinds } from '../modules/org/specialists/review-kinds.js';
import { expireInvitations } from '../modules/org/specialists/service.js';
import { customersModule } from '../modules/customers/module.js';
import { customerFundsModule } from '../modules/customers/funds/module.js';
import { cloudSolutionRoutes } from '../modules/solutions/cloud-software/routes.js';
import { cloudSolutionReviewKinds } from '../modules/solutions/cloud-software/review-kinds.js';
import { capabilitiesRoutes } from '../modules/capabilities/routes.js';
import { capabilityReviewKind } from '../modules/capabilities/review-kind.js';
import { expireOverdueUpdates } from '../modules/capabilities/rules.js';
import { pathsRoutes } from '../modules/paths/routes.js';
import { pathReviewKinds } from '../modules/paths/review-kinds.js';
import { annualReviewJobs } from '../modules/paths/annual-review.js';
import { partnersRoutes } from '../modules/partners/routes.js';
import { hcpnReviewKind } from '../modules/partners/hcpn.js';
import { companyModule } from '../modules/partners/company/module.js';
import { partnerDirectoryRoutes } from '../modules/partners/directory/routes.js';
import { programsModule } from '../modules/programs/module.js';
import { cloudModule } from '../modules/cloud/module.js';

/**
 * The module list: every domain declares here, in one place, its routes, the review kinds it
 * submits, the exports it offers and its background jobs. server.ts assembles them.
 */
export interface ModuleDef {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  routes: FastifyPluginAsync<any>;
  options?: Record<string, unknown>;
  /** Application kinds this module submits to the review engine. */
  reviewKinds?: readonly ReviewKind[];
  /** Export kinds (导出) this module offers. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  exportKinds?: readonly ExportDefinition<any, any>[];
  /** Background jobs and schedules (expiries, reminders). */
  jobs?: (db: Db, deps: Deps) => { handlers: Record<string, JobHandler | JobDefinition>; schedules: Schedule[] };
}

/** Settings some modules take from the server's configuration. */
export interface ModuleSettings {
  cookieSecure: boolean;
}

export function loadModules(settings: ModuleSettings): ModuleDef[] {
  return [
    { name: 'accounts', routes: accountsRoutes, options: { cookieSecure: settings.cookieSecure }, reviewKinds: [realNameReviewKind] },
    { name: 'org', routes: orgRoutes, exportKinds: [orgMembersExport] },
    {
      name: 'org-specialists',
      routes: specialistsRoutes,
      reviewKinds: specialistReviewKinds,
      jobs: (db) => ({
        // 邀请链接7天有效: expire overdue invitations daily (reads also treat them as expired at once)
        handlers: { 'org.invitations.expire': { policy: 'stately', handler: async () => void (await expireInvitations(db)) } },
        schedules: [{ name: 'org.invitations.expire', cron: '5 0 * * *' }],
      }),
    },
    customersModule, // customers: 报备, 邀请, 关联, 解除关联 / 切换, 客户列表
    customerFundsModule, // customers-funds: 调账, 预算提醒, 客户预警, 客户授权, 分配客户经理
    { name: 'partners', routes: partnersRoutes, reviewKinds: [hcpnReviewKind] },
    companyModule,
    { name: 'partners-directory', routes: partnerDirectoryRoutes },
    { name: 'solutions-cloud-software', routes: cloudSolutionRoutes, reviewKinds: cloudSolutionReviewKinds },
    {
      name: 'capabilities',
      routes: capabilitiesRoutes,
      reviewKinds: [capabilityReviewKind],
      jobs: (db) => ({
        // R54: end returned applications not updated within 30 natural days (reads also do it lazily)
        handlers: { 'capabilities.updates.expire': { policy: 'stately', handler: async () => void (await expireOverdueUpdates(db)) } },
        schedules: [{ name: 'capabilities.updates.expire', cron: '10 0 * * *' }],
      }),
    },
    { name: 'paths', routes: pathsRoutes, reviewKinds: pathReviewKinds, jobs: annualReviewJobs }, // 年度复核: yearly opening, daily deadlines
    programsModule, // programs: 伙伴计划, applications, levels, distributor scorecard, reseller links
    cloudModule, // cloud: catalogue, orders, resources, usage and rating, fees, 95-peak billing
  ];
}
