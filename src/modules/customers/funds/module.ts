import type { ModuleDef } from '../../../server/modules.js';
import { customerFundsRoutes } from './routes.js';
import { adjustmentsExport } from './adjustments.js';
import { customerFundsJobs } from './budget.js';

/** The folder's one entry in server/modules.ts: routes (which register the association hooks), the 调账记录 export, the budget-alert job. */
export const customerFundsModule: ModuleDef = {
  name: 'customers-funds',
  routes: customerFundsRoutes,
  exportKinds: [adjustmentsExport],
  jobs: (db) => customerFundsJobs(db),
};
