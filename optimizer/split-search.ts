/**
 * Splitting the cart into several orders: each order has its own platform, select
 * and store slots, its own minimum spends, seller promotions, shipping and points
 * limit per order, while every coupon is used once and balances run out order by
 * order. Two searches share the pricing of `plan.ts`:
 *
 * - `exactSplit`: branch and bound over set partitions of the items, proven optimal
 *   when it completes. Each partition gets a lower bound from a relaxation (every
 *   order with every coupon, no stored value, then the shared points and coins caps);
 *   partitions are solved best bound first; inside one, the orders' coupons are
 *   enumerated order by order (best-first by what they leave to pay) and the last
 *   order is solved exactly by the one-order search.
 * - `localSplit`: for carts too large to enumerate, improves the best plan found by
 *   moving items and whole stores between orders until the time budget runs out.
 */
import { type SearchContext, searchContext } from "./context";
import {
  type Balances,
  consume,
  copyBalances,
  fullBalances,
  type OrderBase,
  type OrderChoice,
  orderBase,
  type PricedOrder,
  priceOrder,
} from "./evaluate";
import type { ModelCoupon } from "./model";
import { floorPercent, ruleAmount } from "./money";
import { solveOrder } from "./order-search";
import { comparePlans, type PlannedOrder, type PricedPlan, pricePlan } from "./plan";

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

/** What a coupon is worth at most in one order, best first. */
type Worths = { coupon: number; worth: number }[];

/** Facts about one set of items that the bounds need again and again. */
interface BlockFacts {
  base: OrderBase;
  /** Shipping + the least R4 any coupon choice reaches (every coupon available); lazy. */
  floor: number;
  /** Per slot kind (platform, select, then one per store of the block): coupon worths. */
  worths: Worths[];
}

/** Bounds shared by every node of the exact search. */
class Relaxation {
  private readonly blocks = new Map<number, BlockFacts>();
  private readonly couponOnly: SearchContext;

  constructor(
    private readonly ctx: SearchContext,
    private readonly base: (mask: number) => OrderBase,
  ) {
    this.couponOnly = { ...ctx, stored: false };
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
    f = { base: b, floor: -1, worths };
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

class Deadline {
  private checks = 0;
  expired = false;
  /** `every`: read the clock once per that many checks; it is slow next to a small search node. */
  constructor(
    private readonly at: number,
    private readonly every = 64,
  ) {}
  passed(): boolean {
    if (this.expired) return true;
    if (++this.checks % this.every === 0 && performance.now() > this.at) this.expired = true;
    return this.expired;
  }
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
    const assigned = relax.assigned(masks, available);
    const lb = acc + relax.bound(assigned, masks, balances);
    if (cannotWin(lb, orders)) return lb;
    let sum = 0;
    for (const m of masks) sum += relax.floor(m);
    return sum > assigned ? acc + relax.bound(sum, masks, balances) : lb;
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
      for (const m of rest) restFloor += relax.floor(m);
      const b = base(first);
      for (const cfg of configs(ctx, b, available)) {
        if (cannotWin(acc + relax.bound(b.shipping + cfg.r4 + restFloor, remaining, balances), orders)) break;
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

/**
 * Prices a split of the items (order index per item): its orders are solved one after
 * another, each exactly over the coupons the earlier ones left; then, since the first
 * order took its pick greedily, each order in turn re-picks among the coupons the
 * others leave, while that lowers the whole plan.
 */
function solveSequence(ctx: SearchContext, groups: number[][], repick: boolean): PricedPlan {
  const model = ctx.model;
  const available = new Uint8Array(model.coupons.length).fill(1);
  const balances = fullBalances(model);
  const planned: PlannedOrder[] = [];
  for (const items of groups) {
    const b = orderBase(model, items);
    const sol = solveOrder(ctx, b, available, balances);
    const priced = priceOrder(model, b, sol.choice, balances);
    consume(b, priced.settlement, balances);
    for (const c of couponsOf(sol.choice)) available[c] = 0;
    planned.push({ base: b, choice: sol.choice });
  }
  let plan = pricePlan(model, planned, fullBalances(model));
  for (let pass = 0; repick && pass < 2 && planned.length > 1; pass++) {
    let improved = false;
    for (let j = 0; j < planned.length; j++) {
      available.fill(1);
      const before = fullBalances(model);
      planned.forEach((o, i) => {
        if (i !== j) for (const c of couponsOf(o.choice)) available[c] = 0;
      });
      for (let i = 0; i < j; i++)
        consume((plan.orders[i] as PricedOrder).base, (plan.orders[i] as PricedOrder).settlement, before);
      const own = planned[j] as PlannedOrder;
      const sol = solveOrder(ctx, own.base, available, before);
      const candidate = planned.map((o, i) => (i === j ? { base: own.base, choice: sol.choice } : o));
      const priced = pricePlan(model, candidate, fullBalances(model));
      if (comparePlans(priced, plan) < 0) {
        planned[j] = { base: own.base, choice: sol.choice };
        plan = priced;
        improved = true;
      }
    }
    if (!improved) break;
  }
  return plan;
}

const couponsOf = (choice: OrderChoice): number[] =>
  [...choice.store, choice.select, choice.platform].filter((c) => c >= 0);

const groupsOf = (assignment: Int8Array, k: number): number[][] => {
  const groups: number[][] = Array.from({ length: k }, () => []);
  assignment.forEach((o, i) => {
    groups[o]?.push(i);
  });
  return groups.filter((g) => g.length > 0);
};

/** A small deterministic PRNG (mulberry32), so the same input always gives the same stack. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Local search over splits for carts too large to enumerate. Climbing evaluates a split
 * cheaply (orders solved one after another); each local optimum is then polished
 * (coupons re-picked, other sequences tried for the balances). Starts: one order;
 * splits aimed at the minimum spends of the best platform coupons (a second platform
 * coupon is the usual reason to split); stores dealt round-robin. Then the best split
 * is perturbed at random and climbed again until the deadline.
 */
export function localSplit(
  ctx: SearchContext,
  incumbent: PricedPlan,
  maxOrders: number,
  deadlineAt: number,
): PricedPlan {
  const model = ctx.model;
  const n = model.items.length;
  const k = Math.min(maxOrders, n);
  let best = incumbent;
  if (k < 2) return best;
  const rand = random(n * 7919 + model.coupons.length);
  const deadline = new Deadline(deadlineAt, 1);
  const seen = new Map<string, PricedPlan>();
  const stored = model.coins !== null || model.stores.some((s) => s.points !== null);

  const evaluate = (assignment: Int8Array): PricedPlan => {
    const groups = groupsOf(assignment, k);
    const id = groups.map((g) => g.join(",")).join("|");
    let plan = seen.get(id);
    if (!plan) {
      plan = solveSequence(ctx, groups, false);
      // Long budgets visit many splits: keep the memo from growing without end.
      if (seen.size >= 4096) seen.clear();
      seen.set(id, plan);
    }
    return plan;
  };

  const polish = (plan: PricedPlan): PricedPlan => {
    const groups = plan.orders.map((o) => o.base.items);
    let out = plan;
    for (const seq of stored ? sequences(groups) : [groups]) {
      if (deadline.passed()) break;
      const p = solveSequence(ctx, seq, true);
      if (comparePlans(p, out) < 0) out = p;
    }
    return out;
  };

  const storeItems = model.stores.map((s) =>
    model.items.filter((it) => it.store === s.index).map((it) => it.index),
  );

  const climb = (start: Int8Array): void => {
    const current = start.slice();
    let currentPlan = evaluate(current);
    for (;;) {
      const used = new Set(current);
      const free = firstFree(used, k);
      const targets = Array.from({ length: k }, (_, o) => o).filter((o) => used.has(o) || o === free);
      // Moves: a store's items within one order, together (keeps its free shipping and
      // promotions), or one item; tried in random order, first improvement taken.
      const moves: { items: number[]; to: number }[] = [];
      for (const items of storeItems)
        for (const from of used) {
          const part = items.filter((i) => current[i] === from);
          if (part.length > 1) for (const to of targets) if (to !== from) moves.push({ items: part, to });
        }
      for (let i = 0; i < n; i++)
        for (const to of targets) if (to !== current[i]) moves.push({ items: [i], to });
      shuffle(moves, rand);
      let improved = false;
      for (const m of moves) {
        if (deadline.passed()) break;
        const next = current.slice();
        for (const i of m.items) next[i] = m.to;
        const plan = evaluate(next);
        if (comparePlans(plan, currentPlan) < 0) {
          current.set(next);
          currentPlan = plan;
          improved = true;
          break;
        }
      }
      if (!improved) break;
    }
    const polished = polish(currentPlan);
    if (comparePlans(polished, best) < 0) best = polished;
  };

  climb(new Int8Array(n));
  for (const start of platformStarts(ctx, k, storeItems)) {
    if (deadline.passed()) break;
    climb(start);
  }
  const storesBySize = storeItems
    .map((items, s) => ({ s, size: items.reduce((a, i) => a + (model.items[i]?.lineTotal ?? 0), 0) }))
    .filter((x) => x.size > 0)
    .sort((a, b) => b.size - a.size);
  for (let parts = 2; parts <= k && !deadline.passed(); parts++) {
    const a = new Int8Array(n);
    storesBySize.forEach((x, r) => {
      for (const i of storeItems[x.s] ?? []) a[i] = r % parts;
    });
    climb(a);
  }
  while (!deadline.passed()) {
    const a = new Int8Array(n);
    best.orders.forEach((o, order) => {
      for (const i of o.base.items) a[i] = order;
    });
    const moves = 1 + Math.floor(rand() * 3);
    for (let m = 0; m < moves; m++) a[Math.floor(rand() * n)] = Math.floor(rand() * k);
    climb(a);
  }
  return best;
}

/**
 * Splits that give each of the t best platform coupons (t = 2..k) an order of its own
 * and fill the orders' minimum spends with whole stores, largest first.
 */
function platformStarts(ctx: SearchContext, k: number, storeItems: number[][]): Int8Array[] {
  const model = ctx.model;
  const n = model.items.length;
  const storeSize = storeItems.map((items) =>
    items.reduce((a, i) => a + (model.items[i]?.lineTotal ?? 0), 0),
  );
  const subtotal = storeSize.reduce((a, b) => a + b, 0);
  const coupons = ctx.platformCoupons
    .filter((c) => c.minSpend <= subtotal)
    .map((c) => ({ c, worth: ruleAmount(c, Math.max(c.minSpend, 1)) }))
    .sort((a, b) => b.worth - a.worth);
  const starts: Int8Array[] = [];
  const order = storeSize
    .map((size, s) => ({ s, size }))
    .filter((x) => x.size > 0)
    .sort((a, b) => b.size - a.size);
  for (let t = 2; t <= k && t <= coupons.length; t++) {
    const need = coupons.slice(0, t).map((x) => x.c.minSpend);
    const load = new Array<number>(t).fill(0);
    const a = new Int8Array(n);
    for (const { s, size } of order) {
      let to = 0;
      for (let o = 1; o < t; o++) {
        const gap = (need[o] as number) - (load[o] as number);
        const bestGap = (need[to] as number) - (load[to] as number);
        if (gap > bestGap || (gap === bestGap && (load[o] as number) < (load[to] as number))) to = o;
      }
      load[to] = (load[to] as number) + size;
      for (const i of storeItems[s] ?? []) a[i] = to;
    }
    starts.push(a);
  }
  return starts;
}

/** Every order of the orders (balances run out order by order), or just two for long lists. */
function sequences<T>(orders: T[]): T[][] {
  if (orders.length > 3) return [orders, orders.slice().reverse()];
  const out: T[][] = [];
  const permute = (prefix: T[], rest: T[]) => {
    if (rest.length === 0) out.push(prefix);
    rest.forEach((x, i) => {
      permute([...prefix, x], [...rest.slice(0, i), ...rest.slice(i + 1)]);
    });
  };
  permute([], orders);
  return out;
}

function shuffle<T>(xs: T[], rand: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
  }
}

function firstFree(used: Set<number>, k: number): number {
  for (let o = 0; o < k; o++) if (!used.has(o)) return o;
  return -1;
}

export { searchContext };
