/**
 * The cloud module's service API, for its routes and for the modules built on it (customers' pages,
 * pay-on-behalf, finance's partner bills, incentives, the Partner Operations API adapter).
 * Every function that takes a Ctx checks who is acting; the `…In` / `…For` variants take an explicit
 * scope for callers that have already checked it.
 */
export { seedCatalogue, listProducts, locateProduct, peak95Products, listServiceTypes, listResourceTypes, listUsageTypes, listMeasureUnits, listConversions, findPrice } from './catalogue.js';
export { graduated, periodListPrice, discounted, onDemandAmounts, paymentSplit } from './pricing.js';
export { setCustomerDiscount, bestRate, PAY_WITHIN_DAYS } from './order-core.js';
export { createOrder, createOrderFor, quotePeriod, payOrder, cancelOrder, expireUnpaidOrders, listOrders, getOrder, listResources, orderRange, EXPIRED_REASON, type PayOptions, type CreateOrderInput, type OrderItemInput } from './orders.js';
export { renewResources, createRenewal, renewalPrice, setAutoRenew, runAutoRenewals, expireResources, changeSpec, unsubscribe, unsubscribeFor, openOnDemand, openOnDemandFor, releaseOnDemand, unusedFraction, quoteUnsubscribe } from './subscriptions.js';
export { quoteOrder, quoteRenewal, customerOrderDetail, partnerPayOption, productNames } from './customer-orders.js';
export { customerPayer, customerCashAccount, associationOf, vouchersAccount, arrearsAccount, CLOUD_REVENUE, type Payer, type PayerLine } from './payers.js';
export { recordUsage, rateUsage, payMode, type UsageInput, type RatingResult } from './usage.js';
export { recordBandwidthSamples, computePeaks, billPeak95Month, peak95, peak95Kernel, samplesOf, type SampleDayInput } from './peak95.js';
export { listFees, listFeesIn, consumptionSummary, consumptionSummaryIn, monthlyBill, monthlyBillIn, feeScope, requireBillMonth, LOOKBACK_MONTHS, type FeeScope, type FeeQuery } from './fees.js';
