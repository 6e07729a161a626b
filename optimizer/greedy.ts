/**
 * What a shop's own auto-pick charges: one order, and in each slot the largest
 * eligible coupon at that point (store coupons first, then select, then platform).
 * The panel shows the optimizer's savings against it; it is never better than the
 * optimum, which the property tests check.
 */
import type { SearchContext } from "./context";
import { type Balances, type OrderBase, type OrderChoice, type PricedOrder, priceOrder } from "./evaluate";
import type { ModelCoupon } from "./model";
import { ruleAmount } from "./money";

/** The largest amount wins; a tie goes to the coupon that expires sooner. */
function largest(candidates: readonly ModelCoupon[], amountOf: (c: ModelCoupon) => number): number {
  let best = -1;
  let bestAmount = 0;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const a = amountOf(c);
    if (a > bestAmount || (a === bestAmount && a > 0 && c.rank < bestRank)) {
      best = c.index;
      bestAmount = a;
      bestRank = c.rank;
    }
  }
  return best;
}

export function greedyOrder(ctx: SearchContext, base: OrderBase, balances: Balances): PricedOrder {
  const model = ctx.model;
  const choice: OrderChoice = { store: [], select: -1, platform: -1 };
  let r2 = 0;
  for (const line of base.lines) {
    const pick = largest(ctx.storeCoupons[line.store] ?? [], (c) =>
      line.afterPromotion >= c.minSpend ? ruleAmount(c, line.afterPromotion) : 0,
    );
    choice.store.push(pick);
    r2 +=
      line.afterPromotion -
      (pick >= 0 ? ruleAmount(model.coupons[pick] as ModelCoupon, line.afterPromotion) : 0);
  }
  const b = base.selectBase;
  choice.select = largest(ctx.selectCoupons, (c) =>
    b > 0 && b >= c.minSpend ? Math.min(ruleAmount(c, b), r2) : 0,
  );
  const r3 =
    r2 - (choice.select >= 0 ? Math.min(ruleAmount(model.coupons[choice.select] as ModelCoupon, b), r2) : 0);
  const basis = model.discountedBasis ? r3 : base.subtotal;
  choice.platform = largest(ctx.platformCoupons, (c) => (basis >= c.minSpend ? ruleAmount(c, r3) : 0));
  return priceOrder(model, base, choice, balances);
}
