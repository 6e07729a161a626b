/**
 * An independent test oracle for the checkout optimizer.
 *
 * Written straight from ../../../shared/spec/stacking-rules.md and optimizer-io.md,
 * without looking at the optimizer's code. It favours clarity over speed:
 *
 * - `priceOrder` follows the seven steps of "One order, step by step" literally;
 * - `oracleEvaluate` checks and prices a given stack (the "legal" definition of
 *   "The whole stack");
 * - `enumerateStacks` yields EVERY stack that is legal up to minimum spends (each
 *   ordered split of the selected items into 1..maxOrders nonempty orders, times
 *   every placement of valid coupons into slots, each coupon at most once);
 *   `bruteForceOptimum` prices all of them with `oracleEvaluate`;
 * - `oracleOptimum` does the same search order by order with memoisation (the
 *   remaining cost depends only on the remaining items, the remaining coupons,
 *   the balances left and the number of orders left), which makes it fast enough
 *   for property tests; the unit tests check it against `bruteForceOptimum`.
 *
 * Only types are taken from the optimizer's schema; the oracle fills in defaults itself.
 */
import type { Coupon, Input, Item, Store } from "../../optimizer/schema";
import { type OraclePackage, oraclePackageTax, oracleShares, oracleTaxRule } from "./tax";

// ---------------------------------------------------------------- input

type Json = Record<string, unknown>;
const obj = (v: unknown, what: string): Json => {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new Error(`oracle: ${what} is not an object`);
  return v as Json;
};
const arr = (v: unknown, what: string): unknown[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error(`oracle: ${what} is not an array`);
  return v;
};

/**
 * The input with the defaults of optimizer-io.md filled in (selected true,
 * selectEligible false, promotions [], minSpend 0, status active, minRedeem 0,
 * basis "discounted", maxOrders 1, useCoins and usePoints true). The oracle is
 * only ever given valid inputs, so it does not re-validate them: it must not
 * depend on the optimizer's schema code.
 */
export function normalizeInput(raw: unknown): Input {
  const r = obj(raw, "input");
  const cart = obj(r.cart, "cart");
  const wallet = r.wallet === undefined ? {} : obj(r.wallet, "wallet");
  const rules = r.rules === undefined ? {} : obj(r.rules, "rules");
  const options = r.options === undefined ? {} : obj(r.options, "options");
  return {
    now: r.now as string,
    cart: {
      currency: cart.currency as string,
      items: arr(cart.items, "cart.items").map((x) => {
        const i = obj(x, "item") as unknown as Item;
        return { ...i, selected: i.selected ?? true, selectEligible: i.selectEligible ?? false };
      }),
      stores: arr(cart.stores, "cart.stores").map((x) => {
        const s = obj(x, "store") as unknown as Store;
        return { ...s, promotions: s.promotions ?? [] };
      }),
    },
    wallet: {
      coupons: arr(wallet.coupons, "wallet.coupons").map((x) => {
        const c = obj(x, "coupon") as unknown as Coupon;
        return { ...c, minSpend: c.minSpend ?? 0, status: c.status ?? "active" };
      }),
      coins:
        wallet.coins === undefined
          ? undefined
          : (obj(wallet.coins, "coins") as unknown as Input["wallet"]["coins"]),
      points: arr(wallet.points, "wallet.points").map((x) => {
        const p = obj(x, "points") as unknown as Input["wallet"]["points"][number];
        return { ...p, minRedeem: p.minRedeem ?? 0 };
      }),
    },
    rules: {
      platformMinSpendBasis: rules.platformMinSpendBasis === "itemsSubtotal" ? "itemsSubtotal" : "discounted",
      ...(typeof rules.discountsReduceBase === "boolean"
        ? { discountsReduceBase: rules.discountsReduceBase }
        : {}),
    },
    ...(r.destination === undefined
      ? {}
      : { destination: obj(r.destination, "destination") as Input["destination"] }),
    options: {
      maxOrders: (options.maxOrders as number | undefined) ?? 1,
      useCoins: (options.useCoins as boolean | undefined) ?? true,
      usePoints: (options.usePoints as boolean | undefined) ?? true,
      timeBudgetMs: (options.timeBudgetMs as number | undefined) ?? 100,
    },
  };
}

// ---------------------------------------------------------------- money

/** `floor(b * round(p * 100) / 10000)`, in exact integer (BigInt) arithmetic. */
export function percentOf(base: number, percent: number): number {
  const bp = BigInt(Math.round(percent * 100));
  return Number((BigInt(base) * bp) / 10000n);
}

const lineTotal = (item: Item): number => item.unitPrice * item.quantity;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Raw amount of an `off | percent (+ maxOff)` rule on `base`, capped by `base`. */
function ruleAmount(rule: { off?: number; percent?: number; maxOff?: number }, base: number): number {
  let amount: number;
  if (rule.off !== undefined) amount = rule.off;
  else if (rule.percent !== undefined) {
    amount = percentOf(base, rule.percent);
    if (rule.maxOff !== undefined) amount = Math.min(amount, rule.maxOff);
  } else throw new Error("oracle: a rule with neither off nor percent");
  return Math.min(amount, base);
}

// ---------------------------------------------------------------- validity

export type InvalidReason = "used" | "expired" | "not-started" | "currency" | "store-not-in-cart";

/**
 * Why a coupon can never be in a legal stack (empty when it can):
 * `validFrom <= now < expiresAt`, status not used, currency equal to the cart's,
 * and, for a store coupon, its store in `cart.stores`.
 */
export function invalidReasons(input: Input, coupon: Coupon): InvalidReason[] {
  const now = Date.parse(input.now);
  const reasons: InvalidReason[] = [];
  if (coupon.status === "used") reasons.push("used");
  if (!(now < Date.parse(coupon.expiresAt))) reasons.push("expired");
  if (coupon.validFrom !== undefined && !(Date.parse(coupon.validFrom) <= now)) reasons.push("not-started");
  if (coupon.currency !== undefined && coupon.currency !== input.cart.currency) reasons.push("currency");
  if (coupon.kind === "store" && !input.cart.stores.some((s) => s.id === coupon.storeId))
    reasons.push("store-not-in-cart");
  return reasons;
}

export const isValid = (input: Input, coupon: Coupon): boolean => invalidReasons(input, coupon).length === 0;

// ---------------------------------------------------------------- one order

/** What is placed in one order's slots. */
export interface Slots {
  /** store id -> the store coupon in that store's slot */
  store: Map<string, Coupon>;
  select: Coupon | null;
  platform: Coupon | null;
}

export interface Balances {
  /** points left per store id (only stores with a program in the wallet) */
  points: Map<string, number>;
  coins: number;
}

/** An order priced by the oracle, in the shape of the contract's OrderResult. */
export interface OracleOrder {
  itemIds: string[];
  itemsSubtotal: number;
  sellerPromotions: { storeId: string; amount: number }[];
  storeCoupons: { couponId: string; storeId: string; amount: number }[];
  selectCoupon: { couponId: string; amount: number } | null;
  platformCoupon: { couponId: string; amount: number } | null;
  points: { storeId: string; points: number; amount: number }[];
  coins: { coins: number; amount: number };
  shipping: number;
  /** with a modelled destination only */
  packages?: OraclePackage[];
  tax?: number;
  total: number;
}

/** Step 1: the single largest applicable seller promotion tier of `store` on `S` with `quantity` items. */
export function sellerPromotion(store: Store, S: number, quantity: number): number {
  let best = 0;
  for (const tier of store.promotions) {
    const spendOk = tier.minSpend === undefined || S >= tier.minSpend;
    const quantityOk = tier.minQuantity === undefined || quantity >= tier.minQuantity;
    if (spendOk && quantityOk) best = Math.max(best, ruleAmount(tier, S));
  }
  return best;
}

export interface PriceFlags {
  usePoints: boolean;
  useCoins: boolean;
}

/**
 * Prices one order (the seven steps of stacking-rules.md) with the coupons in
 * `slots`, consuming `balances` (a fresh copy is returned). `problems` lists the
 * coupons whose minimum spend is not met (such a coupon then takes nothing off).
 */
export function priceOrder(
  input: Input,
  items: readonly Item[],
  slots: Slots,
  balances: Balances,
  flags: PriceFlags,
): { order: OracleOrder; problems: string[]; balances: Balances } {
  const problems: string[] = [];
  // The stores with items in this order, in the sequence of cart.stores.
  const stores = input.cart.stores.filter((s) => items.some((i) => i.storeId === s.id));
  const itemsOf = (s: Store) => items.filter((i) => i.storeId === s.id);
  const L = sum(items.map(lineTotal));
  const S = new Map(stores.map((s) => [s.id, sum(itemsOf(s).map(lineTotal))]));
  const get = (m: Map<string, number>, id: string): number => {
    const v = m.get(id);
    if (v === undefined) throw new Error(`oracle: no value for store ${id}`);
    return v;
  };

  // 1. Seller promotions.
  const sellerPromotions: OracleOrder["sellerPromotions"] = [];
  const S1 = new Map<string, number>();
  for (const s of stores) {
    const quantity = sum(itemsOf(s).map((i) => i.quantity));
    const promo = sellerPromotion(s, get(S, s.id), quantity);
    if (promo > 0) sellerPromotions.push({ storeId: s.id, amount: promo });
    S1.set(s.id, get(S, s.id) - promo);
  }

  // 2. Store coupons.
  const storeCoupons: OracleOrder["storeCoupons"] = [];
  const S2 = new Map<string, number>();
  for (const s of stores) {
    const s1 = get(S1, s.id);
    let amount = 0;
    const coupon = slots.store.get(s.id);
    if (coupon !== undefined) {
      if (s1 >= coupon.minSpend) amount = ruleAmount(coupon, s1);
      else problems.push(`${coupon.id}: store minimum spend ${coupon.minSpend} not met (${s1})`);
      storeCoupons.push({ couponId: coupon.id, storeId: s.id, amount });
    }
    S2.set(s.id, s1 - amount);
  }
  const R2 = sum(stores.map((s) => get(S2, s.id)));

  // 3. Select coupon.
  const B = sum(items.filter((i) => i.selectEligible).map(lineTotal));
  let select = 0;
  let selectCoupon: OracleOrder["selectCoupon"] = null;
  if (slots.select !== null) {
    const c = slots.select;
    if (B > 0 && B >= c.minSpend) select = Math.min(ruleAmount(c, B), B, R2);
    else problems.push(`${c.id}: select minimum spend ${c.minSpend} not met (select base ${B})`);
    selectCoupon = { couponId: c.id, amount: select };
  }
  const R3 = R2 - select;

  // 4. Platform coupon or promo code.
  let platform = 0;
  let platformCoupon: OracleOrder["platformCoupon"] = null;
  if (slots.platform !== null) {
    const c = slots.platform;
    const basis = input.rules.platformMinSpendBasis === "itemsSubtotal" ? L : R3;
    if (basis >= c.minSpend) platform = Math.min(ruleAmount(c, R3), R3);
    else problems.push(`${c.id}: platform minimum spend ${c.minSpend} not met (${basis})`);
    platformCoupon = { couponId: c.id, amount: platform };
  }
  const R4 = R3 - platform;

  // 5. Store loyalty points, stores in cart.stores order.
  const pointsLeft = new Map(balances.points);
  const points: OracleOrder["points"] = [];
  let R = R4;
  if (flags.usePoints) {
    for (const s of stores) {
      const program = input.wallet.points.find((p) => p.storeId === s.id);
      if (program === undefined) continue;
      const left = pointsLeft.get(s.id) ?? program.balance;
      const cap = Math.min(get(S2, s.id), R);
      let p = Math.min(left, Math.floor(cap / program.centsPerPoint));
      if (program.maxPerOrder !== undefined) p = Math.min(p, program.maxPerOrder);
      if (p < program.minRedeem) p = 0;
      const amount = p * program.centsPerPoint;
      if (p > 0) points.push({ storeId: s.id, points: p, amount });
      pointsLeft.set(s.id, left - p);
      R -= amount;
    }
  }
  const R5 = R;

  // 6. Coins.
  let coinsLeft = balances.coins;
  let coins = { coins: 0, amount: 0 };
  const wc = input.wallet.coins;
  if (flags.useCoins && wc !== undefined) {
    const cap = Math.min(R5, percentOf(R5, wc.maxPercent ?? 100));
    const c = Math.min(coinsLeft, Math.floor(cap / wc.centsPerCoin));
    coins = { coins: c, amount: c * wc.centsPerCoin };
    coinsLeft -= c;
  }
  const R6 = R5 - coins.amount;

  // 7. Shipping.
  let shipping = 0;
  const shipOf = new Map<string, number>();
  for (const s of stores) {
    if (s.shipping === undefined) continue;
    const free = s.shipping.freeOver !== undefined && get(S, s.id) >= s.shipping.freeOver;
    if (!free) {
      shipping += s.shipping.fee;
      shipOf.set(s.id, s.shipping.fee);
    }
  }

  // 8. Import tax (issue 13), per package: one per store of the order.
  const rule = oracleTaxRule(input);
  let tax = 0;
  let packages: OraclePackage[] | undefined;
  if (rule !== null && typeof rule !== "string") {
    const goodsBefore = stores.map((s) => get(S2, s.id));
    const orderLevel = R2 - R6;
    const shares = rule.reduceBase ? oracleShares(orderLevel, goodsBefore) : goodsBefore.map(() => 0);
    packages = stores.map((s, k) => ({
      storeId: s.id,
      taxes: oraclePackageTax(
        rule,
        (goodsBefore[k] as number) - (shares[k] as number),
        shipOf.get(s.id) ?? 0,
        itemsOf(s).length,
      ),
    }));
    tax = sum(packages.flatMap((p) => p.taxes.map((t) => t.amount)));
  }

  const order: OracleOrder = {
    itemIds: items.map((i) => i.id),
    itemsSubtotal: L,
    sellerPromotions,
    storeCoupons,
    selectCoupon,
    platformCoupon,
    points,
    coins,
    shipping,
    ...(packages === undefined ? {} : { packages, tax }),
    total: R6 + shipping + tax,
  };
  return { order, problems, balances: { points: pointsLeft, coins: coinsLeft } };
}

function initialBalances(input: Input): Balances {
  return {
    points: new Map(input.wallet.points.map((p) => [p.storeId, p.balance])),
    coins: input.wallet.coins?.balance ?? 0,
  };
}

const selectedItems = (input: Input): Item[] => input.cart.items.filter((i) => i.selected);

/** All selected items as one order; seller promotions and shipping, nothing else. */
export function baselineOf(input: Input): number {
  const items = selectedItems(input);
  if (items.length === 0) return 0;
  const empty: Slots = { store: new Map(), select: null, platform: null };
  return priceOrder(input, items, empty, initialBalances(input), { usePoints: false, useCoins: false }).order
    .total;
}

// ---------------------------------------------------------------- a whole stack

/** A coupon reference as `evaluateStack` accepts it: the id, or an applied-coupon object. */
type CouponRef = string | { couponId: string };

export interface StackOrderIn {
  itemIds: string[];
  storeCoupons?: CouponRef[];
  selectCoupon?: CouponRef | null;
  platformCoupon?: CouponRef | null;
}
export interface StackIn {
  orders: StackOrderIn[];
}

const refId = (r: CouponRef): string => (typeof r === "string" ? r : r.couponId);

export interface OracleEvaluation {
  legal: boolean;
  problems: string[];
  baseline: number;
  total: number;
  orders: OracleOrder[];
}

/**
 * Checks and prices `stack` against `rawInput` (the "legal" definition of
 * stacking-rules.md, "The whole stack"). The total is the sum of the orders'
 * totals as priced (unknown items and coupons are left out of the pricing).
 */
export function oracleEvaluate(rawInput: unknown, stack: StackIn): OracleEvaluation {
  const input = normalizeInput(rawInput);
  return evaluateParsed(input, stack);
}

function evaluateParsed(input: Input, stack: StackIn): OracleEvaluation {
  const problems: string[] = [];
  const itemById = new Map(input.cart.items.map((i) => [i.id, i]));
  const couponById = new Map(input.wallet.coupons.map((c) => [c.id, c]));
  const seenItems = new Set<string>();
  const seenCoupons = new Set<string>();

  if (stack.orders.length > input.options.maxOrders)
    problems.push(`${stack.orders.length} orders, more than maxOrders ${input.options.maxOrders}`);

  const resolveCoupon = (ref: CouponRef, where: string): Coupon | null => {
    const id = refId(ref);
    const c = couponById.get(id);
    if (c === undefined) {
      problems.push(`${where}: unknown coupon ${id}`);
      return null;
    }
    if (seenCoupons.has(id)) problems.push(`${where}: coupon ${id} used more than once`);
    seenCoupons.add(id);
    const why = invalidReasons(input, c);
    if (why.length > 0) problems.push(`${where}: coupon ${id} is not valid (${why.join(", ")})`);
    return c;
  };

  let balances = initialBalances(input);
  const flags = { usePoints: input.options.usePoints, useCoins: input.options.useCoins };
  const orders: OracleOrder[] = [];
  stack.orders.forEach((o, k) => {
    const where = `orders[${k}]`;
    const items: Item[] = [];
    if (o.itemIds.length === 0) problems.push(`${where}: an order needs at least one item`);
    for (const id of o.itemIds) {
      const item = itemById.get(id);
      if (item === undefined) {
        problems.push(`${where}: unknown item ${id}`);
        continue;
      }
      if (!item.selected) problems.push(`${where}: item ${id} is not selected`);
      if (seenItems.has(id)) problems.push(`${where}: item ${id} is in more than one order`);
      seenItems.add(id);
      items.push(item);
    }
    const slots: Slots = { store: new Map(), select: null, platform: null };
    for (const ref of o.storeCoupons ?? []) {
      const c = resolveCoupon(ref, `${where}.storeCoupons`);
      if (c === null) continue;
      if (c.kind !== "store") problems.push(`${where}: ${c.id} (${c.kind}) is not a store coupon`);
      else if (c.storeId === undefined || !items.some((i) => i.storeId === c.storeId))
        problems.push(`${where}: store coupon ${c.id} for a store with no items in this order`);
      else if (slots.store.has(c.storeId))
        problems.push(`${where}: two store coupons for store ${c.storeId} in one order`);
      else slots.store.set(c.storeId, c);
    }
    if (o.selectCoupon != null) {
      const c = resolveCoupon(o.selectCoupon, `${where}.selectCoupon`);
      if (c !== null && c.kind !== "select")
        problems.push(`${where}: ${c.id} (${c.kind}) in the select slot`);
      else if (c !== null) slots.select = c;
    }
    if (o.platformCoupon != null) {
      const c = resolveCoupon(o.platformCoupon, `${where}.platformCoupon`);
      if (c !== null && c.kind !== "platform" && c.kind !== "promo")
        problems.push(`${where}: ${c.id} (${c.kind}) in the platform slot`);
      else if (c !== null) slots.platform = c;
    }
    const priced = priceOrder(input, items, slots, balances, flags);
    for (const p of priced.problems) problems.push(`${where}: ${p}`);
    balances = priced.balances;
    orders.push(priced.order);
  });
  for (const item of selectedItems(input))
    if (!seenItems.has(item.id)) problems.push(`selected item ${item.id} is in no order`);

  return {
    legal: problems.length === 0,
    problems,
    baseline: baselineOf(input),
    total: sum(orders.map((o) => o.total)),
    orders,
  };
}

// ---------------------------------------------------------------- enumeration

/** Every way to fill one order's slots from `coupons` (all valid, none reused). */
function* slotFillings(input: Input, items: readonly Item[], coupons: readonly Coupon[]): Generator<Slots> {
  const storeIds = input.cart.stores.filter((s) => items.some((i) => i.storeId === s.id)).map((s) => s.id);
  const selects = [null, ...coupons.filter((c) => c.kind === "select")];
  const platforms = [null, ...coupons.filter((c) => c.kind === "platform" || c.kind === "promo")];
  function* stores(k: number, acc: Map<string, Coupon>): Generator<Map<string, Coupon>> {
    const storeId = storeIds[k];
    if (storeId === undefined) {
      yield new Map(acc);
      return;
    }
    yield* stores(k + 1, acc);
    for (const c of coupons) {
      if (c.kind !== "store" || c.storeId !== storeId) continue;
      acc.set(storeId, c);
      yield* stores(k + 1, acc);
      acc.delete(storeId);
    }
  }
  for (const store of stores(0, new Map()))
    for (const select of selects) for (const platform of platforms) yield { store, select, platform };
}

const couponsOf = (slots: Slots): Coupon[] =>
  [...slots.store.values(), slots.select, slots.platform].filter((c): c is Coupon => c !== null);

/** Nonempty subsets of `xs` (as arrays keeping the original sequence). */
function* nonemptySubsets<T>(xs: readonly T[]): Generator<T[]> {
  for (let mask = 1; mask < 1 << xs.length; mask++) yield xs.filter((_, k) => (mask >> k) & 1);
}

/**
 * EVERY stack that is legal except possibly for minimum spends: each ordered
 * split of the selected items into 1..maxOrders nonempty orders, and each
 * placement of valid coupons into those orders' slots (a store coupon only in
 * its store's slot of an order holding that store's items; each coupon at most
 * once). `oracleEvaluate` then decides minimum spends and prices it.
 */
export function* enumerateStacks(rawInput: unknown): Generator<StackIn> {
  const input = normalizeInput(rawInput);
  const valid = input.wallet.coupons.filter((c) => isValid(input, c));
  const toOrder = (items: Item[], slots: Slots): StackOrderIn => ({
    itemIds: items.map((i) => i.id),
    storeCoupons: [...slots.store.values()].map((c) => c.id),
    selectCoupon: slots.select?.id ?? null,
    platformCoupon: slots.platform?.id ?? null,
  });
  function* rest(items: Item[], coupons: Coupon[], ordersLeft: number): Generator<StackOrderIn[]> {
    if (items.length === 0) {
      yield [];
      return;
    }
    if (ordersLeft === 0) return;
    for (const first of nonemptySubsets(items)) {
      const others = items.filter((i) => !first.includes(i));
      for (const slots of slotFillings(input, first, coupons)) {
        const used = couponsOf(slots);
        const left = coupons.filter((c) => !used.includes(c));
        for (const tail of rest(others, left, ordersLeft - 1)) yield [toOrder(first, slots), ...tail];
      }
    }
  }
  const items = selectedItems(input);
  if (items.length === 0) {
    yield { orders: [] };
    return;
  }
  for (const orders of rest(items, valid, input.options.maxOrders)) yield { orders };
}

export interface OracleOptimum {
  /** the lowest legal total */
  total: number;
  /** the fewest orders among the stacks with that total */
  orders: number;
  /** the least stored value (points and coins, in cents) spent among those stacks */
  storedValue: number;
  baseline: number;
  /** one stack reaching `total` with `orders` orders */
  stack: StackIn;
}

/** Points and coins spent in an order, in cents. */
export const storedValueOf = (o: OracleOrder): number => sum(o.points.map((p) => p.amount)) + o.coins.amount;

/** Lower total; then fewer orders; then less stored value spent (stacking-rules.md, "What the optimizer must find"). */
const lexLess = (
  a: { total: number; orders: number; storedValue: number },
  b: { total: number; orders: number; storedValue: number },
): boolean =>
  a.total !== b.total
    ? a.total < b.total
    : a.orders !== b.orders
      ? a.orders < b.orders
      : a.storedValue < b.storedValue;

/** The optimum by pricing every stack of `enumerateStacks` with `oracleEvaluate`. Slow; for checking. */
export function bruteForceOptimum(rawInput: unknown): OracleOptimum {
  const input = normalizeInput(rawInput);
  let best: OracleOptimum | null = null;
  for (const stack of enumerateStacks(input)) {
    const e = evaluateParsed(input, stack);
    if (!e.legal) continue;
    const candidate = {
      total: e.total,
      orders: stack.orders.length,
      storedValue: sum(e.orders.map(storedValueOf)),
      baseline: e.baseline,
      stack,
    };
    if (best === null || lexLess(candidate, best)) best = candidate;
  }
  if (best === null) throw new Error("oracle: no legal stack (the baseline stack should always be legal)");
  return best;
}

/**
 * The same search as `bruteForceOptimum`, order by order, memoised on
 * (remaining items, remaining coupons, balances left, orders left).
 */
export function oracleOptimum(rawInput: unknown): OracleOptimum {
  const input = normalizeInput(rawInput);
  const items = selectedItems(input);
  const valid = input.wallet.coupons.filter((c) => isValid(input, c));
  const flags = { usePoints: input.options.usePoints, useCoins: input.options.useCoins };
  const baseline = baselineOf(input);
  if (items.length === 0) return { total: 0, orders: 0, storedValue: 0, baseline, stack: { orders: [] } };

  interface Best {
    total: number;
    storedValue: number;
    stack: StackOrderIn[];
  }
  const memo = new Map<string, Best | null>();
  const key3 = (b: Best) => ({ total: b.total, orders: b.stack.length, storedValue: b.storedValue });
  const better = (a: Best, b: Best | null): boolean => b === null || lexLess(key3(a), key3(b));

  const solve = (
    itemMask: number,
    couponMask: number,
    balances: Balances,
    ordersLeft: number,
  ): Best | null => {
    if (itemMask === 0) return { total: 0, storedValue: 0, stack: [] };
    if (ordersLeft === 0) return null;
    const key = `${itemMask}|${couponMask}|${[...balances.points.values()].join(",")}|${balances.coins}|${ordersLeft}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const coupons = valid.filter((_, k) => (couponMask >> k) & 1);
    let best: Best | null = null;
    for (let sub = itemMask; sub > 0; sub = (sub - 1) & itemMask) {
      if (ordersLeft === 1 && sub !== itemMask) continue;
      const orderItems = items.filter((_, k) => (sub >> k) & 1);
      for (const slots of slotFillings(input, orderItems, coupons)) {
        const priced = priceOrder(input, orderItems, slots, balances, flags);
        if (priced.problems.length > 0) continue;
        const used = couponsOf(slots);
        let left = couponMask;
        valid.forEach((c, k) => {
          if (used.includes(c)) left &= ~(1 << k);
        });
        const tail = solve(itemMask & ~sub, left, priced.balances, ordersLeft - 1);
        if (tail === null) continue;
        const candidate: Best = {
          total: priced.order.total + tail.total,
          storedValue: storedValueOf(priced.order) + tail.storedValue,
          stack: [
            {
              itemIds: orderItems.map((i) => i.id),
              storeCoupons: [...slots.store.values()].map((c) => c.id),
              selectCoupon: slots.select?.id ?? null,
              platformCoupon: slots.platform?.id ?? null,
            },
            ...tail.stack,
          ],
        };
        if (better(candidate, best)) best = candidate;
      }
    }
    memo.set(key, best);
    return best;
  };

  if (items.length > 20 || valid.length > 30) throw new Error("oracle: too large for an exhaustive search");
  const allItems = (1 << items.length) - 1;
  const allCoupons = (1 << valid.length) - 1;
  const best = solve(allItems, allCoupons, initialBalances(input), input.options.maxOrders);
  if (best === null) throw new Error("oracle: no legal stack (the baseline stack should always be legal)");
  return {
    total: best.total,
    orders: best.stack.length,
    storedValue: best.storedValue,
    baseline,
    stack: { orders: best.stack },
  };
}

// ---------------------------------------------------------------- greedy

/**
 * What a shop's own auto-pick charges: one order of all selected items; per slot
 * the valid, eligible coupon that takes the most off at that step, store coupons
 * first, then select, then platform/promo; points and coins as the rules decide.
 */
export function oracleGreedy(rawInput: unknown): number {
  const input = normalizeInput(rawInput);
  const items = selectedItems(input);
  if (items.length === 0) return 0;
  const valid = input.wallet.coupons.filter((c) => isValid(input, c));
  const balances = initialBalances(input);
  const flags = { usePoints: input.options.usePoints, useCoins: input.options.useCoins };
  const price = (slots: Slots) => priceOrder(input, items, slots, balances, flags);
  const slots: Slots = { store: new Map(), select: null, platform: null };
  const storeIds = input.cart.stores.filter((s) => items.some((i) => i.storeId === s.id)).map((s) => s.id);

  // Try each candidate in a slot; keep the eligible one with the largest amount.
  const pick = (
    candidates: Coupon[],
    place: (c: Coupon | null) => void,
    amountOf: (o: OracleOrder) => number,
  ) => {
    let best: Coupon | null = null;
    let bestAmount = -1;
    for (const c of candidates) {
      place(c);
      const r = price(slots);
      if (r.problems.length === 0 && amountOf(r.order) > bestAmount) {
        best = c;
        bestAmount = amountOf(r.order);
      }
    }
    place(best);
  };
  for (const storeId of storeIds)
    pick(
      valid.filter((c) => c.kind === "store" && c.storeId === storeId),
      (c) => (c === null ? slots.store.delete(storeId) : slots.store.set(storeId, c)),
      (o) => o.storeCoupons.find((x) => x.storeId === storeId)?.amount ?? 0,
    );
  pick(
    valid.filter((c) => c.kind === "select"),
    (c) => {
      slots.select = c;
    },
    (o) => o.selectCoupon?.amount ?? 0,
  );
  pick(
    valid.filter((c) => c.kind === "platform" || c.kind === "promo"),
    (c) => {
      slots.platform = c;
    },
    (o) => o.platformCoupon?.amount ?? 0,
  );
  return price(slots).order.total;
}
