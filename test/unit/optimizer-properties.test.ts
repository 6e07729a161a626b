/**
 * Property tests: the optimizer against the independent exhaustive oracle
 * (test/oracle/oracle.ts) on random small inputs (test/oracle/arbitrary.ts).
 *
 * One block per rule family, so a failure names the rule it broke. A failing
 * input is shrunk by fast-check and written to a temporary file named in the
 * failure message; save it under test/oracle/regressions/ to replay it for good (a file
 * with `_expectProblemsAt: [paths]` is an invalid input that must be reported at each path).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateStack, optimize } from "../../optimizer/index";
import type { Result } from "../../optimizer/schema";
import { type ArbConfig, FAMILIES, inputArb, stackArb, TAX_FAMILIES } from "../oracle/arbitrary";
import {
  invalidReasons,
  normalizeInput,
  type OracleOrder,
  oracleEvaluate,
  oracleGreedy,
  oracleOptimum,
  priceOrder,
  storedValueOf,
} from "../oracle/oracle";

/** The reasons optimizer-io.md allows in `unused`. */
const REASONS = [
  "used",
  "expired",
  "not-started",
  "currency",
  "store-not-in-cart",
  "min-spend",
  "slot-taken",
  "not-better",
] as const;
const ELIGIBLE_REASONS = ["slot-taken", "not-better"];

/** Scale every block's runs, e.g. PROPERTY_RUNS_SCALE=10 for a long soak. */
const SCALE = Number(process.env.PROPERTY_RUNS_SCALE ?? "1") || 1;
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

/** fc.assert, but the shrunk failing input is also saved to a file named in the error. */
function assertProperty<T>(arb: fc.Arbitrary<T>, check: (t: T) => void, numRuns: number): void {
  const out = fc.check(
    fc.property(arb, (t) => {
      check(t);
    }),
    { numRuns },
  );
  if (!out.failed) return;
  const dir = mkdtempSync(join(tmpdir(), "stackwise-counterexample-"));
  const file = join(dir, "input.json");
  writeFileSync(file, `${JSON.stringify(out.counterexample?.[0], null, 1)}\n`);
  const cause = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
  throw new Error(
    `property failed after ${out.numRuns} runs (seed ${out.seed}, path "${out.counterexamplePath}").\n` +
      `Shrunk input saved to ${file}\n${JSON.stringify(out.counterexample?.[0])}\n\n${cause}`,
  );
}

// ---------------------------------------------------------------- the checks

const bySorted = <T>(xs: readonly T[], key: (t: T) => string): T[] =>
  [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** An order's amounts as the optimizer reports them, in a form comparable with the oracle's. */
function comparable(o: OracleOrder | Result["orders"][number]) {
  return {
    itemIds: [...o.itemIds].sort(),
    itemsSubtotal: o.itemsSubtotal,
    sellerPromotions: bySorted(
      o.sellerPromotions.map((p) => ({ storeId: p.storeId, amount: p.amount })),
      (p) => p.storeId,
    ),
    storeCoupons: bySorted(
      o.storeCoupons.map((c) => ({ couponId: c.couponId, storeId: c.storeId, amount: c.amount })),
      (c) => c.couponId,
    ),
    selectCoupon: o.selectCoupon && { couponId: o.selectCoupon.couponId, amount: o.selectCoupon.amount },
    platformCoupon: o.platformCoupon && {
      couponId: o.platformCoupon.couponId,
      amount: o.platformCoupon.amount,
    },
    points: bySorted(
      o.points.map((p) => ({ storeId: p.storeId, points: p.points, amount: p.amount })),
      (p) => p.storeId,
    ),
    coins: { coins: o.coins.coins, amount: o.coins.amount },
    shipping: o.shipping,
    packages: o.packages?.map((p) => ({
      storeId: p.storeId,
      taxes: p.taxes.map((t) => ({ name: t.name, amount: t.amount })),
    })),
    tax: o.tax,
    total: o.total,
  };
}

/** Deep equality with both values in full in the message (vitest abbreviates nested objects). */
function same(label: string, got: unknown, want: unknown): void {
  if (!isDeepStrictEqual(got, want))
    throw new Error(`${label}\n  got:      ${JSON.stringify(got)}\n  expected: ${JSON.stringify(want)}`);
}

/** Every number anywhere in `value`, with its path. */
function numbers(value: unknown, path = "result"): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, k) => numbers(v, `${path}[${k}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}

const couponIdsIn = (orders: Result["orders"]): string[] =>
  orders.flatMap((o) => [
    ...o.storeCoupons.map((c) => c.couponId),
    ...(o.selectCoupon ? [o.selectCoupon.couponId] : []),
    ...(o.platformCoupon ? [o.platformCoupon.couponId] : []),
  ]);

/** The optimizer's result checked against the oracle and the contract. */
function checkAgainstOracle(input: unknown): Result {
  const r = optimize(input);
  const n = normalizeInput(input);
  const oracle = oracleOptimum(input);
  const selected = n.cart.items.filter((i) => i.selected).length;

  expect(r.currency, "currency is the cart's").toBe(n.cart.currency);
  expect(r.total, "total equals the exhaustive oracle's optimum").toBe(oracle.total);
  expect(r.baseline, "baseline").toBe(oracle.baseline);
  expect(r.greedyTotal, "greedyTotal (largest eligible coupon per slot, one order)").toBe(
    oracleGreedy(input),
  );
  expect(r.savings, "savings === baseline - total").toBe(r.baseline - r.total);
  // With tax thresholds (EU, UK, Chile, Australia) a discount can pull a package under
  // the threshold where tax is charged at checkout, and points and coins are not optional:
  // then even the best stack can cost more than "nothing applied".
  if (r.taxModelled !== true) expect(r.total, "total <= baseline").toBeLessThanOrEqual(r.baseline);
  expect(r.total, "total <= greedyTotal").toBeLessThanOrEqual(r.greedyTotal);
  if (n.options.maxOrders === 1 || selected <= 8)
    expect(r.optimal, "optimal for one order or <= 8 items").toBe(true);
  if (r.optimal) expect(r.orders.length, "fewest orders among optimal stacks").toBe(oracle.orders);

  for (const [path, v] of numbers(r)) {
    expect(Number.isInteger(v), `${path} is an integer`).toBe(true);
    // Savings can be negative only through a tax threshold (see "total <= baseline").
    if (path !== "result.savings" || r.taxModelled !== true)
      expect(v, `${path} is not negative`).toBeGreaterThanOrEqual(0);
  }

  // The stack is legal and re-prices to the reported amounts, for the oracle...
  const e = oracleEvaluate(input, { orders: r.orders });
  same("the oracle finds the returned stack legal: its problems", e.problems, []);
  expect(e.total, "the oracle re-prices the stack to total").toBe(r.total);
  r.orders.forEach((o, k) => {
    same(`orders[${k}] as the oracle prices it`, comparable(o), e.orders[k] && comparable(e.orders[k]));
  });
  // ...and for the optimizer's own evaluator.
  const own = evaluateStack(input, { orders: r.orders });
  same("evaluateStack finds the returned stack legal: its problems", own.problems, []);
  expect(own.legal).toBe(true);
  expect(own.total, "evaluateStack re-prices the stack to total").toBe(r.total);
  expect(own.baseline, "evaluateStack's baseline").toBe(r.baseline);

  checkUnused(input, r);
  return r;
}

/** Every wallet coupon once, in the stack or in `unused`, with a reason the contract allows. */
function checkUnused(input: unknown, r: Result): void {
  const n = normalizeInput(input);
  const inStack = couponIdsIn(r.orders);
  const listed = r.unused.map((u) => u.couponId);
  same(
    "every wallet coupon exactly once, in the stack or unused",
    bySorted([...inStack, ...listed], (x) => x),
    bySorted(
      n.wallet.coupons.map((c) => c.id),
      (x) => x,
    ),
  );

  // One order, with nothing applied: its S1_s, B and L (the bases of stacking-rules.md).
  const items = n.cart.items.filter((i) => i.selected);
  const single = priceOrder(
    n,
    items,
    { store: new Map(), select: null, platform: null },
    { points: new Map(), coins: 0 },
    { usePoints: false, useCoins: false },
  ).order;
  const S1 = (storeId: string): number | undefined => {
    const mine = items.filter((i) => i.storeId === storeId);
    if (mine.length === 0) return undefined;
    const S = mine.reduce((a, i) => a + i.unitPrice * i.quantity, 0);
    return S - (single.sellerPromotions.find((p) => p.storeId === storeId)?.amount ?? 0);
  };
  const B = items.filter((i) => i.selectEligible).reduce((a, i) => a + i.unitPrice * i.quantity, 0);
  const L = single.itemsSubtotal;

  for (const u of r.unused) {
    const c = n.wallet.coupons.find((x) => x.id === u.couponId);
    if (c === undefined) throw new Error(`unused names unknown coupon ${u.couponId}`);
    const at = `unused ${c.id} (${JSON.stringify(u)})`;
    expect(REASONS, `${at}: a reason from the contract`).toContain(u.reason);
    if (u.reason === "min-spend")
      expect(u.shortfall ?? 0, `${at}: min-spend has a shortfall > 0`).toBeGreaterThan(0);
    else
      expect(u.shortfall === undefined || u.shortfall === 0, `${at}: only min-spend has a shortfall`).toBe(
        true,
      );

    const invalid = invalidReasons(n, c);
    if (invalid.length > 0) {
      expect(invalid, `${at}: the reason it can never be used`).toContain(u.reason);
      continue;
    }
    const storeHasItems = c.kind !== "store" || items.some((i) => i.storeId === c.storeId);
    const allowed = storeHasItems
      ? ["min-spend", ...ELIGIBLE_REASONS]
      : ["min-spend", ...ELIGIBLE_REASONS, "store-not-in-cart"];
    expect(allowed, `${at}: a valid coupon is unused for min-spend, slot-taken or not-better`).toContain(
      u.reason,
    );

    // With one order the basis of a store coupon, a select coupon, or a platform coupon on
    // itemsSubtotal is fixed, so whether it can ever be used, and the shortfall, are too.
    if (n.options.maxOrders !== 1 || !storeHasItems) continue;
    let basis: number | undefined;
    let eligible: boolean | undefined;
    if (c.kind === "store") {
      basis = S1(c.storeId ?? "");
      eligible = basis !== undefined && basis >= c.minSpend;
    } else if (c.kind === "select") {
      basis = B;
      eligible = B > 0 && B >= c.minSpend;
    } else if (n.rules.platformMinSpendBasis === "itemsSubtotal") {
      basis = L;
      eligible = L >= c.minSpend;
    } else {
      // Discounted basis: R3 is at most sum(S1_s), reached with no store or select coupon.
      const R1 = n.cart.stores.reduce((a, s) => a + (S1(s.id) ?? 0), 0);
      if (R1 < c.minSpend) expect(u.reason, `${at}: its minimum spend is above any R3`).toBe("min-spend");
      continue;
    }
    if (eligible)
      expect(ELIGIBLE_REASONS, `${at}: eligible, so slot-taken or not-better`).toContain(u.reason);
    else {
      expect(u.reason, `${at}: never eligible in the one order`).toBe("min-spend");
      if (basis !== undefined && c.minSpend > basis)
        expect(u.shortfall, `${at}: shortfall = minSpend - basis (${c.minSpend} - ${basis})`).toBe(
          c.minSpend - basis,
        );
    }
  }
}

// ---------------------------------------------------------------- the properties

describe("optimizer vs exhaustive oracle, by rule family", () => {
  const families = Object.entries(FAMILIES) as [string, ArbConfig][];
  it.each(families)("%s", (_name, cfg) => {
    assertProperty(inputArb(cfg), checkAgainstOracle, runs(350));
  });
});

describe("optimizer vs exhaustive oracle with import tax, by destination", () => {
  const families = Object.entries(TAX_FAMILIES) as [string, ArbConfig][];
  it.each(families)("%s", (_name, cfg) => {
    assertProperty(
      inputArb(cfg),
      (input) => {
        const r = checkAgainstOracle(input);
        const modelled = r.taxModelled === true;
        expect(r.tax, "a destination gives the result a tax").toBeDefined();
        expect(r.tax, "tax is the sum of the orders' taxes").toBe(
          modelled ? r.orders.reduce((a, o) => a + (o.tax ?? 0), 0) : 0,
        );
        expect(
          r.taxNotes?.length ?? 0,
          "the result says what the tax assumes or why it is missing",
        ).toBeGreaterThan(0);
        for (const o of r.orders) {
          if (!modelled) {
            expect(o.packages, "no packages when tax is not modelled").toBeUndefined();
            continue;
          }
          const taxes = (o.packages ?? []).flatMap((p) => p.taxes.map((t) => t.amount));
          expect(o.tax, "an order's tax is its packages' lines").toBe(taxes.reduce((a, b) => a + b, 0));
        }
      },
      runs(120),
    );
  });

  it("without a destination the result has no tax fields", () => {
    assertProperty(
      inputArb(),
      (input) => {
        const r = optimize(input) as Record<string, unknown>;
        for (const field of ["tax", "taxModelled", "taxRule", "taxNotes"])
          expect(r).not.toHaveProperty(field);
        for (const o of r.orders as Record<string, unknown>[]) {
          expect(o).not.toHaveProperty("packages");
          expect(o).not.toHaveProperty("tax");
        }
      },
      runs(100),
    );
  });
});

describe("optimizer vs exhaustive oracle, larger carts", () => {
  it("6 selected items, up to 8 coupons, one order", () => {
    assertProperty(
      inputArb({ items: [6, 7], maxSelected: 6, coupons: [4, 8], maxOrders: [1, 1], unselectedRate: 0.1 }),
      checkAgainstOracle,
      runs(80),
    );
  });
  it("splitting: 5-6 selected items, up to 3 orders", () => {
    assertProperty(
      inputArb({ items: [5, 6], maxSelected: 6, coupons: [2, 6], maxOrders: [2, 3], unselectedRate: 0 }),
      checkAgainstOracle,
      runs(40),
    );
  });
});

describe("more than 6 items", () => {
  it("7-8 selected items, 2 orders: still proven optimal, and the oracle's total", () => {
    assertProperty(
      inputArb({ items: [7, 8], maxSelected: 8, coupons: [1, 4], maxOrders: [2, 2], unselectedRate: 0 }),
      checkAgainstOracle,
      runs(15),
    );
  });

  it("10-12 selected items, up to 3 orders: a legal stack, never worse than greedy or baseline", () => {
    assertProperty(
      inputArb({ items: [10, 12], maxSelected: 12, coupons: [2, 8], maxOrders: [2, 3], unselectedRate: 0 }),
      (input) => {
        const r = optimize(input);
        const e = oracleEvaluate(input, { orders: r.orders });
        same("the oracle finds the returned stack legal: its problems", e.problems, []);
        expect(e.total, "the oracle re-prices the stack to total").toBe(r.total);
        expect(r.total).toBeLessThanOrEqual(r.greedyTotal);
        expect(r.total).toBeLessThanOrEqual(r.baseline);
        expect(r.greedyTotal, "greedyTotal").toBe(oracleGreedy(input));
        expect(r.baseline).toBe(e.baseline);
        expect(r.savings).toBe(r.baseline - r.total);
        checkUnused(input, r);
      },
      runs(20),
    );
  });
});

describe("more than 6 items, with import tax", () => {
  const brazil = [{ country: "BR", region: "SP" }, { country: "BR" }];
  it("7-8 selected items, 2-3 orders, Brazil: proven optimal after tax, and the oracle's total", () => {
    assertProperty(
      inputArb({
        items: [7, 8],
        maxSelected: 8,
        coupons: [1, 4],
        maxOrders: [2, 3],
        unselectedRate: 0,
        destinations: brazil,
      }),
      checkAgainstOracle,
      runs(10),
    );
  });

  it("7-8 selected items, 2 orders, EU duty and Mexico: proven optimal after tax", () => {
    assertProperty(
      inputArb({
        items: [7, 8],
        maxSelected: 8,
        coupons: [1, 4],
        maxOrders: [2, 2],
        unselectedRate: 0,
        destinations: [{ country: "DE", rate: 2.5 }, { country: "MX" }],
      }),
      checkAgainstOracle,
      runs(10),
    );
  });

  it("10-12 selected items, up to 3 orders, Brazil: a legal stack that re-prices with its tax", () => {
    assertProperty(
      inputArb({
        items: [10, 12],
        maxSelected: 12,
        coupons: [2, 8],
        maxOrders: [2, 3],
        unselectedRate: 0,
        destinations: brazil,
      }),
      (input) => {
        const r = optimize(input);
        const e = oracleEvaluate(input, { orders: r.orders });
        same("the oracle finds the returned stack legal: its problems", e.problems, []);
        expect(e.total, "the oracle re-prices the stack, tax included, to total").toBe(r.total);
        r.orders.forEach((o, k) => {
          same(`orders[${k}] as the oracle prices it`, comparable(o), e.orders[k] && comparable(e.orders[k]));
        });
        expect(r.total).toBeLessThanOrEqual(r.greedyTotal);
        expect(r.greedyTotal, "greedyTotal, tax included").toBe(oracleGreedy(input));
        expect(r.baseline).toBe(e.baseline);
      },
      runs(10),
    );
  });

  it("evaluateStack agrees with the oracle on random stacks with tax", () => {
    const arb = inputArb({
      coupons: [1, 6],
      destinations: [{ country: "BR", region: "BA" }, { country: "FR", rate: 2.5 }, { country: "MX" }],
    }).chain((input) => fc.tuple(fc.constant(input), stackArb(input)));
    assertProperty(
      arb,
      ([input, stack]) => {
        const mine = oracleEvaluate(input, stack);
        const theirs = evaluateStack(input, stack);
        expect(theirs.legal).toBe(mine.legal);
        expect(theirs.baseline).toBe(mine.baseline);
        if (mine.legal) {
          expect(theirs.total).toBe(mine.total);
          expect(theirs.tax).toBe(mine.orders.reduce((a, o) => a + (o.tax ?? 0), 0));
          mine.orders.forEach((o, k) => {
            const t = theirs.orders[k];
            same(`orders[${k}] of a legal stack`, t && comparable(t), comparable(o));
          });
        }
      },
      runs(200),
    );
  });
});

describe("determinism", () => {
  it("the same input twice gives deep-equal results", () => {
    assertProperty(
      inputArb(),
      (input) => {
        const a = optimize(input);
        const b = optimize(structuredClone(input));
        same("a second run", b, a);
        expect(input, "optimize does not mutate its input").toEqual(structuredClone(input));
      },
      runs(150),
    );
  });

  it("shuffling the wallet's coupons keeps the total and the number of orders", () => {
    const arb = inputArb({ coupons: [2, 7] }).chain((input) => {
      const wallet = input.wallet as { coupons: unknown[] };
      return fc
        .shuffledSubarray(wallet.coupons, {
          minLength: wallet.coupons.length,
          maxLength: wallet.coupons.length,
        })
        .map((coupons) => ({ input, shuffled: { ...input, wallet: { ...wallet, coupons } } }));
    });
    assertProperty(
      arb,
      ({ input, shuffled }) => {
        const a = optimize(input);
        const b = optimize(shuffled);
        expect(b.total).toBe(a.total);
        expect(b.orders.length).toBe(a.orders.length);
        expect(b.greedyTotal).toBe(a.greedyTotal);
      },
      runs(150),
    );
  });
});

describe("evaluateStack agrees with the oracle on random stacks (legal or not)", () => {
  it("same verdict, same total and amounts when legal, problems when not", () => {
    const arb = inputArb({ coupons: [1, 6] }).chain((input) => fc.tuple(fc.constant(input), stackArb(input)));
    let legal = 0;
    assertProperty(
      arb,
      ([input, stack]) => {
        const mine = oracleEvaluate(input, stack);
        const theirs = evaluateStack(input, stack);
        expect(theirs.legal, `legal? oracle says ${mine.legal}: ${mine.problems.join("; ")}`).toBe(
          mine.legal,
        );
        expect(theirs.baseline).toBe(mine.baseline);
        if (mine.legal) {
          legal++;
          same("evaluateStack's problems on a legal stack", theirs.problems, []);
          expect(theirs.total, "total of a legal stack").toBe(mine.total);
          mine.orders.forEach((o, k) => {
            const t = theirs.orders[k];
            same(`orders[${k}] of a legal stack`, t && comparable(t), comparable(o));
          });
        } else expect(theirs.problems.length).toBeGreaterThan(0);
      },
      runs(600),
    );
    // The arbitrary must produce legal stacks too, or the comparison of amounts is empty.
    expect(legal).toBeGreaterThan(runs(600) / 20);
  });
});

describe("preferences among equal totals (stacking-rules.md, What the optimizer must find, 2)", () => {
  it("spends the least stored value (points + coins) among optimal stacks with the fewest orders", () => {
    assertProperty(
      inputArb({ coins: "always", points: "always", useCoins: [true], usePoints: [true] }),
      (input) => {
        const r = optimize(input);
        const spent = r.orders.reduce((a, o) => a + storedValueOf(o), 0);
        expect(spent).toBe(oracleOptimum(input).storedValue);
      },
      runs(150),
    );
  });
});

// ---------------------------------------------------------------- saved failures

const REGRESSIONS = new URL("../oracle/regressions/", import.meta.url);
// No try/catch and no skip: a moved or missing folder must fail, not drop the cases silently.
const saved = existsSync(REGRESSIONS) ? readdirSync(REGRESSIONS).filter((f) => f.endsWith(".json")) : [];

describe("saved regressions (test/oracle/regressions)", () => {
  it("are there to replay", () => {
    expect(existsSync(REGRESSIONS), `${REGRESSIONS.pathname} is missing`).toBe(true);
    expect(saved.length).toBeGreaterThan(0);
  });

  it.each(saved)("%s", (file) => {
    const input = JSON.parse(readFileSync(new URL(file, REGRESSIONS), "utf8")) as {
      _expectProblemsAt?: string[];
    };
    const paths = input._expectProblemsAt;
    if (paths === undefined) {
      checkAgainstOracle(input);
      return;
    }
    // An invalid input: every listed JSON path must be reported.
    let problems: string[] = [];
    try {
      optimize(input);
    } catch (e) {
      problems = (e as { problems?: string[] }).problems ?? [];
    }
    for (const path of paths)
      expect(
        problems.some((p) => p.startsWith(`${path}: `)),
        `a problem at ${path} in:\n${problems.join("\n")}`,
      ).toBe(true);
  });
});
