import type { Db } from '../../platform/db/index.js';
import type { JobDefinition, JobHandler, Schedule } from '../../platform/jobs/index.js';
import { clock } from '../../platform/clock.js';
import { expireUnpaidOrders } from './orders.js';
import { expireResources, runAutoRenewals } from './subscriptions.js';
import { rateUsage } from './usage.js';
import { billPeak95Month } from './peak95.js';
import { rollupConsumption } from './consumption-rollup.js';
import { billMonthOf, monthRange } from './time.js';

/** The cloud module's background work (pg-boss): the clock-driven rules of orders, resources and billing. */
export function cloudJobs(db: Db): { handlers: Record<string, JobHandler | JobDefinition>; schedules: Schedule[] } {
  return {
    handlers: {
      // 待支付 orders older than 7 days → 已取消 (paying one also cancels it on the spot)
      'cloud.orders.expire': { policy: 'stately', handler: async () => void (await expireUnpaidOrders(db)) },
      // rate the hour's usage into fee records and charge it; drain a backlog run by run
      'cloud.usage.rate': {
        policy: 'stately',
        expireInSeconds: 3600,
        handler: async () => {
          for (let i = 0; i < 20 && (await rateUsage(db)).records > 0; i++);
        },
      },
      // 消费汇总: fold the rated fees into the rollup and close the days finished yesterday (R-O4), after rating
      'cloud.consumption.rollup': { policy: 'stately', expireInSeconds: 3600, handler: async () => void (await rollupConsumption(db)) },
      'cloud.resources.expire': { policy: 'stately', handler: async () => void (await expireResources(db)) },
      'cloud.resources.auto-renew': { policy: 'stately', handler: async () => void (await runAutoRenewals(db)) },
      // the previous month's 95-peak bills, on the 1st (Beijing time)
      'cloud.peak95.bill': {
        policy: 'stately',
        expireInSeconds: 3600,
        handler: async () => {
          const thisMonth = monthRange(billMonthOf(clock.now()));
          await billPeak95Month(db, billMonthOf(new Date(thisMonth.start.getTime() - 1)).slice(0, 7));
        },
      },
    },
    schedules: [
      { name: 'cloud.orders.expire', cron: '*/10 * * * *' },
      { name: 'cloud.usage.rate', cron: '5 * * * *' },
      { name: 'cloud.consumption.rollup', cron: '10 * * * *' },
      { name: 'cloud.resources.expire', cron: '15 * * * *' },
      { name: 'cloud.resources.auto-renew', cron: '0 3 * * *', tz: 'Asia/Shanghai' },
      { name: 'cloud.peak95.bill', cron: '30 2 1 * *', tz: 'Asia/Shanghai' },
    ],
  };
}
