/**
 * The one-order search against plain enumeration of every coupon choice, on carts
 * larger than the oracle can take: many stores, points with minimum redemption and
 * cents per point above 1, coins in 5-cent units. Only the search is on trial here
 * (pricing goes through the shared evaluator, which the oracle tests hold to the spec).
 */
import { describe, expect, it } from "vitest";
import { generate, type Shape } from "../../bench/carts";
import { searchContext } from "../../optimizer/context";
import { fullBalances, orderBase, priceOrder } from "../../optimizer/evaluate";
import { optimize, parseInput } from "../../optimizer/index";
import { compile } from "../../optimizer/model";

const MEDIUM: Shape = {
  items: [10, 16],
  stores: [3, 6],
  coupons: [16, 26],
  maxOrders: 1,
  pointsShare: 0.6,
  coins: true,
};

function bruteForce(raw: unknown): number {
  const model = compile(parseInput(raw));
  const ctx = searchContext(model);
  const base = orderBase(
    model,
    model.items.map((i) => i.index),
  );
  const lineOptions = base.lines.map((l) => [-1, ...(ctx.storeCoupons[l.store] ?? []).map((c) => c.index)]);
  const selects = [-1, ...ctx.selectCoupons.map((c) => c.index)];
  const platforms = [-1, ...ctx.platformCoupons.map((c) => c.index)];
  let best = Number.POSITIVE_INFINITY;
  const pick = lineOptions.map(() => 0);
  for (;;) {
    const store = pick.map((p, k) => (lineOptions[k] as number[])[p] as number);
    for (const select of selects)
      for (const platform of platforms) {
        const priced = priceOrder(model, base, { store, select, platform }, fullBalances(model));
        if (priced.problems.length === 0 && priced.total < best) best = priced.total;
      }
    let k = 0;
    while (k < pick.length) {
      pick[k] = (pick[k] as number) + 1;
      if ((pick[k] as number) < (lineOptions[k] as number[]).length) break;
      pick[k] = 0;
      k++;
    }
    if (k === pick.length) return best;
  }
}

describe("one-order search on medium carts", () => {
  it("finds the lowest total of every coupon choice, with points and coins in play", () => {
    let checked = 0;
    for (let seed = 1; checked < 60; seed++) {
      const raw = generate(MEDIUM, seed);
      const result = optimize(raw);
      expect(result.optimal).toBe(true);
      expect(result.total, `seed ${seed}`).toBe(bruteForce(raw));
      checked++;
    }
  });

  it("also with the platform minimum spend on the items subtotal, and without stored value", () => {
    for (let seed = 500; seed < 540; seed++) {
      const raw = generate(MEDIUM, seed) as Record<string, unknown>;
      const variants = [
        { ...raw, rules: { platformMinSpendBasis: "itemsSubtotal" } },
        { ...raw, options: { maxOrders: 1, useCoins: false, usePoints: false } },
      ];
      for (const v of variants) expect(optimize(v).total, `seed ${seed}`).toBe(bruteForce(v));
    }
  });
});
