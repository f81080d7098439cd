import type { FastifyPluginAsync } from 'fastify';

/**
 * The module list: every domain registers its routes here, explicitly, in one place.
 * Modules that declare review kinds or export kinds register them in server/platform.ts.
 */
export interface ModuleDef {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  routes: FastifyPluginAsync<any>;
  options?: Record<string, unknown>;
}

export async function loadModules(): Promise<ModuleDef[]> {
  const mods: ModuleDef[] = [];
  const { accountsRoutes } = await import('../modules/accounts/routes.js');
  mods.push({ name: 'accounts', routes: accountsRoutes });
  return mods;
}
