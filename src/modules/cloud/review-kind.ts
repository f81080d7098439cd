import { defineReviewKind } from '../../platform/review/index.js';
import { P, STAFF_ROLES } from '../../platform/access/index.js';
import { orderReviewApproved, orderReviewEnded } from './orders.js';
import { ORDER_REVIEW_KIND } from './order-core.js';

/**
 * 待审核: orders for products the vendor must check before selling (the seeded 云专线 physical ports need a
 * site survey). Operations approve → 待支付 (the 7 days start then); reject → 已取消 with the reason;
 * the customer cancelling withdraws the review → 已取消.
 */
export const orderReviewKind = defineReviewKind({
  kind: ORDER_REVIEW_KIND,
  title: { zh: '订单审核', en: 'Order review' },
  stages: [{ key: 'review', name: { zh: '订单审核', en: 'Order review' }, staffRoles: [STAFF_ROLES.operations] }],
  statusNames: {
    in_review: { zh: '待审核', en: 'Pending review' },
    approved: { zh: '待支付', en: 'Pending payment' },
    rejected: { zh: '已取消', en: 'Cancelled' },
    withdrawn: { zh: '已取消', en: 'Cancelled' },
  },
  applicants: ['account', 'partner'],
  permission: P.customerOrders,
  withdrawable: true,
  hooks: {
    onApproved: async (tx, _ctx, app) => orderReviewApproved(tx, app.subjectId),
    onRejected: async (tx, _ctx, app) => orderReviewEnded(tx, app.subjectId, app.rejectReason ?? '审核不通过', 'reject'),
    onWithdrawn: async (tx, _ctx, app) => orderReviewEnded(tx, app.subjectId, '客户取消', 'withdraw'),
  },
});
