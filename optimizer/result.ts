/** Turning priced plans into the contract's result objects, and why each unused coupon is unused. */
import type { PricedOrder } from "./evaluate";
import { Kind, type Model, type ModelCoupon } from "./model";
import type { PricedPlan } from "./plan";
import type { OrderResult, Result, Unused } from "./schema";

export function orderResult(model: Model, o: PricedOrder): OrderResult {
  const storeId = (k: number) => (model.stores[o.base.lines[k]?.store ?? -1]?.id ?? "") as string;
  const couponId = (ci: number) => (model.coupons[ci] as ModelCoupon).id;
  return {
    itemIds: o.base.items.map((i) => model.items[i]?.id as string),
    itemsSubtotal: o.base.subtotal,
    sellerPromotions: o.base.lines
      .filter((l) => l.promotion > 0)
      .map((l) => ({ storeId: model.stores[l.store]?.id as string, amount: l.promotion })),
    storeCoupons: o.choice.store.flatMap((ci, k) =>
      ci >= 0 ? [{ couponId: couponId(ci), storeId: storeId(k), amount: o.storeAmounts[k] as number }] : [],
    ),
    selectCoupon: o.choice.select >= 0 ? { couponId: couponId(o.choice.select), amount: o.select } : null,
    platformCoupon:
      o.choice.platform >= 0 ? { couponId: couponId(o.choice.platform), amount: o.platform } : null,
    points: o.settlement.points.flatMap((p, k) => {
      if (p <= 0) return [];
      const store = model.stores[o.base.lines[k]?.store ?? -1];
      return [{ storeId: storeId(k), points: p, amount: p * (store?.points?.centsPerPoint ?? 0) }];
    }),
    coins: { coins: o.settlement.coins, amount: o.settlement.coinsAmount },
    shipping: o.base.shipping,
    ...(model.tax ? { packages: packagesOf(model, o), tax: o.tax } : {}),
    total: o.total,
  };
}

function packagesOf(model: Model, o: PricedOrder): NonNullable<OrderResult["packages"]> {
  const tax = model.tax;
  if (!tax) return [];
  return o.base.lines.map((l, k) => ({
    storeId: model.stores[l.store]?.id as string,
    taxes: (o.packageTaxes[k] ?? []).flatMap((amount, j) =>
      amount < 0 ? [] : [{ name: (tax.lines[j] as (typeof tax.lines)[number]).name, amount }],
    ),
  }));
}

/** The result's tax fields: present exactly when the input names a destination. */
export function taxFields(model: Model, tax: number): Partial<Result> {
  if (model.taxNotes === null) return {};
  const rule = model.tax?.rule;
  return {
    tax,
    taxModelled: model.tax !== null,
    ...(rule
      ? {
          taxRule: { id: rule.id, currency: rule.currency, confidence: rule.confidence, source: rule.source },
        }
      : {}),
    taxNotes: model.taxNotes,
  };
}

/**
 * One reason per coupon outside the stack. For `min-spend`, the shortfall is measured
 * against the order that comes closest (the basis the coupon's slot looks at there),
 * so "add X to unlock" is the least the shopper has to add.
 */
export function unusedCoupons(model: Model, orders: readonly PricedOrder[]): Unused[] {
  const inStack = new Set<number>();
  for (const o of orders)
    for (const ci of [...o.choice.store, o.choice.select, o.choice.platform]) if (ci >= 0) inStack.add(ci);
  const out: Unused[] = [];
  for (const c of model.coupons) {
    if (inStack.has(c.index)) continue;
    if (c.invalid !== null) {
      out.push({ couponId: c.id, reason: c.invalid });
      continue;
    }
    // For each order that has the coupon's slot: its basis, and whether the slot is taken.
    const slots: { basis: number; eligible: boolean; taken: boolean }[] = [];
    for (const o of orders) {
      if (c.kind === Kind.Store) {
        const k = o.base.lines.findIndex((l) => l.store === c.store);
        if (k < 0) continue;
        const basis = o.base.lines[k]?.afterPromotion as number;
        slots.push({ basis, eligible: basis >= c.minSpend, taken: (o.choice.store[k] ?? -1) >= 0 });
      } else if (c.kind === Kind.Select) {
        const basis = o.base.selectBase;
        slots.push({ basis, eligible: basis > 0 && basis >= c.minSpend, taken: o.choice.select >= 0 });
      } else {
        const basis = model.discountedBasis ? o.afterSelect : o.base.subtotal;
        slots.push({ basis, eligible: basis >= c.minSpend, taken: o.choice.platform >= 0 });
      }
    }
    const eligible = slots.filter((s) => s.eligible);
    if (eligible.length === 0) {
      const closest = slots.reduce((m, s) => Math.max(m, s.basis), 0);
      const needed = c.kind === Kind.Select || slots.length === 0 ? Math.max(c.minSpend, 1) : c.minSpend;
      out.push({ couponId: c.id, reason: "min-spend", shortfall: Math.max(needed - closest, 1) });
    } else {
      out.push({ couponId: c.id, reason: eligible.every((s) => s.taken) ? "slot-taken" : "not-better" });
    }
  }
  return out;
}

export function buildResult(
  model: Model,
  plan: PricedPlan,
  baseline: number,
  greedyTotal: number,
  optimal: boolean,
): Result {
  return {
    currency: model.currency,
    baseline,
    total: plan.total,
    savings: baseline - plan.total,
    optimal,
    orders: plan.orders.map((o) => orderResult(model, o)),
    unused: unusedCoupons(model, plan.orders),
    greedyTotal,
    ...taxFields(
      model,
      plan.orders.reduce((a, o) => a + o.tax, 0),
    ),
  };
}
