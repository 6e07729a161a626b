/**
 * Validates the test oracle (test/oracle/oracle.ts) before it judges the optimizer:
 * it must reproduce the proven answers of the shared examples, price the spec's
 * worked example exactly as the spec does, follow the spec's sentences on small
 * hand-checked carts, and its fast search must agree with plain enumeration.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputSchema } from "../../optimizer/schema";
import { FAMILIES, inputArb, NOW, T, TAX_FAMILIES } from "../oracle/arbitrary";
import {
  bruteForceOptimum,
  enumerateStacks,
  invalidReasons,
  normalizeInput,
  oracleEvaluate,
  oracleGreedy,
  oracleOptimum,
  percentOf,
  priceOrder,
} from "../oracle/oracle";
import { loadExamples } from "./support/examples";

const examples = loadExamples();
const small = examples.filter((e) => !e.name.startsWith("large-"));

describe("the oracle on the shared examples", () => {
  it("finds the example files", () => {
    expect(small.map((e) => e.name)).toContain("worked-example");
    expect(small.some((e) => e.name.startsWith("single-"))).toBe(true);
    expect(small.some((e) => e.name.startsWith("split-"))).toBe(true);
  });

  it.each(small)("$name: total, baseline and fewest orders", ({ input, expected }) => {
    const o = oracleOptimum(input);
    expect({ total: o.total, baseline: o.baseline, orders: o.orders }).toEqual({
      total: expected.total,
      baseline: expected.baseline,
      orders: expected.orders,
    });
    // Its witness is a legal stack with that total.
    const e = oracleEvaluate(input, o.stack);
    expect(e.problems).toEqual([]);
    expect(e.total).toBe(expected.total);
  });

  it.each(small)("$name: plain enumeration agrees", ({ input, expected }) => {
    const b = bruteForceOptimum(input);
    expect({ total: b.total, orders: b.orders }).toEqual({ total: expected.total, orders: expected.orders });
    expect(b.storedValue).toBe(oracleOptimum(input).storedValue);
  });

  it.each(examples)("$name: greedy total", ({ input, expected }) => {
    expect(oracleGreedy(input)).toBe(expected.greedyTotal);
  });
});

// ---------------------------------------------------------------- the worked example, by hand

const worked = small.find((e) => e.name === "worked-example")?.input;
const order = (extra: Record<string, unknown>) => ({
  orders: [{ itemIds: ["i1", "i2", "i3"], storeCoupons: [] as string[], ...extra }],
});

describe("the spec's worked example, by hand", () => {
  it("prices A1 + P exactly as stacking-rules.md does", () => {
    const e = oracleEvaluate(worked, order({ storeCoupons: ["A1"], platformCoupon: "P" }));
    expect(e.legal).toBe(true);
    const [o] = e.orders;
    // L = 5100; S1_A = 2100 >= 2000 so A1 takes 300; R2 = R3 = 4800 >= 4000 so P takes 500: R4 = 4300;
    // coins cap floor(4300 * 300 / 10000) = 129; R6 = 4171; A ships 199 (2100 < 2500): 4370.
    expect(o).toEqual({
      itemIds: ["i1", "i2", "i3"],
      itemsSubtotal: 5100,
      sellerPromotions: [],
      storeCoupons: [{ couponId: "A1", storeId: "A", amount: 300 }],
      selectCoupon: null,
      platformCoupon: { couponId: "P", amount: 500 },
      points: [],
      coins: { coins: 129, amount: 129 },
      shipping: 199,
      total: 4370,
    });
    expect(e.total).toBe(4370);
    expect(e.baseline).toBe(5100 + 199);
    expect(oracleOptimum(worked)).toMatchObject({ total: 4370, orders: 1, baseline: 5299 });
  });

  it("prices the other stacks of the worked example", () => {
    // P alone: R3 = 5100, P 500 -> 4600; coins floor(4600 * 3%) = 138 -> 4462; + 199.
    expect(oracleEvaluate(worked, order({ platformCoupon: "P" })).total).toBe(4600 - 138 + 199);
    // A1 alone: 4800; coins floor(4800 * 3%) = 144; + 199.
    expect(oracleEvaluate(worked, order({ storeCoupons: ["A1"] })).total).toBe(4800 - 144 + 199);
    // Nothing: 5100; coins 150 at most, floor(5100 * 3%) = 153 -> all 150; + 199.
    expect(oracleEvaluate(worked, order({})).total).toBe(5100 - 150 + 199);
  });

  it("rejects what the spec calls illegal", () => {
    const split = {
      orders: [
        { itemIds: ["i1", "i2"], storeCoupons: ["A1"], platformCoupon: "P" },
        { itemIds: ["i3"], storeCoupons: [] },
      ],
    };
    // maxOrders defaults to 1.
    expect(oracleEvaluate(worked, split).legal).toBe(false);
    const w = worked as { options?: unknown };
    const two = { ...w, options: { maxOrders: 2 } };
    // In {i1, i2} R3 = 1800 < 4000: P's minimum spend is not met.
    const e = oracleEvaluate(two, split);
    expect(e.legal).toBe(false);
    expect(e.problems.join("\n")).toMatch(/P: platform minimum spend/);
    expect(oracleEvaluate(two, { orders: [split.orders[0] ?? { itemIds: [] }] }).legal).toBe(false); // i3 missing
    expect(oracleEvaluate(worked, order({ storeCoupons: ["P"] })).legal).toBe(false); // wrong slot
    expect(oracleEvaluate(worked, order({ platformCoupon: "A1" })).legal).toBe(false); // wrong slot
    expect(oracleEvaluate(worked, order({ platformCoupon: "nope" })).legal).toBe(false);
    expect(
      oracleEvaluate(two, {
        orders: [
          { itemIds: ["i1"], platformCoupon: "P" },
          { itemIds: ["i2", "i3"], platformCoupon: "P" },
        ],
      }).legal,
    ).toBe(false); // P twice (and below its minimum spend)
    expect(
      oracleEvaluate(two, {
        orders: [{ itemIds: ["i3"], storeCoupons: ["A1"] }, { itemIds: ["i1", "i2"] }],
      }).legal,
    ).toBe(false); // A1 in an order without store A's items
  });
});

// ---------------------------------------------------------------- spec sentences on tiny carts

/** A one-store cart around one item, with whatever wallet and options a test needs. */
function tiny(over: {
  price?: number;
  quantity?: number;
  selectEligible?: boolean;
  store?: Record<string, unknown>;
  coupons?: Record<string, unknown>[];
  coins?: Record<string, unknown>;
  points?: Record<string, unknown>[];
  rules?: Record<string, unknown>;
  options?: Record<string, unknown>;
  items?: Record<string, unknown>[];
  stores?: Record<string, unknown>[];
}) {
  return {
    now: NOW,
    cart: {
      currency: "USD",
      items: over.items ?? [
        {
          id: "i1",
          storeId: "s1",
          unitPrice: over.price ?? 1000,
          quantity: over.quantity ?? 1,
          selectEligible: over.selectEligible ?? false,
        },
      ],
      stores: over.stores ?? [{ id: "s1", ...over.store }],
    },
    wallet: {
      coupons: over.coupons ?? [],
      ...(over.coins ? { coins: over.coins } : {}),
      ...(over.points ? { points: over.points } : {}),
    },
    ...(over.rules ? { rules: over.rules } : {}),
    ...(over.options ? { options: over.options } : {}),
  };
}
const one = (input: unknown, extra: Record<string, unknown> = {}) => {
  const items = normalizeInput(input).cart.items.filter((i) => i.selected);
  return oracleEvaluate(input, { orders: [{ itemIds: items.map((i) => i.id), ...extra }] });
};
const coupon = (c: Record<string, unknown>) => ({ expiresAt: T.nextWeek, ...c });

describe("the oracle follows the spec's sentences", () => {
  it("percent p of b is floor(b * round(p * 100) / 10000)", () => {
    expect(percentOf(999, 12.5)).toBe(124); // 999 * 1250 = 1248750
    expect(percentOf(100, 33.33)).toBe(33);
    expect(percentOf(1, 100)).toBe(1);
    expect(percentOf(9999, 0.01)).toBe(0);
    expect(percentOf(10000, 0.01)).toBe(1);
    // 0.07 * 100 is 7.000000000000001 in floating point: round() makes it 7 basis points.
    expect(percentOf(100000, 0.07)).toBe(70);
    expect(percentOf(900_000_000_000, 99.99)).toBe(899_910_000_000);
  });

  it("validity: validFrom <= now < expiresAt, not used, same currency, store in the cart", () => {
    const reasons = (c: Record<string, unknown>) => {
      const input = normalizeInput(tiny({ coupons: [coupon({ id: "c", kind: "platform", off: 1, ...c })] }));
      const [only] = input.wallet.coupons;
      if (only === undefined) throw new Error("no coupon");
      return invalidReasons(input, only);
    };
    expect(reasons({ expiresAt: T.now })).toEqual(["expired"]);
    expect(reasons({ expiresAt: T.nowWithOffset })).toEqual(["expired"]);
    expect(reasons({ expiresAt: T.nowPlus1s })).toEqual([]);
    expect(reasons({ expiresAt: T.nowPlus1sWithOffset })).toEqual([]);
    expect(reasons({ validFrom: T.now })).toEqual([]);
    expect(reasons({ validFrom: T.nowWithOffset })).toEqual([]);
    expect(reasons({ validFrom: T.nowPlus1s })).toEqual(["not-started"]);
    expect(reasons({ status: "used" })).toEqual(["used"]);
    expect(reasons({ status: "active", currency: "USD" })).toEqual([]);
    expect(reasons({ currency: "EUR" })).toEqual(["currency"]);
    expect(reasons({ kind: "store", storeId: "s9" })).toEqual(["store-not-in-cart"]);
  });

  it("min spend is met when the basis equals it", () => {
    const at = (minSpend: number) =>
      one(tiny({ price: 2000, coupons: [coupon({ id: "c", kind: "platform", off: 100, minSpend })] }), {
        platformCoupon: "c",
      }).legal;
    expect(at(2000)).toBe(true);
    expect(at(2001)).toBe(false);
  });

  it("seller promotions: only the largest applicable tier, on S_s", () => {
    const store = {
      promotions: [
        { minSpend: 3000, off: 200 },
        { minQuantity: 3, percent: 10, maxOff: 250 },
        { minSpend: 3001, off: 1000 },
      ],
    };
    // S = 3000 with 3 pieces: tiers 1 (200) and 2 (min(300, 250) = 250) apply; tier 3 does not.
    const e = one(tiny({ price: 1000, quantity: 3, store }));
    expect(e.orders[0]?.sellerPromotions).toEqual([{ storeId: "s1", amount: 250 }]);
    expect(e.total).toBe(2750);
    expect(one(tiny({ price: 1500, quantity: 2, store })).total).toBe(2800);
  });

  it("select: base is the select-eligible line totals, capped by R2", () => {
    const items = [
      { id: "i1", storeId: "s1", unitPrice: 300, quantity: 1, selectEligible: true },
      { id: "i2", storeId: "s1", unitPrice: 700, quantity: 1 },
    ];
    const c = (x: Record<string, unknown>) =>
      tiny({ items, coupons: [coupon({ id: "c", kind: "select", ...x })] });
    // off 500 capped by B = 300.
    expect(one(c({ off: 500 }), { selectCoupon: "c" }).orders[0]?.selectCoupon).toEqual({
      couponId: "c",
      amount: 300,
    });
    expect(one(c({ off: 100, minSpend: 301 }), { selectCoupon: "c" }).legal).toBe(false);
    // B = 0 is never eligible, even with no minimum spend.
    const none = tiny({ coupons: [coupon({ id: "c", kind: "select", off: 100 })] });
    expect(one(none, { selectCoupon: "c" }).legal).toBe(false);
  });

  it("platform minimum spend on R3 (discounted) or on L (itemsSubtotal)", () => {
    const base = {
      price: 2000,
      coupons: [
        coupon({ id: "st", kind: "store", storeId: "s1", off: 500 }),
        coupon({ id: "p", kind: "platform", off: 300, minSpend: 2000 }),
      ],
    };
    const stack = { storeCoupons: ["st"], platformCoupon: "p" };
    expect(one(tiny(base), stack).legal).toBe(false); // R3 = 1500 < 2000
    const e = one(tiny({ ...base, rules: { platformMinSpendBasis: "itemsSubtotal" } }), stack);
    expect(e.legal).toBe(true); // L = 2000
    expect(e.total).toBe(1200);
  });

  it("points: cap min(S2_s, R) in cart.stores order, maxPerOrder, minRedeem", () => {
    const items = [
      { id: "i1", storeId: "a", unitPrice: 1000, quantity: 1 },
      { id: "i2", storeId: "b", unitPrice: 1000, quantity: 1 },
    ];
    const stores = [{ id: "b" }, { id: "a" }];
    const points = [
      { storeId: "a", balance: 5000, centsPerPoint: 1 },
      { storeId: "b", balance: 5000, centsPerPoint: 1 },
    ];
    const coupons = [coupon({ id: "p", kind: "platform", off: 1500 })];
    // R4 = 500; b comes first in cart.stores: min(1000, 500) = 500 points; then a: min(1000, 0) = 0.
    const e = one(tiny({ items, stores, points, coupons }), { platformCoupon: "p" });
    expect(e.orders[0]?.points).toEqual([{ storeId: "b", points: 500, amount: 500 }]);
    expect(e.total).toBe(0);
    const capped = [{ storeId: "a", balance: 5000, centsPerPoint: 3, maxPerOrder: 200, minRedeem: 0 }];
    expect(one(tiny({ items, stores, points: capped })).orders[0]?.points).toEqual([
      { storeId: "a", points: 200, amount: 600 },
    ]);
    // floor(1000 / 3) = 333 points < minRedeem 334: none.
    const min = [{ storeId: "a", balance: 5000, centsPerPoint: 3, minRedeem: 334 }];
    expect(one(tiny({ items, stores, points: min })).orders[0]?.points).toEqual([]);
    expect(one(tiny({ items, stores, points, options: { usePoints: false } })).total).toBe(2000);
  });

  it("coins: cap min(R5, maxPercent of R5), whole coins of centsPerCoin", () => {
    // 1003 at 5 cents a coin, 100%: floor(1003 / 5) = 200 coins = 1000.
    const e = one(tiny({ price: 1003, coins: { balance: 1000, centsPerCoin: 5, maxPercent: 100 } }));
    expect(e.orders[0]?.coins).toEqual({ coins: 200, amount: 1000 });
    // 12.5% of 1003 = 125, floor(125 / 5) = 25 coins.
    const f = one(tiny({ price: 1003, coins: { balance: 1000, centsPerCoin: 5, maxPercent: 12.5 } }));
    expect(f.orders[0]?.coins).toEqual({ coins: 25, amount: 125 });
    const g = one(tiny({ price: 1003, coins: { balance: 7, centsPerCoin: 5 } }));
    expect(g.orders[0]?.coins).toEqual({ coins: 7, amount: 35 });
    const h = one(
      tiny({ price: 1003, coins: { balance: 7, centsPerCoin: 5 }, options: { useCoins: false } }),
    );
    expect(h.orders[0]?.coins).toEqual({ coins: 0, amount: 0 });
  });

  it("shipping: the fee unless S_s >= freeOver, on line totals before discounts", () => {
    const store = { shipping: { fee: 199, freeOver: 2000 }, promotions: [{ off: 500 }] };
    expect(one(tiny({ price: 2000, store })).total).toBe(1500);
    expect(one(tiny({ price: 1999, store })).total).toBe(1499 + 199);
    expect(one(tiny({ price: 5000, store: { shipping: { fee: 199 } } })).total).toBe(5199);
  });

  it("balances are consumed order by order", () => {
    const items = [
      { id: "i1", storeId: "s1", unitPrice: 1000, quantity: 1 },
      { id: "i2", storeId: "s1", unitPrice: 400, quantity: 1 },
    ];
    const input = tiny({
      items,
      coins: { balance: 300, centsPerCoin: 1, maxPercent: 50 },
      options: { maxOrders: 2 },
    });
    const e = oracleEvaluate(input, { orders: [{ itemIds: ["i2"] }, { itemIds: ["i1"] }] });
    expect(e.orders.map((o) => o.coins.coins)).toEqual([200, 100]);
  });

  it("priceOrder leaves the balances it is given untouched", () => {
    const input = normalizeInput(tiny({ coins: { balance: 300, centsPerCoin: 1 } }));
    const balances = { points: new Map<string, number>(), coins: 300 };
    const slots = { store: new Map(), select: null, platform: null };
    priceOrder(input, input.cart.items, slots, balances, { usePoints: true, useCoins: true });
    expect(balances.coins).toBe(300);
  });
});

// ---------------------------------------------------------------- search and arbitraries

describe("the oracle's search", () => {
  it("memoised search equals plain enumeration on random small inputs", () => {
    fc.assert(
      fc.property(inputArb({ items: [1, 4], maxSelected: 4, coupons: [0, 5] }), (input) => {
        const fast = oracleOptimum(input);
        const slow = bruteForceOptimum(input);
        expect({ total: fast.total, orders: fast.orders, storedValue: fast.storedValue }).toEqual({
          total: slow.total,
          orders: slow.orders,
          storedValue: slow.storedValue,
        });
        const e = oracleEvaluate(input, fast.stack);
        expect(e.problems).toEqual([]);
        expect(e.total).toBe(fast.total);
        expect(fast.total).toBeLessThanOrEqual(fast.baseline);
        expect(fast.total).toBeLessThanOrEqual(oracleGreedy(input));
      }),
      { numRuns: 150 },
    );
  });

  it("with import tax too: memoised search equals plain enumeration, for every destination's rules", () => {
    const destinations = Object.values(TAX_FAMILIES).flatMap((f) => f.destinations);
    fc.assert(
      fc.property(
        inputArb({ items: [1, 4], maxSelected: 4, coupons: [0, 4], maxOrders: [1, 3], destinations }),
        (input) => {
          const fast = oracleOptimum(input);
          const slow = bruteForceOptimum(input);
          expect({ total: fast.total, orders: fast.orders, storedValue: fast.storedValue }).toEqual({
            total: slow.total,
            orders: slow.orders,
            storedValue: slow.storedValue,
          });
          expect(oracleEvaluate(input, fast.stack).total).toBe(fast.total);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("prices the evidence's Brazilian figures: US$50 -> US$72.29, US$100 -> US$168.67", () => {
    for (const [price, total] of [
      [5000, 7229],
      [10000, 16867],
    ] as const) {
      const input = {
        ...tiny({ items: [{ id: "a", storeId: "s1", unitPrice: price, quantity: 1 }] }),
        destination: { country: "BR", region: "SP" },
      };
      expect(oracleOptimum(input).total).toBe(total);
    }
  });

  it("enumerates every ordered split", () => {
    const items = ["a", "b", "c"].map((id) => ({ id, storeId: "s1", unitPrice: 100, quantity: 1 }));
    const stacks = [...enumerateStacks(tiny({ items, options: { maxOrders: 3 } }))];
    // Ordered set partitions of 3 items: 1 + 6 + 6.
    expect(stacks).toHaveLength(13);
    expect(new Set(stacks.map((s) => JSON.stringify(s))).size).toBe(13);
  });
});

describe("the arbitraries", () => {
  it("produce inputs the contract accepts", () => {
    for (const cfg of [{}, ...Object.values(FAMILIES)])
      for (const input of fc.sample(inputArb(cfg), 60)) {
        const r = InputSchema.safeParse(input);
        expect(r.success ? [] : r.error.issues).toEqual([]);
      }
  });

  it("hit the edges they are meant to hit", () => {
    const seen = new Set<string>();
    for (const input of fc.sample(inputArb(), 400)) {
      const n = normalizeInput(input);
      const now = Date.parse(n.now);
      for (const c of n.wallet.coupons) {
        if (Date.parse(c.expiresAt) === now) seen.add("expires at now");
        if (c.validFrom !== undefined && Date.parse(c.validFrom) === now) seen.add("validFrom at now");
        if (c.validFrom !== undefined && Date.parse(c.validFrom) === now + 1000) seen.add("validFrom now+1s");
        if (c.status === "used") seen.add("used");
        if (c.currency !== undefined && c.currency !== n.cart.currency) seen.add("currency");
        if (c.kind === "store" && !n.cart.stores.some((s) => s.id === c.storeId))
          seen.add("store not in cart");
        if (c.percent !== undefined && !Number.isInteger(c.percent)) seen.add("two-decimal percent");
        if (c.maxOff !== undefined) seen.add("maxOff");
        seen.add(c.kind);
      }
      if (n.cart.items.some((i) => !i.selected)) seen.add("unselected");
      if (n.cart.items.some((i) => i.selectEligible)) seen.add("select-eligible");
      if ((n.wallet.coins?.centsPerCoin ?? 1) > 1) seen.add("centsPerCoin > 1");
      if (n.wallet.coins?.maxPercent === 100) seen.add("maxPercent 100");
      if (n.wallet.points.some((p) => p.minRedeem > 0)) seen.add("minRedeem");
      if (n.wallet.points.some((p) => p.maxPerOrder !== undefined)) seen.add("maxPerOrder");
      if (n.cart.stores.some((s) => s.promotions.some((t) => t.minQuantity !== undefined)))
        seen.add("minQuantity");
      if (n.rules.platformMinSpendBasis === "itemsSubtotal") seen.add("itemsSubtotal");
      if (!n.options.useCoins) seen.add("useCoins false");
      if (!n.options.usePoints) seen.add("usePoints false");
      seen.add(`maxOrders ${n.options.maxOrders}`);
      // A minimum spend met with equality in the optimal stack.
      const best = oracleOptimum(input);
      const e = oracleEvaluate(input, best.stack);
      for (const o of e.orders) {
        for (const sc of o.storeCoupons) {
          const c = n.wallet.coupons.find((x) => x.id === sc.couponId);
          const S1 =
            n.cart.items
              .filter((i) => o.itemIds.includes(i.id) && i.storeId === sc.storeId)
              .reduce((a, i) => a + i.unitPrice * i.quantity, 0) -
            (o.sellerPromotions.find((p) => p.storeId === sc.storeId)?.amount ?? 0);
          if (c !== undefined && c.minSpend > 0 && c.minSpend === S1) seen.add("store min spend == S1");
        }
      }
      if (best.orders > 1) seen.add("split is optimal");
    }
    for (const edge of [
      "expires at now",
      "validFrom at now",
      "validFrom now+1s",
      "used",
      "currency",
      "store not in cart",
      "two-decimal percent",
      "maxOff",
      "platform",
      "promo",
      "store",
      "select",
      "unselected",
      "select-eligible",
      "centsPerCoin > 1",
      "maxPercent 100",
      "minRedeem",
      "maxPerOrder",
      "minQuantity",
      "itemsSubtotal",
      "useCoins false",
      "usePoints false",
      "maxOrders 1",
      "maxOrders 2",
      "maxOrders 3",
      "store min spend == S1",
      "split is optimal",
    ])
      expect(seen, edge).toContain(edge);
  });
});
