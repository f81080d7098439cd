import type { Bi } from '../customers/text';

/**
 * 销售 > 客户 > 客户订单 texts (guide 10.4.3, 9612–9790; 11.3.3 for distributors, 12.3.3 for resellers at 19084–19250):
 * the guide's Chinese exactly, English beside. Read with `tx` from ../customers/text.
 */
const b = (zh: string, en: string): Bi => ({ zh, en });

export const O = {
  title: b('客户订单', 'Customer orders'),
  resellerTitle: b('订单支付', 'Order payment'),
  tabPending: b('待付订单', 'Orders to pay'),
  tabPendingReseller: b('待支付', 'To pay'),
  tabOrders: b('我的客户订单', 'My customers’ orders'),
  tabResellerOrders: b('云经销商的客户订单', 'Resellers’ customers’ orders'),
  tabLines: b('订单资源明细', 'Order resource details'),
  resellersReadOnly: b('云经销商的客户订单仅供查看。', 'Resellers’ customers’ orders are read only.'),

  orderNo: b('订单号', 'Order no.'),
  orderType: b('订单类型', 'Order type'),
  orderStatus: b('订单状态', 'Order status'),
  productType: b('产品类型', 'Product type'),
  customerNameAccount: b('客户名称/账号', 'Customer / account'),
  customerNameAccountName: b('客户名称/账号名', 'Customer / account name'),
  customerName: b('客户名称', 'Customer name'),
  associationType: b('关联类型', 'Association type'),
  payMethod: b('支付方式', 'Payment method'),
  orderedAt: b('下单时间', 'Ordered at'),
  paidAt: b('支付时间', 'Paid at'),
  orderAmount: b('订单金额(¥)', 'Order amount (¥)'),
  paidAmount: b('实付金额(¥)', 'Paid amount (¥)'),
  operation: b('操作', 'Operation'),
  pay: b('支付', 'Pay'),
  reject: b('驳回', 'Reject'),
  batchReject: b('批量驳回', 'Reject selected'),
  detail: b('详情', 'Details'),
  priceAdjustments: b('调价记录', 'Price adjustments'),
  requestState: b('代付申请', 'Payment request'),
  resellerName: b('云经销商名称', 'Reseller'),
  managerNameAccount: b('客户经理名称/账号名', 'Account manager / account'),
  lineEffective: b('订单行生效时间', 'Line effective'),
  lineExpires: b('订单行失效时间', 'Line expires'),
  resourceEffective: b('资源生效时间', 'Resource effective'),
  resourceExpires: b('资源失效时间', 'Resource expires'),
  lineId: b('订单行ID', 'Line ID'),

  pendingNotes: [
    b('合作伙伴支付前，如果发生客户自行支付、取消订单等行为，伙伴在订单列表中可实时查看到订单状态。', 'If the customer pays itself or cancels before you pay, the list shows the new status at once.'),
    b('伙伴为顾问销售类客户代付订单消费默认计入客户的可开票金额，由华为云直接向客户开具增值税发票。', 'Orders you pay for consulting-sale customers count toward the customer’s invoiceable amount; Huawei Cloud invoices the customer.'),
  ],
  ordersNotes: [
    b('此处为客户购买包年/包月产品生成的订单数据，如需查看按需资源数据，请至客户管理查看资源。', 'Yearly/monthly orders only; on-demand resources are under 客户管理 > 查看资源.'),
    b('默认展示最近六个月的订单数据，下单时间筛选项选择自定义时间段时，时间范围不能超过1年。', 'The last six months by default; a chosen 下单时间 range may span at most 1 year.'),
  ],
  eyeNote: b('单击列表字段旁边的眼睛按钮，伙伴可以查看或隐藏字段的完整内容，内容默认隐藏。', 'Click the eye beside a column title to show or hide full values; hidden by default.'),

  // 支付 page
  payTitle: b('支付', 'Pay'),
  payConfirm: b('确认付款', 'Confirm payment'),
  balance: b('账户余额', 'Account balance'),
  allocatable: b('可拨款账户余额', 'Allocatable balance'),
  rebate: b('预估返点金额', 'Estimated rebate'),
  rebateRef: b('仅供参考', 'For reference only'),
  payOk: b('支付成功，系统已以邮件和短信的形式通知客户。', 'Paid. The customer has been notified by e-mail and SMS.'),
  payNotes: [
    b('伙伴使用“余额支付”时，需要确保“账户余额”和“可拨款账户余额”均满足本次支付所需金额（若账户余额不足或可拨款账户余额不足，需先充值再进行支付）。', 'With 余额支付 both the account balance and the allocatable balance must cover the amount; top up first if either is short.'),
    b('若客户申请合作伙伴代付的是云商店通用商品订单时，合作伙伴仅可以使用余额支付和花瓣支付为客户支付订单。', 'Marketplace general-product orders can be paid only by balance or Petal Pay.'),
    b('支付订单时，若页面提示客户的云服务配额不足，伙伴需要通知客户，客户提交工单扩大配额后，再支付该订单。', 'If the customer’s quota is insufficient, the customer raises a ticket first.'),
    b('若当前时间超过了子客户订单设置的云服务生效时间，伙伴需要通知子客户重新下单。', 'If the order’s effective time has passed, the customer orders again.'),
  ],
  resellerPayNote: b('云经销商使用余额支付时仅需“账户余额”满足本次支付所需金额，余额不足时请联系总经销商拨款。', 'A reseller needs only its account balance; if short, ask your distributor to allocate funds.'),

  // 驳回
  rejectTitle: b('驳回', 'Reject'),
  rejectReason: b('驳回原因', 'Reason'),
  rejectReasonRequired: b('请输入驳回原因', 'Enter the reason'),
  rejectOrders: b('驳回的订单', 'Orders to reject'),
  selectFirst: b('请先勾选需要驳回的订单', 'Select the orders to reject first'),

  // exports
  export: b('导出', 'Export'),
  exportCurrent: b('导出当前记录', 'Export current records'),
  exportAll: b('导出全部记录', 'Export all records'),
  exportByExpiry: b('按订单行失效时间导出', 'Export by line expiry'),
  exportRecords: b('查看导出记录', 'Export records'),
  exportMasked: b('伙伴在使用伙伴中心导出功能时，敏感信息相关字段（如客户名称、移动电话、邮箱等）会进行匿名化处理。', 'Exports anonymise sensitive fields (customer name, mobile, e-mail …).'),
  expiryRange: b('订单行失效时间', 'Line expiry'),
  expiryRequired: b('请选择订单行失效时间', 'Choose the line-expiry range'),

  // details
  orderDetail: b('订单详情', 'Order details'),
  lines: b('订单行', 'Order lines'),
  product: b('产品', 'Product'),
  region: b('区域', 'Region'),
  period: b('购买时长', 'Period'),
  quantity: b('数量', 'Quantity'),
  officialAmount: b('原价(¥)', 'List price (¥)'),
  discountAmount: b('优惠(¥)', 'Discount (¥)'),
  amount: b('金额(¥)', 'Amount (¥)'),
  payments: b('支付记录', 'Payments'),
  history: b('订单历史', 'History'),
  paymentDetail: b('支付详情', 'Payment details'),
  cash: b('现金支付', 'Cash'),
  coupon: b('代金券抵扣', 'Voucher'),
  payer: b('支付方', 'Paid by'),
  invoiceable: b('计入客户可开票金额', 'Counts toward the customer’s invoiceable amount'),
  adjustType: b('调价类型', 'Type'),
  adjustedAmount: b('调价后金额(¥)', 'After (¥)'),
  adjustAmount: b('调价金额(¥)', 'Adjustment (¥)'),
  rate: b('折扣率', 'Rate'),
  adjustedAt: b('调价时间', 'Adjusted at'),
  operator: b('操作人', 'Operator'),
  noAdjustments: b('暂无调价记录', 'No price adjustments'),
  empty: b('暂无数据', 'No data'),
  month: b('个月', ' month(s)'),
  year: b('年', ' year(s)'),
} as const;
