/**
 * A plan: the orders of a stack in the sequence balances are consumed, each with the
 * coupons in its slots. Pricing a plan is the one place balances flow from one order
 * to the next.
 */
import { compareKeys, keyOf } from "./context";
import {
  type Balances,
  consume,
  copyBalances,
  type OrderBase,
  type OrderChoice,
  type PricedOrder,
  priceOrder,
} from "./evaluate";
import type { Model } from "./model";

export interface PlannedOrder {
  base: OrderBase;
  choice: OrderChoice;
}

export interface PricedPlan {
  orders: PricedOrder[];
  total: number;
  /** Points and coins spent, in cents. */
  stored: number;
  key: number[];
}

export function pricePlan(model: Model, orders: readonly PlannedOrder[], start: Balances): PricedPlan {
  const balances = copyBalances(start);
  const priced: PricedOrder[] = [];
  let total = 0;
  let stored = 0;
  const used: number[] = [];
  for (const o of orders) {
    const p = priceOrder(model, o.base, o.choice, balances);
    consume(o.base, p.settlement, balances);
    priced.push(p);
    total += p.total;
    stored += p.settlement.pointsAmount + p.settlement.coinsAmount;
    used.push(...o.choice.store, o.choice.select, o.choice.platform);
  }
  return { orders: priced, total, stored, key: keyOf(model, used) };
}

/**
 * The preference order of stacking-rules.md: lower total, then fewer orders, then
 * less stored value, then keep the long-lived coupons. Negative when `a` is better.
 */
export function comparePlans(a: PricedPlan, b: PricedPlan): number {
  return (
    a.total - b.total || a.orders.length - b.orders.length || a.stored - b.stored || compareKeys(a.key, b.key)
  );
}
