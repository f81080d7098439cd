import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { requireSignedIn } from '../../platform/access/index.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { money, Dec, roundTo, type Money } from '../../platform/money.js';
import type { Text } from '../../platform/i18n/index.js';
import {
  cloudMeasureUnits,
  cloudPriceTiers,
  cloudPrices,
  cloudProducts,
  cloudRegions,
  cloudResourceTypes,
  cloudServiceTypes,
  cloudUnitConversions,
  cloudUsageTypes,
  type ChargeMode,
  type CloudProduct,
  type PeriodType,
} from './schema.js';
import { CONVERSIONS, PRODUCTS, REGIONS, SERVICES, UNITS } from './catalogue-data.js';
import type { PriceDef, Tier } from './pricing.js';

/**
 * 产品目录: base data (units, conversions, service / resource / usage types, regions) and products with
 * their 包年/包月 and 按需 prices, shaped like the Partner API's product and pricing sections so the API
 * issue only renames fields.
 */

export const PRODUCT_ENTITY: Text = { zh: '产品', en: 'Product' };

/* ------------------------------------------------------------------ seed */

/** Write (or bring up to date) the seeded catalogue. Idempotent: run it at every start or seed. */
export async function seedCatalogue(db: Executor): Promise<{ products: number }> {
  return inTransaction(db, async (tx) => {
    for (const u of UNITS) {
      await tx
        .insert(cloudMeasureUnits)
        .values({ id: u.id, nameZh: u.zh, nameEn: u.en, abbreviation: u.abbr, measureType: u.type })
        .onConflictDoUpdate({ target: cloudMeasureUnits.id, set: { nameZh: u.zh, nameEn: u.en, abbreviation: u.abbr, measureType: u.type } });
    }
    for (const c of CONVERSIONS) {
      await tx
        .insert(cloudUnitConversions)
        .values({ measureId: c.from, refMeasureId: c.to, ratio: c.ratio, measureType: c.type })
        .onConflictDoUpdate({ target: [cloudUnitConversions.measureId, cloudUnitConversions.refMeasureId], set: { ratio: c.ratio, measureType: c.type } });
    }
    for (const r of REGIONS) {
      await tx.insert(cloudRegions).values({ code: r.code, nameZh: r.zh, nameEn: r.en }).onConflictDoUpdate({ target: cloudRegions.code, set: { nameZh: r.zh, nameEn: r.en } });
    }
    let sort = 0;
    for (const s of SERVICES) {
      const row = { code: s.code, nameZh: s.zh, nameEn: s.en, abbreviation: s.abbr, peak95: Boolean(s.peak95), productUrl: s.peak95 ?? null, sort: sort++ };
      await tx.insert(cloudServiceTypes).values(row).onConflictDoUpdate({ target: cloudServiceTypes.code, set: row });
      for (const r of s.resources) {
        const rt = { code: r.code, serviceTypeCode: s.code, nameZh: r.zh, nameEn: r.en, descriptionZh: r.zh };
        await tx.insert(cloudResourceTypes).values(rt).onConflictDoUpdate({ target: cloudResourceTypes.code, set: rt });
        for (const u of r.usage) {
          const ut = { resourceTypeCode: r.code, code: u.code, nameZh: u.zh, nameEn: u.en, measureId: u.measure, peak95: Boolean(u.peak95) };
          await tx.insert(cloudUsageTypes).values(ut).onConflictDoUpdate({ target: [cloudUsageTypes.resourceTypeCode, cloudUsageTypes.code], set: ut });
        }
      }
    }
    sort = 0;
    for (const p of PRODUCTS) {
      const row = {
        code: p.code,
        serviceTypeCode: p.service,
        resourceTypeCode: p.resource,
        resourceSpec: p.spec,
        nameZh: p.zh,
        nameEn: p.en,
        specDescZh: p.desc,
        regions: p.regions ?? REGIONS.filter((r) => r.code !== 'global').map((r) => r.code),
        linear: Boolean(p.linear),
        sizeMeasureId: p.linear?.measure ?? null,
        sizeMin: p.linear?.min ?? null,
        sizeMax: p.linear?.max ?? null,
        reviewRequired: Boolean(p.reviewRequired),
        onSale: true,
        sort: sort++,
      };
      const [product] = await tx.insert(cloudProducts).values(row).onConflictDoUpdate({ target: cloudProducts.code, set: row }).returning({ id: cloudProducts.id });
      for (const pr of p.prices) {
        const priceRow = {
          productId: product!.id,
          chargeMode: pr.chargeMode,
          periodType: pr.periodType ?? null,
          usageTypeCode: pr.usage ?? null,
          model: pr.model,
          measureId: pr.measure ?? null,
          unitPrice: pr.unit ?? null,
        };
        const [price] = await tx
          .insert(cloudPrices)
          .values(priceRow)
          .onConflictDoUpdate({ target: [cloudPrices.productId, cloudPrices.chargeMode, cloudPrices.periodType, cloudPrices.usageTypeCode], set: priceRow })
          .returning({ id: cloudPrices.id });
        await tx.delete(cloudPriceTiers).where(eq(cloudPriceTiers.priceId, price!.id));
        if (pr.tiers?.length) {
          await tx.insert(cloudPriceTiers).values(pr.tiers.map(([lower, upper, unitPrice], seq) => ({ priceId: price!.id, seq, lower, upper, unitPrice })));
        }
      }
    }
    return { products: PRODUCTS.length };
  }).then(async (r) => {
    // small tables autovacuum never analyzes: without statistics the rating planner guesses 1 row for them
    await db.execute(sql`ANALYZE cloud_prices, cloud_price_tiers, cloud_products, cloud_service_types, cloud_usage_types, cloud_unit_conversions`);
    return r;
  });
}

/* ------------------------------------------------------------------ prices */

export interface PriceView {
  id: string;
  chargeMode: ChargeMode;
  periodType: PeriodType | null;
  usageTypeCode: string | null;
  model: 'fixed' | 'linear' | 'tiered';
  measureId: number | null;
  unitPrice: string | null;
  tiers: { lower: string; upper: string | null; unitPrice: string }[];
}

const plain = (v: string | null) => (v === null ? null : money(v).toFixed());

async function pricesOf(ex: Executor, productIds: string[]): Promise<Map<string, PriceView[]>> {
  const out = new Map<string, PriceView[]>();
  if (!productIds.length) return out;
  const prices = await ex.select().from(cloudPrices).where(inArray(cloudPrices.productId, productIds));
  const tiers = prices.length
    ? await ex
        .select()
        .from(cloudPriceTiers)
        .where(inArray(cloudPriceTiers.priceId, prices.map((p) => p.id)))
        .orderBy(asc(cloudPriceTiers.priceId), asc(cloudPriceTiers.seq))
    : [];
  for (const p of prices) {
    const view: PriceView = {
      id: p.id,
      chargeMode: p.chargeMode,
      periodType: p.periodType,
      usageTypeCode: p.usageTypeCode,
      model: p.model,
      measureId: p.measureId,
      unitPrice: plain(p.unitPrice),
      tiers: tiers.filter((t) => t.priceId === p.id).map((t) => ({ lower: money(t.lower).toFixed(), upper: plain(t.upper), unitPrice: money(t.unitPrice).toFixed() })),
    };
    out.set(p.productId, [...(out.get(p.productId) ?? []), view]);
  }
  const order = (v: PriceView) => `${v.chargeMode === 'period' ? 0 : 1}${v.periodType === 'month' ? 0 : 1}${v.usageTypeCode ?? ''}`;
  for (const list of out.values()) list.sort((a, b) => order(a).localeCompare(order(b)));
  return out;
}

export function toPriceDef(v: PriceView): PriceDef {
  return {
    id: v.id,
    model: v.model,
    measureId: v.measureId,
    unitPrice: v.unitPrice === null ? null : money(v.unitPrice),
    tiers: v.tiers.map((t): Tier => ({ lower: money(t.lower), upper: t.upper === null ? null : money(t.upper), unitPrice: money(t.unitPrice) })),
  };
}

/** The price of a product for a charge mode and its period type (包年/包月) or usage type (按需). */
export async function findPrice(ex: Executor, productId: string, chargeMode: ChargeMode, key: { periodType?: PeriodType; usageTypeCode?: string }): Promise<PriceDef | null> {
  const list = (await pricesOf(ex, [productId])).get(productId) ?? [];
  const v = list.find((p) => p.chargeMode === chargeMode && (chargeMode === 'period' ? p.periodType === key.periodType : p.usageTypeCode === key.usageTypeCode));
  return v ? toPriceDef(v) : null;
}

/* ------------------------------------------------------------------ products */

export interface ProductView {
  id: string;
  code: string;
  serviceTypeCode: string;
  serviceTypeName: Text;
  resourceTypeCode: string;
  resourceTypeName: Text;
  resourceSpec: string;
  name: Text;
  specDesc: string;
  regions: string[];
  linear: boolean;
  sizeMeasureId: number | null;
  sizeMin: number | null;
  sizeMax: number | null;
  reviewRequired: boolean;
  peak95: boolean;
  chargeModes: ChargeMode[];
  prices: PriceView[];
}

export async function getProduct(ex: Executor, productId: string): Promise<CloudProduct | null> {
  const [row] = await ex.select().from(cloudProducts).where(eq(cloudProducts.id, productId));
  return row ?? null;
}

/** Partner API: products are located by service type + resource type + spec, in one of their regions. */
export async function locateProduct(ex: Executor, q: { serviceTypeCode: string; resourceTypeCode: string; resourceSpec: string; regionCode: string }): Promise<CloudProduct | null> {
  const [row] = await ex
    .select()
    .from(cloudProducts)
    .where(and(eq(cloudProducts.serviceTypeCode, q.serviceTypeCode), eq(cloudProducts.resourceTypeCode, q.resourceTypeCode), eq(cloudProducts.resourceSpec, q.resourceSpec)));
  return row && row.regions.includes(q.regionCode) ? row : null;
}

export interface ProductQuery {
  serviceTypeCode?: string;
  chargeMode?: ChargeMode;
  regionCode?: string;
  keyword?: string;
  page?: number;
  pageSize?: number;
}

/** 产品与价格: products on sale with their prices, filtered and paged in SQL. Any signed-in user may read. */
export async function listProducts(ctx: Ctx, q: ProductQuery) {
  requireSignedIn(ctx);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
  const where: (SQL | undefined)[] = [eq(cloudProducts.onSale, true)];
  if (q.serviceTypeCode) where.push(eq(cloudProducts.serviceTypeCode, q.serviceTypeCode));
  if (q.regionCode) where.push(sql`${q.regionCode} = ANY(${cloudProducts.regions})`);
  if (q.chargeMode) where.push(sql`EXISTS (SELECT 1 FROM ${cloudPrices} p WHERE p.product_id = ${cloudProducts.id} AND p.charge_mode = ${q.chargeMode})`);
  if (q.keyword) {
    const like = `%${q.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(cloudProducts.nameZh, like), ilike(cloudProducts.nameEn, like), ilike(cloudProducts.resourceSpec, like)));
  }
  const cond = and(...where);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(cloudProducts).where(cond);
  const rows = await ctx.db
    .select({ p: cloudProducts, s: cloudServiceTypes, r: cloudResourceTypes })
    .from(cloudProducts)
    .innerJoin(cloudServiceTypes, eq(cloudServiceTypes.code, cloudProducts.serviceTypeCode))
    .innerJoin(cloudResourceTypes, eq(cloudResourceTypes.code, cloudProducts.resourceTypeCode))
    .where(cond)
    .orderBy(asc(cloudServiceTypes.sort), asc(cloudProducts.sort))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const prices = await pricesOf(ctx.db, rows.map((r) => r.p.id));
  const usagePeak = await ctx.db.select().from(cloudUsageTypes).where(eq(cloudUsageTypes.peak95, true));
  const items: ProductView[] = rows.map(({ p, s, r }) => {
    const list = prices.get(p.id) ?? [];
    return {
      id: p.id,
      code: p.code,
      serviceTypeCode: p.serviceTypeCode,
      serviceTypeName: { zh: s.nameZh, en: s.nameEn },
      resourceTypeCode: p.resourceTypeCode,
      resourceTypeName: { zh: r.nameZh, en: r.nameEn },
      resourceSpec: p.resourceSpec,
      name: { zh: p.nameZh, en: p.nameEn },
      specDesc: p.specDescZh,
      regions: p.regions,
      linear: p.linear,
      sizeMeasureId: p.sizeMeasureId,
      sizeMin: p.sizeMin,
      sizeMax: p.sizeMax,
      reviewRequired: p.reviewRequired,
      peak95: list.some((v) => usagePeak.some((u) => u.code === v.usageTypeCode && u.resourceTypeCode === p.resourceTypeCode)),
      chargeModes: [...new Set(list.map((v) => v.chargeMode))],
      prices: list,
    };
  });
  return { items, total: Number(n), page, pageSize };
}

/** 月结95峰值计费产品 (spec 05 op 7, guide 9882–9891): the static list of products and their pages. */
export async function peak95Products(ex: Executor): Promise<{ code: string; name: Text; productUrl: string }[]> {
  const rows = await ex.select().from(cloudServiceTypes).where(eq(cloudServiceTypes.peak95, true)).orderBy(asc(cloudServiceTypes.sort));
  return rows.map((r) => ({ code: r.code, name: { zh: r.nameZh, en: r.nameEn }, productUrl: r.productUrl ?? '' }));
}

/* ------------------------------------------------------------------ base data (Partner API 49–52, 55–56) */

export async function listServiceTypes(ex: Executor, q: { name?: string; offset?: number; limit?: number } = {}) {
  const cond = q.name ? or(ilike(cloudServiceTypes.nameZh, `%${q.name}%`), ilike(cloudServiceTypes.nameEn, `%${q.name}%`)) : undefined;
  const [{ n } = { n: 0 }] = await ex.select({ n: count() }).from(cloudServiceTypes).where(cond);
  const items = await ex.select().from(cloudServiceTypes).where(cond).orderBy(asc(cloudServiceTypes.sort)).limit(q.limit ?? 10).offset(q.offset ?? 0);
  return { total: Number(n), items };
}

export async function listResourceTypes(ex: Executor, q: { serviceTypeCode?: string; offset?: number; limit?: number } = {}) {
  const cond = q.serviceTypeCode ? eq(cloudResourceTypes.serviceTypeCode, q.serviceTypeCode) : undefined;
  const [{ n } = { n: 0 }] = await ex.select({ n: count() }).from(cloudResourceTypes).where(cond);
  const items = await ex.select().from(cloudResourceTypes).where(cond).orderBy(asc(cloudResourceTypes.code)).limit(q.limit ?? 10).offset(q.offset ?? 0);
  return { total: Number(n), items };
}

export async function listUsageTypes(ex: Executor, q: { resourceTypeCode?: string; offset?: number; limit?: number } = {}) {
  const cond = q.resourceTypeCode !== undefined ? eq(cloudUsageTypes.resourceTypeCode, q.resourceTypeCode) : undefined;
  const [{ n } = { n: 0 }] = await ex.select({ n: count() }).from(cloudUsageTypes).where(cond);
  const items = await ex
    .select({ u: cloudUsageTypes, r: cloudResourceTypes, s: cloudServiceTypes })
    .from(cloudUsageTypes)
    .innerJoin(cloudResourceTypes, eq(cloudResourceTypes.code, cloudUsageTypes.resourceTypeCode))
    .innerJoin(cloudServiceTypes, eq(cloudServiceTypes.code, cloudResourceTypes.serviceTypeCode))
    .where(cond)
    .orderBy(asc(cloudUsageTypes.resourceTypeCode), asc(cloudUsageTypes.code))
    .limit(q.limit ?? 10)
    .offset(q.offset ?? 0);
  return { total: Number(n), items };
}

export async function listMeasureUnits(ex: Executor) {
  return ex.select().from(cloudMeasureUnits).orderBy(asc(cloudMeasureUnits.id));
}

export async function listConversions(ex: Executor, measureType?: number) {
  return ex
    .select()
    .from(cloudUnitConversions)
    .where(measureType === undefined ? undefined : eq(cloudUnitConversions.measureType, measureType))
    .orderBy(asc(cloudUnitConversions.measureId), asc(cloudUnitConversions.refMeasureId));
}

/* ------------------------------------------------------------------ units */

export interface UnitGraph {
  units: Map<number, { measureType: number }>;
  /** edges[a][b] = [num, den]: 1 a = num / den × b (kept as a fraction: 1 minute = 1/60 hour exactly) */
  edges: Map<number, Map<number, [Money, Money]>>;
}

export async function loadUnitGraph(ex: Executor): Promise<UnitGraph> {
  const units = new Map((await ex.select().from(cloudMeasureUnits)).map((u) => [u.id, { measureType: u.measureType }]));
  const edges = new Map<number, Map<number, [Money, Money]>>();
  const add = (a: number, b: number, f: [Money, Money]) => {
    if (!edges.has(a)) edges.set(a, new Map());
    edges.get(a)!.set(b, f);
  };
  const one = new Dec(1);
  for (const c of await ex.select().from(cloudUnitConversions)) {
    const r = money(c.ratio);
    add(c.measureId, c.refMeasureId, [r, one]);
    add(c.refMeasureId, c.measureId, [one, r]);
  }
  return { units, edges };
}

/**
 * How many `to` units one `from` unit is (1 GB = 1024 MB → factor(10, 11) = 1024), walking the
 * conversion table; null when the units do not convert (different measure types or unknown ids).
 */
export function conversionFactor(g: UnitGraph, from: number, to: number): { num: Money; den: Money } | null {
  if (!g.units.has(from) || !g.units.has(to)) return null;
  const one = new Dec(1);
  if (from === to) return { num: one, den: one };
  const seen = new Set([from]);
  const queue: [number, Money, Money][] = [[from, one, one]];
  while (queue.length) {
    const [u, num, den] = queue.shift()!;
    for (const [v, [n, d]] of g.edges.get(u) ?? []) {
      if (seen.has(v)) continue;
      if (v === to) return { num: num.times(n), den: den.times(d) };
      seen.add(v);
      queue.push([v, num.times(n), den.times(d)]);
    }
  }
  return null;
}

/** `value` in unit `from` expressed in unit `to`, rounded half-up to 6 decimals; null when they do not convert. */
export function convert(g: UnitGraph, value: Money, from: number, to: number): Money | null {
  const f = conversionFactor(g, from, to);
  return f ? roundTo(value.times(f.num).div(f.den), 6) : null;
}

export function requireRegion(product: CloudProduct, regionCode: string, field: string) {
  if (!product.regions.includes(regionCode)) {
    throw fieldError(field, 'cloud.region-unavailable', { zh: '该产品在所选区域不可用', en: 'The product is not sold in this region' });
  }
}

export async function requireProduct(ex: Executor, productId: string): Promise<CloudProduct> {
  const p = /^[0-9a-f-]{36}$/i.test(productId) ? await getProduct(ex, productId) : null;
  if (!p || !p.onSale) throw notFound(PRODUCT_ENTITY);
  return p;
}
