import type { ModuleDef } from '../../server/modules.js';
import { customersRoutes } from './routes.js';
import { reportManualReviewKind, expireReports } from './reports.js';
import { unbindPreReviewKind } from './relationship.js';
import { customerListExport } from './service.js';
import { expansionRecordsExport, expireInvitationRecords } from './invitations.js';

/**
 * The customers module as the server assembles it: routes, the two review kinds (人工审核报备,
 * 解除关联预审), the two exports (客户列表, 拓展记录) and the daily expiry (15-day reports, 7-day
 * links, reports whose customer's real-name status changed; reads apply them at once anyway).
 */
export const customersModule: ModuleDef = {
  name: 'customers',
  routes: customersRoutes,
  reviewKinds: [reportManualReviewKind, unbindPreReviewKind],
  exportKinds: [customerListExport, expansionRecordsExport],
  jobs: (db) => ({
    handlers: {
      'customers.expire': {
        policy: 'stately',
        handler: async () => {
          await expireReports(db);
          await expireInvitationRecords(db);
        },
      },
    },
    schedules: [{ name: 'customers.expire', cron: '15 0 * * *' }],
  }),
};
