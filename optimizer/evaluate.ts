/**
 * The checkout math of stacking-rules.md, one order at a time. This is the only
 * implementation of it: the search calls the same functions on its hot path, and
 * the public `evaluateStack` wraps them with legality checks for the panel, the
 * demo shop's tests and the command line.
 */
import { Kind, type Model, type ModelCoupon } from "./model";
import { floorPercent, ruleAmount } from "./money";
import { packageTax, shareOf, type TaxModel } from "./tax";

/** One store's part of an order: everything fixed by which items are in it. */
export interface StoreLine {
  store: number;
  /** S_s: the store's line totals. */
  subtotal: number;
  quantity: number;
  /** Distinct products (cart items) of the store in the order: the EU duty counts these. */
  products: number;
  /** The seller promotion taken off S_s (largest tier that applies). */
  promotion: number;
  /** S1_s = S_s - promotion. */
  afterPromotion: number;
  shipping: number;
}

/** Everything about an order that its items alone decide. */
export interface OrderBase {
  /** Selected-item indices, ascending. */
  items: number[];
  /** L: sum of line totals. */
  subtotal: number;
  /** B: line totals of select-eligible items. */
  selectBase: number;
  /** Store lines in cart.stores order (points are taken in this order). */
  lines: StoreLine[];
  /** Sum of S1_s. */
  afterPromotions: number;
  shipping: number;
}

export function orderBase(model: Model, items: readonly number[]): OrderBase {
  const subtotals = new Map<number, { subtotal: number; quantity: number; products: number }>();
  let subtotal = 0;
  let selectBase = 0;
  const sorted = [...items].sort((a, b) => a - b);
  for (const i of sorted) {
    const item = model.items[i];
    if (!item) throw new Error(`no selected item at index ${i}`);
    subtotal += item.lineTotal;
    if (item.selectEligible) selectBase += item.lineTotal;
    const acc = subtotals.get(item.store) ?? { subtotal: 0, quantity: 0, products: 0 };
    acc.subtotal += item.lineTotal;
    acc.quantity += item.quantity;
    acc.products += 1;
    subtotals.set(item.store, acc);
  }
  const lines: StoreLine[] = [];
  let afterPromotions = 0;
  let shipping = 0;
  for (const store of model.stores) {
    const acc = subtotals.get(store.index);
    if (!acc) continue;
    let promotion = 0;
    for (const t of store.tiers) {
      if (acc.subtotal >= t.minSpend && acc.quantity >= t.minQuantity) {
        const amount = ruleAmount(t, acc.subtotal);
        if (amount > promotion) promotion = amount;
      }
    }
    const ship = acc.subtotal >= store.freeOver ? 0 : store.fee;
    lines.push({
      store: store.index,
      subtotal: acc.subtotal,
      quantity: acc.quantity,
      products: acc.products,
      promotion,
      afterPromotion: acc.subtotal - promotion,
      shipping: ship,
    });
    afterPromotions += acc.subtotal - promotion;
    shipping += ship;
  }
  return { items: sorted, subtotal, selectBase, lines, afterPromotions, shipping };
}

/** Stored value left to spend: consumed order by order. */
export interface Balances {
  coins: number;
  /** Points left, by store index (0 where the store has no program). */
  points: number[];
}

export const fullBalances = (model: Model): Balances => ({
  coins: model.coins?.balance ?? 0,
  points: model.stores.map((s) => s.points?.balance ?? 0),
});

export const copyBalances = (b: Balances): Balances => ({ coins: b.coins, points: b.points.slice() });

/** What points and coins take from an order once its coupons are fixed. */
export interface Settlement {
  /** Points used per line of the order (0 where none). */
  points: number[];
  pointsAmount: number;
  coins: number;
  coinsAmount: number;
  /** R6: what is left to pay before shipping. */
  rest: number;
}

/**
 * Steps 5 and 6: store points in cart.stores order, then coins; returns R6.
 * `afterStore[k]` is S2 of the order's k-th line. Balances are read, not changed.
 * Writes the details into `out` when given; the search passes null, so its hot loop
 * runs this same code without allocating.
 */
export function settleRest(
  model: Model,
  lines: readonly StoreLine[],
  afterStore: readonly number[],
  r4: number,
  balances: Balances,
  out: Settlement | null,
): number {
  let rest = r4;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as StoreLine;
    const program = model.stores[line.store]?.points;
    if (!program) continue;
    const cap = Math.min(afterStore[k] as number, rest);
    let p = Math.floor(cap / program.centsPerPoint);
    const left = balances.points[line.store] ?? 0;
    if (left < p) p = left;
    if (program.maxPerOrder < p) p = program.maxPerOrder;
    if (p < program.minRedeem || p <= 0) continue;
    const amount = p * program.centsPerPoint;
    rest -= amount;
    if (out) {
      out.points[k] = p;
      out.pointsAmount += amount;
    }
  }
  const c = model.coins;
  if (c && rest > 0 && balances.coins > 0) {
    const cap = Math.min(floorPercent(rest, c.maxBp), rest);
    const coins = Math.min(Math.floor(cap / c.centsPerCoin), balances.coins);
    rest -= coins * c.centsPerCoin;
    if (out) {
      out.coins = coins;
      out.coinsAmount = coins * c.centsPerCoin;
    }
  }
  if (out) out.rest = rest;
  return rest;
}

export function settle(
  model: Model,
  base: OrderBase,
  afterStore: readonly number[],
  r4: number,
  balances: Balances,
): Settlement {
  const out: Settlement = {
    points: new Array<number>(base.lines.length).fill(0),
    pointsAmount: 0,
    coins: 0,
    coinsAmount: 0,
    rest: r4,
  };
  settleRest(model, base.lines, afterStore, r4, balances, out);
  return out;
}

export function consume(base: OrderBase, s: Settlement, balances: Balances): void {
  balances.coins -= s.coins;
  for (let k = 0; k < base.lines.length; k++) {
    const p = s.points[k] as number;
    if (p > 0) {
      const store = (base.lines[k] as StoreLine).store;
      balances.points[store] = (balances.points[store] as number) - p;
    }
  }
}

/** The coupons placed in one order's slots, as coupon indices (-1: slot empty). */
export interface OrderChoice {
  /** Per line of the order, in `base.lines` order. */
  store: number[];
  select: number;
  platform: number;
}

export const emptyChoice = (base: OrderBase): OrderChoice => ({
  store: base.lines.map(() => -1),
  select: -1,
  platform: -1,
});

/** One order priced in full, with the eligibility of each coupon it holds. */
export interface PricedOrder {
  base: OrderBase;
  choice: OrderChoice;
  storeAmounts: number[];
  afterStore: number[];
  /** R2, R3, R4 of the rules. */
  afterStoreCoupons: number;
  select: number;
  afterSelect: number;
  platform: number;
  afterPlatform: number;
  settlement: Settlement;
  /** Per line of the order: its package's tax lines (-1 where a line does not apply); empty without tax. */
  packageTaxes: number[][];
  tax: number;
  /** What is paid, tax included. */
  total: number;
  /** Coupons of the choice that are not eligible where they sit, with why. */
  problems: string[];
}

/** Steps 2 to 7 for one order; ineligible coupons count as absent and are reported. */
export function priceOrder(
  model: Model,
  base: OrderBase,
  choice: OrderChoice,
  balances: Balances,
): PricedOrder {
  const problems: string[] = [];
  const storeAmounts: number[] = [];
  const afterStore: number[] = [];
  let r2 = 0;
  base.lines.forEach((line, k) => {
    const ci = choice.store[k] ?? -1;
    let amount = 0;
    if (ci >= 0) {
      const c = model.coupons[ci] as ModelCoupon;
      if (c.kind !== Kind.Store || c.store !== line.store)
        problems.push(`coupon ${c.id} is not a store coupon of store ${model.stores[line.store]?.id}`);
      else if (line.afterPromotion < c.minSpend)
        problems.push(
          `coupon ${c.id} needs ${c.minSpend} at store ${model.stores[line.store]?.id}, order has ${line.afterPromotion}`,
        );
      else amount = ruleAmount(c, line.afterPromotion);
    }
    storeAmounts.push(amount);
    afterStore.push(line.afterPromotion - amount);
    r2 += line.afterPromotion - amount;
  });

  let select = 0;
  if (choice.select >= 0) {
    const c = model.coupons[choice.select] as ModelCoupon;
    if (c.kind !== Kind.Select) problems.push(`coupon ${c.id} is not a select coupon`);
    else if (!(base.selectBase > 0 && base.selectBase >= c.minSpend))
      problems.push(
        `coupon ${c.id} needs ${Math.max(c.minSpend, 1)} of select items, order has ${base.selectBase}`,
      );
    else select = Math.min(ruleAmount(c, base.selectBase), r2);
  }
  const r3 = r2 - select;

  let platform = 0;
  if (choice.platform >= 0) {
    const c = model.coupons[choice.platform] as ModelCoupon;
    const basis = model.discountedBasis ? r3 : base.subtotal;
    if (c.kind !== Kind.Platform && c.kind !== Kind.Promo)
      problems.push(`coupon ${c.id} is not a platform coupon or promo code`);
    else if (basis < c.minSpend) problems.push(`coupon ${c.id} needs ${c.minSpend}, order has ${basis}`);
    else platform = ruleAmount(c, r3);
  }
  const r4 = r3 - platform;
  const settlement = settle(model, base, afterStore, r4, balances);
  const packageTaxes: number[][] = [];
  const tax = model.tax ? ordersTax(model.tax, base, afterStore, r2 - settlement.rest, packageTaxes) : 0;
  return {
    base,
    choice,
    storeAmounts,
    afterStore,
    afterStoreCoupons: r2,
    select,
    afterSelect: r3,
    platform,
    afterPlatform: r4,
    settlement,
    packageTaxes,
    tax,
    total: settlement.rest + base.shipping + tax,
    problems,
  };
}

const lineAmounts: number[] = [];

/**
 * The tax of an order's packages: `afterStore[k]` is the k-th package's goods after its
 * store coupon, `orderLevel` what the select and platform coupons, points and coins took
 * off (R2 - R6), shared over the packages by goods (rounded down) when the rule says it
 * reduces the base.
 * Writes each package's lines into `out` when given.
 */
export function ordersTax(
  tax: TaxModel,
  base: OrderBase,
  afterStore: readonly number[],
  orderLevel: number,
  out: number[][] | null,
): number {
  const n = base.lines.length;
  let goodsTotal = 0;
  for (let k = 0; k < n; k++) goodsTotal += afterStore[k] as number;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const line = base.lines[k] as StoreLine;
    const s2 = afterStore[k] as number;
    const goods = s2 - (tax.reduceBase ? shareOf(orderLevel, s2, goodsTotal) : 0);
    const amounts = out ? [] : lineAmounts;
    total += packageTax(tax, goods, line.shipping, line.products, amounts);
    if (out) out.push(amounts);
  }
  return total;
}
