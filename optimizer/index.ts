/**
 * Stackwise's checkout optimizer: the pure engine. No browser, DOM or storage here;
 * the same code runs in Node (command line, tests), the service worker and pages.
 */
import { searchContext } from "./context";
import { formatIssues, InvalidInputError } from "./errors";
import { emptyChoice, fullBalances, type OrderBase, orderBase, priceOrder } from "./evaluate";
import { greedyOrder } from "./greedy";
import { compile, type Model } from "./model";
import { solveOrder } from "./order-search";
import { type PlannedOrder, pricePlan } from "./plan";
import { buildResult, orderResult, unusedCoupons } from "./result";
import { type Input, InputSchema, type OrderResult, type Result, StackSchema } from "./schema";
import { exactSplit } from "./split-exact";
import { localSplit } from "./split-local";

export { formatIssues, InvalidInputError } from "./errors";
export * from "./schema";

/** Carts up to this many selected items are split with a proof of optimality. */
export const PROVEN_SPLIT_ITEMS = 8;
/** Beyond it, exact splitting is still tried when the partitions are this few. */
const EXACT_PARTITION_LIMIT = 200_000;
/** A safety valve for the proven search: past this, it reports `optimal: false`. */
const PROOF_LIMIT_MS = 30_000;

export function parseInput(raw: unknown): Input {
  const parsed = InputSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error));
  return parsed.data;
}

/** Validates `input` (throwing InvalidInputError with every problem) and finds the cheapest legal stack. */
export function optimize(input: unknown): Result {
  const started = performance.now();
  const model = compile(parseInput(input));
  const ctx = searchContext(model);
  const all = model.items.map((i) => i.index);
  const base = orderBase(model, all);
  const baseline = baselineOf(model, base);
  if (all.length === 0) return buildResult(model, pricePlan(model, [], fullBalances(model)), 0, 0, true);

  const greedy = greedyOrder(ctx, base, fullBalances(model));
  const single = solveOrder(ctx, base, null, fullBalances(model));
  let plan = pricePlan(model, [{ base, choice: single.choice }], fullBalances(model));
  let optimal = true;

  const k = Math.min(model.maxOrders, all.length);
  if (k > 1) {
    const budgetEnd = started + model.timeBudgetMs;
    if (all.length <= PROVEN_SPLIT_ITEMS) {
      const out = exactSplit(ctx, plan, k, started + Math.max(PROOF_LIMIT_MS, model.timeBudgetMs));
      plan = out.plan;
      optimal = out.complete;
    } else {
      const exactToo = partitionCount(all.length, k) <= EXACT_PARTITION_LIMIT;
      plan = localSplit(ctx, plan, k, exactToo ? started + model.timeBudgetMs / 2 : budgetEnd);
      optimal = false;
      if (exactToo) {
        const out = exactSplit(ctx, plan, k, budgetEnd);
        plan = out.plan;
        optimal = out.complete;
      }
    }
  }
  return buildResult(model, plan, baseline, greedy.total, optimal);
}

/** All selected items as one order with nothing applied: promotions, shipping and, with a destination, tax. */
function baselineOf(model: Model, all: OrderBase): number {
  if (all.items.length === 0) return 0;
  return priceOrder(model, all, emptyChoice(all), { coins: 0, points: [] }).total;
}

/** Set partitions of n items into at most k nonempty orders (sum of Stirling numbers of the second kind). */
function partitionCount(n: number, k: number): number {
  let row = [1];
  for (let i = 1; i <= n; i++) {
    const next = new Array<number>(Math.min(i, k) + 1).fill(0);
    for (let j = 1; j <= Math.min(i, k); j++) next[j] = j * (row[j] ?? 0) + (row[j - 1] ?? 0);
    row = next;
  }
  return row.reduce((a, b) => a + b, 0);
}

export interface StackEvaluation {
  /** True when every coupon is valid, in its slot, meets its minimum spend, and is used once. */
  legal: boolean;
  problems: string[];
  baseline: number;
  total: number;
  orders: OrderResult[];
  /** With a destination only: the stack's tax, included in `total`. */
  tax?: number;
}

/**
 * Prices a given stack with the same math as the optimizer and says whether it is
 * legal. Accepts a result's `orders` as they are. Input errors throw like `optimize`.
 */
export function evaluateStack(input: unknown, stack: unknown): StackEvaluation {
  const model = compile(parseInput(input));
  const parsed = StackSchema.safeParse(stack);
  if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error).map((l) => `stack.${l}`));
  const problems: string[] = [];
  const itemIndex = new Map(model.items.map((i) => [i.id, i.index]));
  const unselected = new Set(model.input.cart.items.filter((i) => !i.selected).map((i) => i.id));
  const placed = new Set<number>();
  const usedCoupons = new Set<string>();
  if (parsed.data.orders.length > model.maxOrders)
    problems.push(`${parsed.data.orders.length} orders, but options.maxOrders is ${model.maxOrders}`);

  const planned: PlannedOrder[] = parsed.data.orders.map((o, n) => {
    const items: number[] = [];
    for (const id of o.itemIds) {
      const i = itemIndex.get(id);
      if (i === undefined)
        problems.push(`order ${n}: item ${id} is ${unselected.has(id) ? "not selected" : "not in the cart"}`);
      else if (placed.has(i)) problems.push(`order ${n}: item ${id} is in more than one order`);
      else {
        placed.add(i);
        items.push(i);
      }
    }
    const base = orderBase(model, items);
    const coupon = (id: string | null) => {
      if (id === null) return -1;
      const c = model.couponById.get(id);
      if (!c) {
        problems.push(`order ${n}: coupon ${id} is not in the wallet`);
        return -1;
      }
      if (c.invalid !== null) problems.push(`order ${n}: coupon ${id} is not valid (${c.invalid})`);
      if (usedCoupons.has(id)) problems.push(`order ${n}: coupon ${id} is used more than once`);
      usedCoupons.add(id);
      return c.index;
    };
    const store = base.lines.map(() => -1);
    for (const id of o.storeCoupons) {
      const ci = coupon(id);
      if (ci < 0) continue;
      const c = model.coupons[ci] as Model["coupons"][number];
      const k = base.lines.findIndex((l) => l.store === c.store);
      if (k < 0) problems.push(`order ${n}: coupon ${id} has no store slot in this order`);
      else if ((store[k] as number) >= 0)
        problems.push(`order ${n}: two coupons in the slot of store ${model.stores[c.store]?.id}`);
      else store[k] = ci;
    }
    return { base, choice: { store, select: coupon(o.selectCoupon), platform: coupon(o.platformCoupon) } };
  });
  for (const item of model.items)
    if (!placed.has(item.index)) problems.push(`item ${item.id} is in no order`);

  const plan = pricePlan(model, planned, fullBalances(model));
  plan.orders.forEach((o, n) => {
    for (const p of o.problems) problems.push(`order ${n}: ${p}`);
  });
  const all = orderBase(
    model,
    model.items.map((i) => i.index),
  );
  return {
    legal: problems.length === 0,
    problems,
    baseline: baselineOf(model, all),
    total: plan.total,
    orders: plan.orders.map((o) => orderResult(model, o)),
    ...(model.taxNotes === null ? {} : { tax: plan.orders.reduce((a, o) => a + o.tax, 0) }),
  };
}

/** Why each coupon of a priced stack is not in it (the panel's "add X to unlock" hints). */
export { unusedCoupons };
