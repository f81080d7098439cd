import { sql } from 'drizzle-orm';
import {
  pgTable,
  text,
  timestamp,
  uuid,
  jsonb,
  index,
  uniqueIndex,
  unique,
  numeric,
  integer,
  smallint,
  boolean,
  bigserial,
  bigint,
  date,
  primaryKey,
  customType,
} from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';

/**
 * The vendor cloud the partner centre sits on (ARCHITECTURE: cloud module; spec 04 §2.12–2.15,
 * spec 05 §10.4.3–10.4.4 and §5). Only this folder writes these tables.
 *
 * Three groups:
 * - catalogue (vendor reference data, no tenant): units and conversions, service / resource / usage
 *   types, regions, products, prices and price tiers, customer discounts;
 * - orders and resources: orders, lines, payments, status events, resources and their paid segments;
 * - usage and rating: hourly usage records, five-minute bandwidth samples (compact, one row per
 *   resource-day), the rating cursor and runs, monthly usage totals (tiers), 95-peak bills and fee records.
 *
 * The hot tables (usage records, fee records, bandwidth samples) carry no foreign keys: they are
 * written in bulk by set-based SQL that checks its own joins, and an FK probe per row would halve
 * the rating rate. Past one machine they are the ones to partition by month.
 */

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true });
const cash = (name: string) => numeric(name, { precision: 20, scale: 2 });
/** List prices and discounts keep 6 decimals (the price-inquiry precision of the Partner API). */
const fine = (name: string) => numeric(name, { precision: 24, scale: 6 });

/* ------------------------------------------------------------------ catalogue */

/** ListMeasureUnits: measure_id, name, abbreviation, measure_type (1 currency, 2 duration, 3 traffic, …). */
export const cloudMeasureUnits = pgTable('cloud_measure_units', {
  id: integer('id').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  abbreviation: text('abbreviation').notNull(),
  measureType: integer('measure_type').notNull(),
});

/** ListConversions: 1 `measure_id` = `ratio` × `ref_measure_id` (e.g. 1 GB = 1024 MB). */
export const cloudUnitConversions = pgTable(
  'cloud_unit_conversions',
  {
    measureId: integer('measure_id').notNull(),
    refMeasureId: integer('ref_measure_id').notNull(),
    ratio: numeric('ratio', { precision: 30, scale: 10 }).notNull(),
    measureType: integer('measure_type').notNull(),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.refMeasureId] })],
);

/** ListServiceTypes, plus the 月结95峰值计费 flag and product page of the guide's list (guide 9882–9891). */
export const cloudServiceTypes = pgTable('cloud_service_types', {
  code: text('code').primaryKey(), // hws.service.type.ec2
  nameZh: text('name_zh').notNull(), // 弹性云服务器
  nameEn: text('name_en').notNull(),
  abbreviation: text('abbreviation').notNull(), // ECS
  peak95: boolean('peak95').notNull().default(false), // listed in 月结95峰值计费产品
  productUrl: text('product_url'),
  sort: integer('sort').notNull().default(0),
});

/** ListResourceTypes / ListServiceResources. */
export const cloudResourceTypes = pgTable(
  'cloud_resource_types',
  {
    code: text('code').primaryKey(), // hws.resource.type.vm
    serviceTypeCode: text('service_type_code')
      .notNull()
      .references(() => cloudServiceTypes.code),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionZh: text('description_zh'),
  },
  (t) => [index('cloud_resource_types_service_idx').on(t.serviceTypeCode)],
);

/** ListUsageTypes: the usage factors (CDR codes) of a resource type, e.g. Duration, upflow, bandwidth95. */
export const cloudUsageTypes = pgTable(
  'cloud_usage_types',
  {
    resourceTypeCode: text('resource_type_code')
      .notNull()
      .references(() => cloudResourceTypes.code),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    measureId: integer('measure_id').notNull(), // the unit usage is reported in by default
    /** Billed monthly on the 95th percentile of five-minute samples instead of hourly records. */
    peak95: boolean('peak95').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.resourceTypeCode, t.code] })],
);

export const cloudRegions = pgTable('cloud_regions', {
  code: text('code').primaryKey(), // cn-north-4
  nameZh: text('name_zh').notNull(), // 华北-北京四
  nameEn: text('name_en').notNull(),
});

/**
 * A product: located, as in the Partner API, by cloud service type + resource type + spec, in any
 * of its regions. A linear product's size (disk GB, bandwidth Mbps) is chosen at purchase.
 */
export const cloudProducts = pgTable(
  'cloud_products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(), // stable seed key, e.g. "ecs.s6.large.2.linux"
    serviceTypeCode: text('service_type_code')
      .notNull()
      .references(() => cloudServiceTypes.code),
    resourceTypeCode: text('resource_type_code')
      .notNull()
      .references(() => cloudResourceTypes.code),
    resourceSpec: text('resource_spec').notNull(), // s6.large.2.linux, SAS, 19_bgp, …
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    specDescZh: text('spec_desc_zh').notNull(), // product_spec_desc, e.g. 通用计算型|s6.large.2|2vCPUs|4GB|linux
    regions: text('regions').array().notNull(),
    linear: boolean('linear').notNull().default(false),
    sizeMeasureId: integer('size_measure_id'), // 17 GB, 15 Mbps, 14 个
    sizeMin: integer('size_min'),
    sizeMax: integer('size_max'),
    /** Orders for it wait in 待审核 until vendor staff approve (e.g. a physical 云专线 port). */
    reviewRequired: boolean('review_required').notNull().default(false),
    onSale: boolean('on_sale').notNull().default(true),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [
    uniqueIndex('cloud_products_code_uq').on(t.code),
    uniqueIndex('cloud_products_locator_uq').on(t.serviceTypeCode, t.resourceTypeCode, t.resourceSpec),
  ],
);

export const CHARGE_MODES = ['period', 'on_demand'] as const; // 包年/包月 (1), 按需 (3)
export type ChargeMode = (typeof CHARGE_MODES)[number];
export const PERIOD_TYPES = ['month', 'year'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];
export const PRICE_MODELS = ['fixed', 'linear', 'tiered'] as const;
export type PriceModel = (typeof PRICE_MODELS)[number];

/**
 * A price of a product:
 * - 包年/包月 (`period`, per `period_type`): `fixed` = unit price per instance per period; `linear` =
 *   unit price per size unit (`measure_id`, e.g. per GB) per period; `tiered` = graduated tiers over the size
 *   (e.g. bandwidth: the first 5 Mbps at one price, each further Mbps at another).
 * - 按需 (`on_demand`, per `usage_type_code`): `linear` = unit price per usage unit (`measure_id`, e.g. per hour,
 *   per GB); `tiered` = graduated tiers over the customer's monthly cumulative usage of the product
 *   (e.g. CDN traffic), or over the billed peak for 95-peak usage.
 */
export const cloudPrices = pgTable(
  'cloud_prices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => cloudProducts.id),
    chargeMode: text('charge_mode').$type<ChargeMode>().notNull(),
    periodType: text('period_type').$type<PeriodType>(),
    usageTypeCode: text('usage_type_code'),
    model: text('model').$type<PriceModel>().notNull(),
    measureId: integer('measure_id'), // the unit the price is per (size unit or usage unit); null for fixed
    unitPrice: numeric('unit_price', { precision: 20, scale: 8 }), // fixed and linear
  },
  (t) => [unique('cloud_prices_product_mode_uq').on(t.productId, t.chargeMode, t.periodType, t.usageTypeCode).nullsNotDistinct()],
);

/** Graduated tiers of a `tiered` price: the part of the quantity in [lower, upper) costs `unit_price`. */
export const cloudPriceTiers = pgTable(
  'cloud_price_tiers',
  {
    priceId: uuid('price_id')
      .notNull()
      .references(() => cloudPrices.id),
    seq: integer('seq').notNull(),
    lower: numeric('lower', { precision: 24, scale: 6 }).notNull(),
    upper: numeric('upper', { precision: 24, scale: 6 }), // null: no upper bound
    unitPrice: numeric('unit_price', { precision: 20, scale: 8 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.priceId, t.seq] })],
);

/**
 * Discounts a customer enjoys on list prices (Partner API discount types 605 commercial, 606 partner-granted
 * contract, 607 partner-set rate). `rate` is the share paid: 0.85 = 85折. The best (lowest) rate applicable to
 * the service type wins. The finance and marketplace modules grant them through `setCustomerDiscount`.
 */
export const cloudCustomerDiscounts = pgTable(
  'cloud_customer_discounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerAccountId: uuid('customer_account_id')
      .notNull()
      .references(() => accounts.id),
    discountType: text('discount_type').notNull(), // '605' | '606' | '607'
    name: text('name').notNull(),
    serviceTypeCode: text('service_type_code'), // null: every service
    rate: numeric('rate', { precision: 6, scale: 4 }).notNull(),
    validFrom: ts('valid_from').notNull(),
    validTo: ts('valid_to'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('cloud_customer_discounts_customer_idx').on(t.customerAccountId)],
);

/* ------------------------------------------------------------------ orders */

export const ORDER_STATUSES = ['待审核', '处理中', '待支付', '已完成', '已取消'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_TYPES = ['订购', '续订', '变更', '退订'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** 客户订单 (spec 05 E1, spec 04 §2.14; Partner API CustomerOrderV2). Amounts in yuan, 2 decimals. */
export const cloudOrders = pgTable(
  'cloud_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderNo: text('order_no').notNull(), // 订单号, e.g. CS2407260915H355
    customerAccountId: uuid('customer_account_id')
      .notNull()
      .references(() => accounts.id),
    /** The partner the customer was associated with when ordering (its 客户订单 list), and the type then. */
    partnerId: uuid('partner_id'),
    associationType: text('association_type'), // consulting 顾问销售 | resale 代售
    orderType: text('order_type').$type<OrderType>().notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
    source: text('source').notNull(), // customer | system (auto-renewal) | partner (代客下单, later)
    serviceTypeCode: text('service_type_code').notNull(), // 产品类型 (of the first line)
    officialAmount: cash('official_amount').notNull(), // list price
    discountAmount: cash('discount_amount').notNull(),
    amount: cash('amount').notNull(), // 订单金额: after discount (退订: the refund)
    paidAmount: cash('paid_amount'), // 实付金额
    couponAmount: cash('coupon_amount').notNull().default('0'),
    paymentMethod: text('payment_method'), // 余额支付 | 伙伴支付 | 自动扣费
    payerKind: text('payer_kind'), // customer | partner
    payerId: uuid('payer_id'),
    /** The customer chose 伙伴支付: the order is listed in the partner's 待付订单 (pay-on-behalf, later issue). */
    partnerPayRequested: boolean('partner_pay_requested').notNull().default(false),
    rejectReason: text('reject_reason'), // 驳回原因 of a pay-on-behalf request
    /** When the customer asked the partner to pay (请他付款); kept after the request ends (待付订单 history). */
    partnerPayRequestedAt: ts('partner_pay_requested_at'),
    rejectedAt: ts('rejected_at'), // when the partner rejected (驳回) the request
    /** 顾问销售 customer, order paid by the partner: the amount counts toward the customer's 可开票金额 (guide 9640). */
    invoiceableAmount: cash('invoiceable_amount'),
    reviewId: uuid('review_id'), // review_applications.id while 待审核
    payDeadline: ts('pay_deadline'), // 待支付 orders cancel after it (7 days, guide 20993)
    cancelReason: text('cancel_reason'),
    createdBy: text('created_by'), // user_name: the account name, 运营系统 for system orders
    createdAt: ts('created_at').notNull(), // 下单时间
    paidAt: ts('paid_at'), // 支付时间
    completedAt: ts('completed_at'),
    cancelledAt: ts('cancelled_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('cloud_orders_no_uq').on(t.orderNo),
    index('cloud_orders_customer_at_idx').on(t.customerAccountId, t.createdAt),
    index('cloud_orders_partner_at_idx').on(t.partnerId, t.createdAt),
    index('cloud_orders_unpaid_idx').on(t.payDeadline).where(sql`status = '待支付'`),
    // 待付订单: the partner's pay-on-behalf requests, newest first
    index('cloud_orders_partner_pay_idx').on(t.partnerId, t.partnerPayRequestedAt).where(sql`partner_pay_requested_at is not null`),
  ],
);

/** 订单行 (spec 04 §2.14 订单资源明细): one product of an order, for one or more resources. */
export const cloudOrderLines = pgTable(
  'cloud_order_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => cloudOrders.id),
    lineNo: text('line_no').notNull(), // 订单行ID
    productId: uuid('product_id')
      .notNull()
      .references(() => cloudProducts.id),
    /** The resource renewed / changed / unsubscribed; for 订购 filled at activation when quantity is 1. */
    resourceId: uuid('resource_id'),
    /** 变更: the product the resource changes to. */
    toProductId: uuid('to_product_id'),
    regionCode: text('region_code').notNull(),
    quantity: integer('quantity').notNull(),
    size: integer('size'),
    periodType: text('period_type').$type<PeriodType>(),
    periodNum: integer('period_num'),
    autoRenew: boolean('auto_renew').notNull().default(false),
    resourceName: text('resource_name'),
    officialAmount: cash('official_amount').notNull(),
    discountAmount: cash('discount_amount').notNull(),
    amount: cash('amount').notNull(),
    effectiveAt: ts('effective_at'), // 订单行生效时间
    expiresAt: ts('expires_at'), // 订单行失效时间
  },
  (t) => [
    index('cloud_order_lines_order_idx').on(t.orderId),
    index('cloud_order_lines_resource_idx').on(t.resourceId),
    uniqueIndex('cloud_order_lines_no_uq').on(t.lineNo),
    index('cloud_order_lines_expires_idx').on(t.expiresAt), // 订单资源明细: 订单行失效时间 filter / export
  ],
);

/**
 * A payment of an order or a refund to its payer. `lines` are the payer-side ledger lines exactly as
 * posted (signed), so a refund can return the money to the very accounts that paid (R-O1).
 */
export const cloudOrderPayments = pgTable(
  'cloud_order_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => cloudOrders.id),
    kind: text('kind').$type<'payment' | 'refund'>().notNull(),
    payerKind: text('payer_kind').notNull(),
    payerId: uuid('payer_id'),
    method: text('method').notNull(),
    amount: cash('amount').notNull(), // positive
    lines: jsonb('lines').$type<{ account: string; amount: string }[]>().notNull(),
    postingId: uuid('posting_id'), // null for a free order (nothing moved)
    requestId: text('request_id'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('cloud_order_payments_order_idx').on(t.orderId), uniqueIndex('cloud_order_payments_one_uq').on(t.orderId).where(sql`kind = 'payment'`)],
);

/** Status history of an order (待审核 → 待支付 → 处理中 → 已完成, cancellations, rejections). */
export const cloudOrderEvents = pgTable(
  'cloud_order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => cloudOrders.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    action: text('action').notNull(), // create | submit-review | approve | reject | pay | activate | cancel | expire | refund
    actorKind: text('actor_kind'),
    actorId: uuid('actor_id'),
    reason: text('reason'),
    at: ts('at').notNull(),
  },
  (t) => [index('cloud_order_events_order_idx').on(t.orderId, t.id)],
);

/* ------------------------------------------------------------------ resources */

export const RESOURCE_STATUSES = ['使用中', '已过期', '已冻结', '已退订', '已删除'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** A customer's cloud resource (spec 04 §2.12: 包年/包月 and 按需 tabs; Partner API OrderInstanceV2). */
export const cloudResources = pgTable(
  'cloud_resources',
  {
    id: uuid('id').primaryKey().defaultRandom(), // the resource ID
    customerAccountId: uuid('customer_account_id')
      .notNull()
      .references(() => accounts.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => cloudProducts.id),
    serviceTypeCode: text('service_type_code').notNull(),
    resourceTypeCode: text('resource_type_code').notNull(),
    regionCode: text('region_code').notNull(),
    name: text('name').notNull(),
    chargeMode: text('charge_mode').$type<ChargeMode>().notNull(),
    size: integer('size'),
    sizeMeasureId: integer('size_measure_id'),
    status: text('status').$type<ResourceStatus>().notNull(),
    parentResourceId: uuid('parent_resource_id'), // attached resources follow their main resource
    effectiveAt: ts('effective_at').notNull(), // 生效时间 / 开通时间
    expiresAt: ts('expires_at'), // 包年/包月: 失效时间
    /** 包年/包月 after expiry: kept (保留期) until this time, then deleted. */
    retainUntil: ts('retain_until'),
    autoRenew: boolean('auto_renew').notNull().default(false),
    autoRenewPeriodType: text('auto_renew_period_type').$type<PeriodType>(),
    autoRenewPeriodNum: integer('auto_renew_period_num'),
    autoRenewTimesLeft: integer('auto_renew_times_left'), // null: unlimited
    lastOrderId: uuid('last_order_id'),
    closedAt: ts('closed_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('cloud_resources_customer_idx').on(t.customerAccountId, t.chargeMode, t.createdAt),
    index('cloud_resources_expiry_idx').on(t.expiresAt).where(sql`charge_mode = 'period'`),
    index('cloud_resources_parent_idx').on(t.parentResourceId),
  ],
);

/**
 * A paid stretch of a 包年/包月 resource: [start_at, end_at) bought for `amount` by one payment. Refunds and
 * changes are computed per segment, pro rata to the unused time, and go back to that segment's payer.
 * A change of specification adds segments over the remaining time whose amounts are the price difference
 * (negative for a downgrade, booked against the payer of the segment it reduces).
 */
export const cloudResourceSegments = pgTable(
  'cloud_resource_segments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => cloudResources.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => cloudOrders.id),
    orderLineId: uuid('order_line_id').notNull(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => cloudOrderPayments.id),
    kind: text('kind').$type<'subscribe' | 'renew' | 'change'>().notNull(),
    /** A change segment adjusts this base (订购 / 续订) segment's remaining value. */
    baseSegmentId: uuid('base_segment_id'),
    periodType: text('period_type').$type<PeriodType>().notNull(), // of the base period
    periodNum: integer('period_num').notNull(),
    startAt: ts('start_at').notNull(),
    endAt: ts('end_at').notNull(),
    amount: cash('amount').notNull(), // signed
    paidAt: ts('paid_at').notNull(),
    /** Set when the segment was settled by an unsubscription (its refund is final). */
    closedAt: ts('closed_at'),
    refundAmount: cash('refund_amount'),
  },
  (t) => [index('cloud_resource_segments_resource_idx').on(t.resourceId, t.startAt)],
);

/* ------------------------------------------------------------------ usage and rating */

/**
 * Hourly usage (CDR) of a 按需 resource: one row per resource, usage type and hour, the value already
 * converted to the unit its price is quoted in. Append-only; the rating cursor walks the id.
 */
export const cloudUsageRecords = pgTable(
  'cloud_usage_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    resourceId: uuid('resource_id').notNull(),
    customerAccountId: uuid('customer_account_id').notNull(),
    productId: uuid('product_id').notNull(),
    usageTypeCode: text('usage_type_code').notNull(),
    /** The 按需 price the record is rated by (found at ingestion, so rating joins one key). */
    priceId: uuid('price_id').notNull(),
    hourStart: ts('hour_start').notNull(),
    billMonth: date('bill_month').notNull(), // natural month in Beijing time (账期)
    usageValue: numeric('usage_value', { precision: 24, scale: 6 }).notNull(),
    measureId: integer('measure_id').notNull(),
  },
  (t) => [uniqueIndex('cloud_usage_records_hour_uq').on(t.resourceId, t.usageTypeCode, t.hourStart)],
);

/**
 * Five-minute bandwidth samples of a 95-peak resource, compactly: one row per resource and Beijing day,
 * `samples` = 288 little-endian int32 values in kbit/s (slot i = 00:00 + 5·i minutes), −1 = no sample.
 * 1.2 KB per resource-day instead of 288 rows of ~40 bytes.
 */
export const cloudBandwidthSamples = pgTable(
  'cloud_bandwidth_samples',
  {
    resourceId: uuid('resource_id').notNull(),
    day: date('day').notNull(),
    samples: bytea('samples').notNull(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.day] })],
);

/** The rating cursor: usage records with id ≤ last_usage_id have been rated (one row, id = 1). */
export const cloudRatingState = pgTable('cloud_rating_state', {
  id: integer('id').primaryKey(),
  lastUsageId: bigint('last_usage_id', { mode: 'number' }).notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** One rating run: a range of usage records, or one month of 95-peak bills; and its ledger posting. */
export const cloudRatingRuns = pgTable('cloud_rating_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').$type<'usage' | 'peak95'>().notNull(),
  fromUsageId: bigint('from_usage_id', { mode: 'number' }),
  toUsageId: bigint('to_usage_id', { mode: 'number' }),
  billMonth: date('bill_month'),
  records: integer('records').notNull(),
  amount: cash('amount').notNull(),
  postingId: uuid('posting_id'),
  startedAt: ts('started_at').notNull(),
  finishedAt: ts('finished_at').notNull(),
});

/** Monthly cumulative usage per customer, product and usage type: where graduated on-demand tiers stand. */
export const cloudUsageTotals = pgTable(
  'cloud_usage_totals',
  {
    customerAccountId: uuid('customer_account_id').notNull(),
    productId: uuid('product_id').notNull(),
    usageTypeCode: text('usage_type_code').notNull(),
    billMonth: date('bill_month').notNull(),
    total: numeric('total', { precision: 24, scale: 6 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerAccountId, t.productId, t.usageTypeCode, t.billMonth] })],
);

/** The 95-peak computation of one resource and month (kept as the evidence behind its fee record). */
export const cloudPeak95Bills = pgTable(
  'cloud_peak95_bills',
  {
    resourceId: uuid('resource_id').notNull(),
    billMonth: date('bill_month').notNull(),
    usageTypeCode: text('usage_type_code').notNull(),
    sampleCount: integer('sample_count').notNull(), // N
    dropped: integer('dropped').notNull(), // floor(N / 20)
    peakKbps: integer('peak_kbps').notNull(), // the (dropped + 1)-th largest sample
    daysUsed: integer('days_used').notNull(),
    daysInMonth: integer('days_in_month').notNull(),
    ratingRunId: bigint('rating_run_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.billMonth, t.usageTypeCode] })],
);

/** Partner API bill_detail_type codes used here. */
export const BILL_DETAIL_TYPES = {
  subscribe: 1, // 消费-新购
  renew: 2, // 消费-续订
  change: 3, // 消费-变更
  unsubscribe: 4, // 退款-退订
  usage: 5, // 消费-使用量
  autoRenew: 8, // 消费-自动续订
  changeRefund: 20, // 退款-变更
} as const;

/**
 * 消费明细 (spec 05 E4, E17; Partner API SubCustomerMonthlyBillDetail). One row per rated usage record,
 * per 95-peak resource-month, per resource of a paid 包年/包月 order line, and per refund.
 * - official_amount: list price (6 decimals); discount_amount: the discount on it (6 decimals);
 * - payment_amount: 应付金额 = official − discount rounded half-up to cents (the sub-cent rest is 抹零);
 * - payment_amount = cash_amount (现金支付) + coupon_amount (代金券抵扣) + debt_amount (欠费), exactly;
 * - refunds carry negative amounts (bill_detail_type 4 / 20).
 * partner_id / association_type / account_manager_id are the association when the fee was rated.
 */
export const cloudFeeRecords = pgTable(
  'cloud_fee_records',
  {
    // Unique by construction (a sequence, never updated) but deliberately not a primary key: fees are only appended,
    // never updated or deleted, and nothing looks one up by id; a unique B-tree on it cost rating an eighth of its
    // time (a unique check and an insert at the index's right edge per fee, millions per run). Reads by id range
    // (the consumption rollup) use the BRIN index below: ids grow with the heap's pages, so it costs next to nothing.
    id: bigserial('id', { mode: 'number' }).notNull(),
    billMonth: date('bill_month').notNull(),
    customerAccountId: uuid('customer_account_id').notNull(),
    partnerId: uuid('partner_id'),
    associationType: text('association_type'),
    accountManagerId: uuid('account_manager_id'),
    chargingMode: smallint('charging_mode').notNull(), // 1 包年/包月, 3 按需
    billDetailType: smallint('bill_detail_type').notNull(),
    serviceTypeCode: text('service_type_code').notNull(),
    resourceTypeCode: text('resource_type_code').notNull(),
    regionCode: text('region_code').notNull(),
    productId: uuid('product_id').notNull(),
    resourceId: uuid('resource_id'),
    orderId: uuid('order_id'),
    tradeId: text('trade_id'), // 订单号 of order fees; usage fees have none stored (their transaction id is "U" + usage_record_id)
    usageRecordId: bigint('usage_record_id', { mode: 'number' }),
    usageTypeCode: text('usage_type_code'),
    usageAmount: numeric('usage_amount', { precision: 24, scale: 6 }),
    usageMeasureId: integer('usage_measure_id'),
    consumeTime: ts('consume_time').notNull(), // 消费时间
    officialAmount: fine('official_amount').notNull(),
    discountAmount: fine('discount_amount').notNull(),
    paymentAmount: cash('payment_amount').notNull(),
    cashAmount: cash('cash_amount').notNull(),
    couponAmount: cash('coupon_amount').notNull(),
    debtAmount: cash('debt_amount').notNull(),
    ratingRunId: bigint('rating_run_id', { mode: 'number' }),
    postingId: uuid('posting_id'), // order fees: the order's posting (usage fees: their run's)
  },
  (t) => [
    // a customer's fees of a month; a partner's fees of a month in time order (its pages sort by 消费时间, and new
    // rows append at the end of each partner-month, so rating stays cheap). The customer index holds no more than
    // the customer-month: its entries then share one posting list per customer-month (btree deduplication), so
    // rating's inserts, which land on a thousand customer-months at once, stay cheap (a third column such as the
    // product cost rating about a tenth of its time); a customer-month is small enough to filter by product.
    // The partner indexes leave out the fees of customers no partner is associated with: no partner page reads
    // them, and every partner query says `partner_id = …` (or IN …), which implies the predicate.
    index('cloud_fee_records_id_brin').using('brin', t.id),
    index('cloud_fee_records_customer_idx').on(t.customerAccountId, t.billMonth),
    index('cloud_fee_records_partner_idx').on(t.partnerId, t.billMonth, t.consumeTime).where(sql`${t.partnerId} IS NOT NULL`),
    // 消费明细's rare slices (账单类型 退订/变更/新购…, 计费模式 包年/包月 = every type but 5) in 消费时间 order.
    // Partial: usage fees (type 5, nearly every row, the ones rating inserts by the million) are not in it;
    // a filter on any other type (= 4, IN (1, 2, 3, 4, 8, 20)) implies the predicate, so the planner uses it.
    index('cloud_fee_records_partner_type_idx')
      .on(t.partnerId, t.billMonth, t.billDetailType, t.consumeTime)
      .where(sql`${t.partnerId} IS NOT NULL AND ${t.billDetailType} <> 5`),
  ],
);

/* ------------------------------------------------------------------ consumption rollup (消费汇总) */

/**
 * The consumption rollup behind 消费汇总 (spec 05 op 5), the customer list's 本月消费 / 上月消费 and its
 * 本月消费 filter. Only `consumption-rollup.ts` writes these tables, after rating (job
 * `cloud.consumption.rollup`). Fees without a partner are not rolled up (no partner reads them).
 * - kind: 1 消费 (bill types 1, 2, 3, 5, 8), 2 退款 (4, 20); amounts keep the fees' signs.
 * - manager_id: the 客户经理 the fee counts for (R-O7, from the customers module's assignment history).
 * - day: the Beijing calendar day of 消费时间. R-O4: a day is "closed" at 24:00 of the next day; the
 *   monthly tables hold closed days only, the open table the days not closed yet.
 */
export const cloudConsumptionState = pgTable('cloud_consumption_state', {
  id: smallint('id').primaryKey(), // always 1
  feeCursor: bigint('fee_cursor', { mode: 'number' }).notNull(), // fees with id ≤ this are rolled up
  closedThrough: date('closed_through').notNull(), // the last closed Beijing day
  updatedAt: ts('updated_at').notNull(),
});

const rollupSums = () => ({
  amount: cash('amount').notNull(), // 消费金额 (应付金额)
  cashAmount: cash('cash_amount').notNull(), // 现金支付
  couponAmount: cash('coupon_amount').notNull(), // 代金券抵扣
  debtAmount: cash('debt_amount').notNull(), // 欠费金额
  discountAmount: fine('discount_amount').notNull(), // 折扣优惠
  officialAmount: fine('official_amount').notNull(),
  fees: integer('fees').notNull(), // fee records rolled in
});

/** Fees of the days not closed yet (today, yesterday), by day; moved into the monthly tables when closed. */
export const cloudConsumptionOpen = pgTable(
  'cloud_consumption_open',
  {
    day: date('day').notNull(),
    billMonth: date('bill_month').notNull(),
    partnerId: uuid('partner_id').notNull(),
    customerAccountId: uuid('customer_account_id').notNull(),
    serviceTypeCode: text('service_type_code').notNull(),
    chargingMode: smallint('charging_mode').notNull(),
    associationType: text('association_type').notNull(),
    managerId: uuid('manager_id'),
    kind: smallint('kind').notNull(),
    ...rollupSums(),
  },
  (t) => [
    unique('cloud_consumption_open_key').on(t.day, t.partnerId, t.customerAccountId, t.serviceTypeCode, t.chargingMode, t.associationType, t.managerId, t.kind).nullsNotDistinct(),
  ],
);

/** 消费汇总 rows of closed days: one per partner, month, kind, customer, product type, billing mode, association type. */
export const cloudConsumptionMonthly = pgTable(
  'cloud_consumption_monthly',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    billMonth: date('bill_month').notNull(),
    partnerId: uuid('partner_id').notNull(),
    kind: smallint('kind').notNull(),
    customerAccountId: uuid('customer_account_id').notNull(),
    serviceTypeCode: text('service_type_code').notNull(),
    chargingMode: smallint('charging_mode').notNull(),
    associationType: text('association_type').notNull(),
    ...rollupSums(),
  },
  (t) => [
    uniqueIndex('cloud_consumption_monthly_key').on(t.partnerId, t.billMonth, t.kind, t.customerAccountId, t.serviceTypeCode, t.chargingMode, t.associationType),
    // the unfiltered page: the partner-month's rows by amount (消费金额 desc; refunds asc)
    index('cloud_consumption_monthly_amount_idx').on(t.partnerId, t.billMonth, t.kind, t.amount, t.id),
    index('cloud_consumption_monthly_customer_idx').on(t.customerAccountId, t.billMonth),
  ],
);

/** The same rows split by the 客户经理 they count for (R-O7): the 客户经理姓名 filter and a 客户经理's own view. */
export const cloudConsumptionMonthlyAm = pgTable(
  'cloud_consumption_monthly_am',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    billMonth: date('bill_month').notNull(),
    partnerId: uuid('partner_id').notNull(),
    managerId: uuid('manager_id').notNull(),
    kind: smallint('kind').notNull(),
    customerAccountId: uuid('customer_account_id').notNull(),
    serviceTypeCode: text('service_type_code').notNull(),
    chargingMode: smallint('charging_mode').notNull(),
    associationType: text('association_type').notNull(),
    ...rollupSums(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.billMonth, t.managerId, t.kind, t.customerAccountId, t.serviceTypeCode, t.chargingMode, t.associationType] }),
    // one manager's page by amount (a 客户经理's own view, the 客户经理姓名 filter naming one manager)
    index('cloud_consumption_monthly_am_amount_idx').on(t.partnerId, t.billMonth, t.managerId, t.kind, t.amount, t.id),
  ],
);

/** `cloud_consumption_stats` per 客户经理: one manager's count and cards without reading their rows. */
export const cloudConsumptionStatsAm = pgTable(
  'cloud_consumption_stats_am',
  {
    billMonth: date('bill_month').notNull(),
    partnerId: uuid('partner_id').notNull(),
    managerId: uuid('manager_id').notNull(),
    associationType: text('association_type').notNull(),
    kind: smallint('kind').notNull(),
    serviceTypeCode: text('service_type_code').notNull(),
    rowCount: integer('row_count').notNull(), // monthly_am rows
    ...rollupSums(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.billMonth, t.managerId, t.associationType, t.kind, t.serviceTypeCode] })],
);

/**
 * Totals of the monthly rows per partner, month, association type, kind and product type: the unfiltered
 * page's count, cards (消费金额 / 本月已优惠 / 退款金额), 优惠详情 and the chart by product type.
 */
export const cloudConsumptionStats = pgTable(
  'cloud_consumption_stats',
  {
    billMonth: date('bill_month').notNull(),
    partnerId: uuid('partner_id').notNull(),
    associationType: text('association_type').notNull(),
    kind: smallint('kind').notNull(),
    serviceTypeCode: text('service_type_code').notNull(),
    rowCount: integer('row_count').notNull(), // monthly rows
    ...rollupSums(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.billMonth, t.associationType, t.kind, t.serviceTypeCode] })],
);

/**
 * A customer's month with the partner, open days included (the customer list's 本月消费 / 上月消费 and its
 * 本月消费 filter; not subject to R-O4, which is 消费汇总's).
 */
export const cloudConsumptionCustomerMonth = pgTable(
  'cloud_consumption_customer_month',
  {
    partnerId: uuid('partner_id').notNull(),
    billMonth: date('bill_month').notNull(),
    customerAccountId: uuid('customer_account_id').notNull(),
    consumption: cash('consumption').notNull(), // 消费 (kind 1)
    refunds: cash('refunds').notNull(), // 退款 (kind 2, negative)
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.billMonth, t.customerAccountId] }),
    index('cloud_consumption_customer_month_amount_idx').on(t.partnerId, t.billMonth, t.consumption),
  ],
);

export type CloudOrder = typeof cloudOrders.$inferSelect;
export type CloudOrderLine = typeof cloudOrderLines.$inferSelect;
export type CloudResource = typeof cloudResources.$inferSelect;
export type CloudProduct = typeof cloudProducts.$inferSelect;
export type CloudPrice = typeof cloudPrices.$inferSelect;
export type CloudSegment = typeof cloudResourceSegments.$inferSelect;
export type CloudFeeRecord = typeof cloudFeeRecords.$inferSelect;
