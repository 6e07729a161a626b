/**
 * Lower bounds for the exact split search (`split-exact.ts`): what a set of items
 * (a block, one future order) must cost at least, and what several blocks together
 * must cost when each coupon is used once and points and coins run out. With a
 * destination, the least tax of each block is a separate term: tax is never negative,
 * so the pre-tax bounds stay valid, and adding the tax floor makes them bite.
 */
import type { SearchContext } from "./context";
import type { Balances, OrderBase } from "./evaluate";
import type { ModelCoupon } from "./model";
import { floorPercent, ruleAmount } from "./money";
import { solveOrder } from "./order-search";
import { packageTax, packageTaxMin } from "./tax";

/** What a coupon is worth at most in one order, best first. */
type Worths = { coupon: number; worth: number }[];

/** Facts about one set of items that the bounds need again and again. */
interface BlockFacts {
  base: OrderBase;
  /** Shipping + the least R4 any coupon choice reaches (every coupon available); lazy. */
  floor: number;
  /** Per slot kind (platform, select, then one per store of the block): coupon worths. */
  worths: Worths[];
  /** The least tax of the block's packages; lazy (-1). */
  tax: number;
  /** Shipping + R4 + tax of the cheapest coupon choice, no stored value; lazy (-1). */
  taxedFloor: number;
  /** The same with store coupons only (and no order-level discount in the tax); lazy (-1). */
  storeFloor: number;
}

/** Bounds shared by every node of the exact search. */
export class Relaxation {
  private readonly blocks = new Map<number, BlockFacts>();
  private readonly couponOnly: SearchContext;
  private readonly couponOnlyTaxed: SearchContext;
  private readonly storeOnlyTaxed: SearchContext;

  constructor(
    private readonly ctx: SearchContext,
    private readonly base: (mask: number) => OrderBase,
  ) {
    // Its floors are before tax: the tax floor is added on its own (`tax`), since points
    // and coins, left out here, lower the taxed value.
    this.couponOnly = { ...ctx, stored: false, taxed: false };
    this.couponOnlyTaxed = { ...ctx, stored: false };
    this.storeOnlyTaxed = { ...ctx, stored: false, selectCoupons: [], platformCoupons: [] };
  }

  private facts(mask: number): BlockFacts {
    let f = this.blocks.get(mask);
    if (f) return f;
    const { ctx } = this;
    const b = this.base(mask);
    const ranked = (list: readonly ModelCoupon[], worth: (c: ModelCoupon) => number): Worths =>
      list
        .map((c) => ({ coupon: c.index, worth: worth(c) }))
        .filter((x) => x.worth > 0)
        .sort((x, y) => y.worth - x.worth);
    // Platform: R3 <= S1 and the amount grows with its base, so the amount at S1 is the most.
    const worths = [
      ranked(ctx.platformCoupons, (c) =>
        (ctx.model.discountedBasis ? b.afterPromotions : b.subtotal) >= c.minSpend
          ? ruleAmount(c, b.afterPromotions)
          : 0,
      ),
      ranked(ctx.selectCoupons, (c) =>
        b.selectBase > 0 && b.selectBase >= c.minSpend
          ? Math.min(ruleAmount(c, b.selectBase), b.afterPromotions)
          : 0,
      ),
      ...ctx.model.stores.map((store) => {
        const line = b.lines.find((l) => l.store === store.index);
        return line
          ? ranked(ctx.storeCoupons[store.index] ?? [], (c) =>
              line.afterPromotion >= c.minSpend ? ruleAmount(c, line.afterPromotion) : 0,
            )
          : [];
      }),
    ];
    f = { base: b, floor: -1, worths, tax: -1, taxedFloor: -1, storeFloor: -1 };
    this.blocks.set(mask, f);
    return f;
  }

  /** Shipping + the least R4 any coupon choice reaches for this set of items. */
  floor(mask: number): number {
    const f = this.facts(mask);
    if (f.floor < 0) f.floor = solveOrder(this.couponOnly, f.base, null, { coins: 0, points: [] }).total;
    return f.floor;
  }

  /**
   * With a tax that never falls as goods grow: a lower bound on the after-tax total of
   * orders of these blocks, from each block's cheapest coupon choice after tax (solved
   * exactly, every coupon available, no points or coins), less what points and coins
   * can take off: each of their cents lowers the pre-tax total by one and the tax by at
   * most the tax's steepest slope. The same from store coupons alone, less the select and
   * platform coupons assigned once each; the larger wins. Null for other taxes.
   */
  taxedBound(masks: readonly number[], balances: Balances, available: Uint8Array): number | null {
    const tax = this.ctx.taxed ? this.ctx.model.tax : null;
    if (!tax?.monotone) return null;
    const none = { coins: 0, points: [] };
    let each = 0;
    let storeOnly = 0;
    let packages = 0;
    for (const m of masks) {
      const f = this.facts(m);
      if (f.taxedFloor < 0) f.taxedFloor = solveOrder(this.couponOnlyTaxed, f.base, null, none).total;
      if (f.storeFloor < 0) f.storeFloor = solveOrder(this.storeOnlyTaxed, f.base, null, none).total;
      each += f.taxedFloor;
      storeOnly += f.storeFloor;
      packages += f.base.lines.length;
    }
    const slope = 1 + (tax.reduceBase ? tax.maxSlope : 0);
    // Select and platform coupons each go to one order at most: the pre-tax bound's
    // assignment, each of its cents worth at most `slope` cents after tax.
    const facts = masks.map((m) => this.facts(m));
    let orderLevel = 0;
    for (const kind of [0, 1])
      orderLevel += bestAssignment(
        facts.map((f) => f.worths[kind] as Worths),
        available,
      );
    const stored = Math.ceil(slope * this.storedMost(masks, balances));
    return Math.max(each, storeOnly - Math.ceil(slope * orderLevel)) - stored - 2 * tax.slack * packages;
  }

  /**
   * With a tax that never falls as goods grow and is never negative: the least tax of an
   * order whose packages' goods add up to at least `goods`, at the tax's minimum slope.
   * Null for other taxes (the caller keeps its other bounds).
   */
  taxOn(b: OrderBase, goods: number): number | null {
    const tax = this.ctx.taxed ? this.ctx.model.tax : null;
    if (!tax?.monotone) return null;
    return Math.floor(tax.minSlope * Math.max(0, goods)) - 2 * tax.slack * b.lines.length;
  }

  /** The most points and coins the orders of these blocks can spend, in cents. */
  storedMost(masks: readonly number[], balances: Balances): number {
    if (!this.ctx.stored) return 0;
    const model = this.ctx.model;
    let most = 0;
    for (const store of model.stores) {
      const p = store.points;
      if (!p) continue;
      const left = balances.points[store.index] as number;
      if (left < Math.max(p.minRedeem, 1)) continue;
      let per = 0;
      for (const m of masks) {
        const line = this.base(m).lines.find((l) => l.store === store.index);
        if (line) per += Math.min(p.maxPerOrder, Math.floor(line.afterPromotion / p.centsPerPoint));
      }
      most += Math.min(left, per) * p.centsPerPoint;
    }
    const c = model.coins;
    if (c && balances.coins > 0) {
      let pct = 0;
      for (const m of masks) pct += floorPercent(this.base(m).afterPromotions, c.maxBp);
      most += Math.min(balances.coins * c.centsPerCoin, pct);
    }
    return most;
  }

  /**
   * The least tax the block's packages can pay as one order: each package's goods lie
   * between "its best store coupon and every order-level discount at once" and "nothing
   * off". When the tax never falls as goods grow, also "best store coupon, then the
   * order-level discounts at the tax's steepest slope"; the larger bound wins.
   */
  tax(mask: number): number {
    const f = this.facts(mask);
    if (f.tax >= 0) return f.tax;
    const tax = this.ctx.taxed ? this.ctx.model.tax : null;
    if (!tax) {
      f.tax = 0;
      return 0;
    }
    const model = this.ctx.model;
    const b = f.base;
    let orderLevel = 0;
    if (tax.reduceBase) {
      orderLevel += (f.worths[0]?.[0]?.worth ?? 0) + (f.worths[1]?.[0]?.worth ?? 0);
      for (const line of b.lines) {
        const p = model.stores[line.store]?.points;
        if (p)
          orderLevel +=
            Math.min(p.balance, p.maxPerOrder, Math.floor(line.afterPromotion / p.centsPerPoint)) *
            p.centsPerPoint;
      }
      const c = model.coins;
      if (c) orderLevel += Math.min(c.balance * c.centsPerCoin, floorPercent(b.afterPromotions, c.maxBp));
      orderLevel = Math.min(orderLevel, b.afterPromotions);
    }
    let interval = 0;
    let steep = 0;
    for (const line of b.lines) {
      const most = f.worths[2 + line.store]?.[0]?.worth ?? 0;
      const low = line.afterPromotion - most;
      interval += packageTaxMin(tax, low - orderLevel, line.afterPromotion, line.shipping, line.products);
      if (tax.monotone) steep += packageTax(tax, low, line.shipping, line.products, null) - 2 * tax.slack;
    }
    if (tax.monotone) steep -= Math.ceil(tax.maxSlope * orderLevel);
    f.tax = Math.max(interval, steep, 0);
    return f.tax;
  }

  /**
   * A floor of shipping + R4 for several orders at once that respects "each coupon
   * once": per slot kind, the most the available coupons could take off if each went
   * to the order where it is worth most (a max-weight assignment), measured on what
   * each order has before coupons. It misses how minimum spends shrink as coupons
   * stack, which `floor` sees, so `floors` takes the larger of both.
   */
  assigned(masks: readonly number[], available: Uint8Array): number {
    const facts = masks.map((m) => this.facts(m));
    let sum = 0;
    for (const f of facts) sum += f.base.shipping + f.base.afterPromotions;
    const kinds = (facts[0] as BlockFacts).worths.length;
    for (let kind = 0; kind < kinds; kind++)
      sum -= bestAssignment(
        facts.map((f) => f.worths[kind] as Worths),
        available,
      );
    return sum;
  }

  /**
   * A lower bound on the total of orders whose shipping + R4 add up to at least   * `sum`: points take at most what the balances and per-order limits allow, coins at
   * most their balance and their percentage of what is left.
   */
  bound(sum: number, masks: readonly number[], balances: Balances): number {
    const model = this.ctx.model;
    let points = 0;
    if (this.ctx.stored)
      for (const store of model.stores) {
        const p = store.points;
        if (!p) continue;
        const left = balances.points[store.index] as number;
        if (left < Math.max(p.minRedeem, 1)) continue;
        // Each order redeems at most its limit and at most the store's part of it.
        let most = 0;
        for (const m of masks) {
          const line = this.base(m).lines.find((l) => l.store === store.index);
          if (line) most += Math.min(p.maxPerOrder, Math.floor(line.afterPromotion / p.centsPerPoint));
        }
        points += Math.min(left, most) * p.centsPerPoint;
      }
    const x = sum > points ? sum - points : 0;
    const coins = this.ctx.stored ? model.coins : null;
    if (!coins || balances.coins <= 0) return x;
    const pct = floorPercent(x, coins.maxBp);
    const cap = balances.coins * coins.centsPerCoin;
    return x - Math.min(cap, pct);
  }
}

/**
 * The most the coupons can add up to when each goes to at most one order and each
 * order takes at most one: exact for up to 4 orders (an order's pick is among its
 * k best available, since the other orders take at most k-1), each order's best otherwise.
 */
function bestAssignment(worths: readonly Worths[], available: Uint8Array): number {
  const k = worths.length;
  const top: Worths[] = worths.map((list) => {
    const out: Worths = [];
    for (const x of list) {
      if (available[x.coupon] === 0) continue;
      out.push(x);
      if (out.length === k) break;
    }
    return out;
  });
  if (k > 4) return top.reduce((a, t) => a + (t[0]?.worth ?? 0), 0);
  const taken: number[] = [];
  const dfs = (j: number): number => {
    if (j === k) return 0;
    let best = dfs(j + 1);
    for (const x of top[j] as Worths) {
      if (taken.includes(x.coupon)) continue;
      taken.push(x.coupon);
      const v = x.worth + dfs(j + 1);
      taken.pop();
      if (v > best) best = v;
    }
    return best;
  };
  return dfs(0);
}
