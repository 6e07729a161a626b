/**
 * The exact split search: branch and bound over set partitions of the items, proven
 * optimal when it completes. Each partition gets a lower bound from a relaxation
 * (`split-bounds.ts`: every order with every coupon, no stored value, then the shared
 * points and coins caps, plus the least tax); partitions are solved best bound first;
 * inside one, the orders' coupons are enumerated order by order (best-first by what
 * they leave to pay) and the last order is solved exactly by the one-order search.
 * Totals compared are after tax, and tax is never negative, so every bound holds.
 */
import type { SearchContext } from "./context";
import { Deadline } from "./deadline";
import {
  type Balances,
  consume,
  copyBalances,
  fullBalances,
  type OrderBase,
  type OrderChoice,
  orderBase,
  priceOrder,
} from "./evaluate";
import type { ModelCoupon } from "./model";
import { ruleAmount } from "./money";
import { solveOrder } from "./order-search";
import { comparePlans, type PlannedOrder, type PricedPlan, pricePlan } from "./plan";
import { Relaxation } from "./split-bounds";

export interface SplitOutcome {
  plan: PricedPlan;
  /** True when the search covered every stack it had to (the plan is proven optimal). */
  complete: boolean;
}

interface Config {
  choice: OrderChoice;
  /** R4: what is left after the coupons, before points and coins. */
  r4: number;
  coupons: number[];
}

/**
 * Every coupon choice for one order among the available coupons, sorted by R4. Other
 * orders still follow, so two coupons are merged only when their rules are the same
 * (interchangeable in any order); equal amounts here are not enough, since one of them
 * may be worth more to a later order.
 */
function configs(ctx: SearchContext, base: OrderBase, available: Uint8Array): Config[] {
  const model = ctx.model;
  const ruleKey = (c: ModelCoupon) => `${c.store}|${c.minSpend}|${c.off}|${c.bp}|${c.maxOff}`;
  const interchangeable = (list: readonly ModelCoupon[], eligible: (c: ModelCoupon) => boolean) => {
    const by = new Map<string, ModelCoupon>();
    for (const c of list) {
      if (available[c.index] === 0 || !eligible(c)) continue;
      const k = ruleKey(c);
      const seen = by.get(k);
      if (!seen || c.rank < seen.rank) by.set(k, c);
    }
    return [...by.values()];
  };
  const lineOptions = base.lines.map((line) => [
    { coupon: -1, d: 0 },
    ...interchangeable(
      ctx.storeCoupons[line.store] ?? [],
      (c) => line.afterPromotion >= c.minSpend && ruleAmount(c, line.afterPromotion) > 0,
    ).map((c) => ({ coupon: c.index, d: ruleAmount(c, line.afterPromotion) })),
  ]);
  const b = base.selectBase;
  const selects = [
    { coupon: -1, a: 0 },
    ...interchangeable(ctx.selectCoupons, (c) => b > 0 && b >= c.minSpend && ruleAmount(c, b) > 0).map(
      (c) => ({
        coupon: c.index,
        a: ruleAmount(c, b),
      }),
    ),
  ];
  const platforms: (ModelCoupon | null)[] = [null, ...interchangeable(ctx.platformCoupons, () => true)];

  const out: Config[] = [];
  const pick = new Array<number>(lineOptions.length).fill(0);
  for (;;) {
    let d = 0;
    for (let k = 0; k < pick.length; k++) d += (lineOptions[k] as { d: number }[])[pick[k] as number]?.d ?? 0;
    const r2 = base.afterPromotions - d;
    for (const sel of selects) {
      const r3 = r2 - Math.min(sel.a, r2);
      for (const plat of platforms) {
        if (plat && (model.discountedBasis ? r3 : base.subtotal) < plat.minSpend) continue;
        const store = pick.map((p, k) => (lineOptions[k] as { coupon: number }[])[p]?.coupon ?? -1);
        const choice = { store, select: sel.coupon, platform: plat ? plat.index : -1 };
        out.push({
          choice,
          r4: r3 - (plat ? ruleAmount(plat, r3) : 0),
          coupons: [...store, sel.coupon, choice.platform].filter((c) => c >= 0),
        });
      }
    }
    let k = 0;
    while (k < pick.length) {
      pick[k] = (pick[k] as number) + 1;
      if ((pick[k] as number) < (lineOptions[k] as unknown[]).length) break;
      pick[k] = 0;
      k++;
    }
    if (k === pick.length) break;
  }
  return out.sort((x, y) => x.r4 - y.r4);
}

export function exactSplit(
  ctx: SearchContext,
  incumbent: PricedPlan,
  maxOrders: number,
  deadlineAt: number,
): SplitOutcome {
  const model = ctx.model;
  const n = model.items.length;
  const k = Math.min(maxOrders, n);
  let best = incumbent;
  if (k < 2) return { plan: best, complete: true };
  const deadline = new Deadline(deadlineAt);

  const bases = new Map<number, OrderBase>();
  const base = (mask: number): OrderBase => {
    let b = bases.get(mask);
    if (!b) {
      const items: number[] = [];
      for (let i = 0; i < n; i++) if (mask & (1 << i)) items.push(i);
      b = orderBase(model, items);
      bases.set(mask, b);
    }
    return b;
  };
  const relax = new Relaxation(ctx, base);
  const start = fullBalances(model);
  const cannotWin = (bound: number, orders: number) =>
    bound > best.total || (bound === best.total && orders > best.orders.length);

  const available = new Uint8Array(model.coupons.length).fill(1);
  /** Lower bound on acc + the orders of `masks`; the costlier per-order floors only when the cheap one fails. */
  const lowerBound = (masks: readonly number[], balances: Balances, acc: number, orders: number): number => {
    let tax = 0;
    for (const m of masks) tax += relax.tax(m);
    const assigned = relax.assigned(masks, available);
    let lb = acc + tax + relax.bound(assigned, masks, balances);
    if (cannotWin(lb, orders)) return lb;
    const taxed = relax.taxedBound(masks, balances, available);
    if (taxed !== null && acc + taxed > lb) {
      lb = acc + taxed;
      if (cannotWin(lb, orders)) return lb;
    }
    let sum = 0;
    for (const m of masks) sum += relax.floor(m);
    return sum > assigned ? Math.max(lb, acc + tax + relax.bound(sum, masks, balances)) : lb;
  };
  // Set partitions into 2..k blocks, as restricted growth strings.
  const partitions: { blocks: number[]; bound: number }[] = [];
  const blocks: number[] = [];
  const assign = (i: number) => {
    if (deadline.passed()) return;
    if (i === n) {
      if (blocks.length < 2) return;
      const masks = blocks.slice();
      const bound = lowerBound(masks, start, 0, masks.length);
      if (!cannotWin(bound, masks.length)) partitions.push({ blocks: masks, bound });
      return;
    }
    for (let b = 0; b < blocks.length; b++) {
      blocks[b] = (blocks[b] as number) | (1 << i);
      assign(i + 1);
      blocks[b] = (blocks[b] as number) & ~(1 << i);
    }
    if (blocks.length < k) {
      blocks.push(1 << i);
      assign(i + 1);
      blocks.pop();
    }
  };
  assign(0);
  partitions.sort((a, b) => a.bound - b.bound || a.blocks.length - b.blocks.length);

  const sequenceMatters = ctx.stored && (model.coins !== null || model.stores.some((s) => s.points !== null));
  const chosen: PlannedOrder[] = [];
  let orders = 0;

  const dfs = (remaining: number[], balances: Balances, acc: number): void => {
    if (deadline.passed()) return;
    if (remaining.length === 1) {
      const b = base(remaining[0] as number);
      const sol = solveOrder(ctx, b, available, balances);
      if (cannotWin(acc + sol.total, orders)) return;
      const plan = pricePlan(model, [...chosen, { base: b, choice: sol.choice }], start);
      if (comparePlans(plan, best) < 0) best = plan;
      return;
    }
    const firsts = sequenceMatters ? remaining : remaining.slice(0, 1);
    for (const first of firsts) {
      const rest = remaining.filter((m) => m !== first);
      let restFloor = 0;
      let restTax = 0;
      for (const m of rest) {
        restFloor += relax.floor(m);
        restTax += relax.tax(m);
      }
      const firstTax = relax.tax(first);
      const b = base(first);
      // The first order's tax also grows with what its coupons leave: its packages' goods
      // add up to at least R4 less the points and coins it may spend (Relaxation.taxOn).
      const stored = relax.taxOn(b, 0) === null ? 0 : relax.storedMost(remaining, balances);
      for (const cfg of configs(ctx, b, available)) {
        const tax = restTax + Math.max(firstTax, relax.taxOn(b, cfg.r4 - stored) ?? 0);
        if (cannotWin(acc + tax + relax.bound(b.shipping + cfg.r4 + restFloor, remaining, balances), orders))
          break;
        const priced = priceOrder(model, b, cfg.choice, balances);
        const after = copyBalances(balances);
        consume(b, priced.settlement, after);
        for (const c of cfg.coupons) available[c] = 0;
        if (!cannotWin(lowerBound(rest, after, acc + priced.total, orders), orders)) {
          chosen.push({ base: b, choice: cfg.choice });
          dfs(rest, after, acc + priced.total);
          chosen.pop();
        }
        for (const c of cfg.coupons) available[c] = 1;
        if (deadline.expired) return;
      }
    }
  };

  for (const p of partitions) {
    // Sorted by bound: once one cannot win, none after it can.
    if (cannotWin(p.bound, p.blocks.length)) break;
    orders = p.blocks.length;
    dfs(p.blocks, start, 0);
    if (deadline.expired) break;
  }
  return { plan: best, complete: !deadline.expired };
}
