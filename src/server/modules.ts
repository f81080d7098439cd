import type { FastifyPluginAsync } from 'fastify';
import type { ReviewKind } from '../platform/review/kinds.js';
import type { ExportDefinition } from '../platform/export/registry.js';
import type { Deps } from '../platform/deps.js';
import type { JobDefinition, JobHandler, Schedule } from '../platform/jobs/index.js';

/**
 * The module list: every domain registers its routes here, explicitly, in one place.
 * Modules that declare review kinds or export kinds register them in server/platform.ts.
 */
export interface ModuleDef {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  routes: FastifyPluginAsync<any>;
  options?: Record<string, unknown>;
  /** Application kinds this module submits to the review engine. */
  reviewKinds?: ReviewKind[];
  /** Export kinds (导出) this module offers. */
  exportKinds?: ExportDefinition[];
  /** Background jobs and schedules (expiries, reminders). */
  jobs?: (deps: Deps) => { handlers: Record<string, JobHandler | JobDefinition>; schedules: Schedule[] };
}

export async function loadModules(): Promise<ModuleDef[]> {
  const mods: ModuleDef[] = [];
  const { accountsRoutes } = await import('../modules/accounts/routes.js');
  const { realNameReviewKind } = await import('../modules/accounts/real-name.js');
  mods.push({ name: 'accounts', routes: accountsRoutes, reviewKinds: [realNameReviewKind] });
  const { orgRoutes } = await import('../modules/org/routes.js');
  const { orgMembersExport } = await import('../modules/org/service.js');
  mods.push({ name: 'org', routes: orgRoutes, exportKinds: [orgMembersExport as unknown as ExportDefinition] });
  const { specialistsRoutes } = await import('../modules/org/specialists/routes.js');
  const { specialistReviewKinds } = await import('../modules/org/specialists/review-kinds.js');
  mods.push({ name: 'org-specialists', routes: specialistsRoutes, reviewKinds: [...specialistReviewKinds] });
  return mods;
}
