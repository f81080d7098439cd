import type { ModuleDef } from '../../server/modules.js';
import { cloudRoutes } from './routes.js';
import { orderReviewKind } from './review-kind.js';
import { cloudJobs } from './jobs.js';
import { partnerOrderRoutes } from './partner-routes.js';
import { orderLinesExport, partnerOrdersExport } from './partner-orders.js';
import { consumptionRoutes } from './consumption-routes.js';
import { consumptionExports } from './consumption.js';
import './consumption-providers.js'; // 本月消费 / 上月消费, their filters and 查看资源 for the customers module

/**
 * The cloud module as the server assembles it: the customer routes, the 待审核 order review kind, and the
 * clock-driven jobs (unpaid orders, rating, expiry, auto-renewal, the monthly 95-peak bills).
 */
export const cloudModule: ModuleDef = {
  name: 'cloud',
  routes: async (app) => {
    await cloudRoutes(app);
    await partnerOrderRoutes(app); // 客户订单 (待付订单, 我的客户订单, 订单资源明细) and 请他付款
    await consumptionRoutes(app); // 客户消费 (消费汇总, 消费明细, 月结95峰值计费产品)
  },
  exportKinds: [partnerOrdersExport, orderLinesExport, ...consumptionExports],
  reviewKinds: [orderReviewKind],
  jobs: (db) => cloudJobs(db),
};
