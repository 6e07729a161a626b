/**
 * The local split search, for carts too large to enumerate: improves the best plan
 * found by moving items and whole stores between orders until the time budget runs
 * out. It never claims optimality (`optimal: false` in the result).
 */
import type { SearchContext } from "./context";
import { Deadline } from "./deadline";
import { consume, fullBalances, type OrderChoice, orderBase, type PricedOrder, priceOrder } from "./evaluate";
import { ruleAmount } from "./money";
import { solveOrder } from "./order-search";
import { comparePlans, type PlannedOrder, type PricedPlan, pricePlan } from "./plan";

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
      const t0 = performance.now();
      plan = solveSequence(ctx, groups, false);
      // After tax a step costs several one-order searches: keep one in hand so the
      // budget holds. Without tax the search runs as before, to the last millisecond.
      if (ctx.taxed) deadline.took(performance.now() - t0);
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
      const t0 = performance.now();
      const p = solveSequence(ctx, seq, true);
      if (ctx.taxed) deadline.took(performance.now() - t0);
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
