import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, spread } from "../../optimizer/allocate";
import { optimize, parseInput } from "../../optimizer/index";
import { inputArb } from "../oracle/arbitrary";

describe("price paid per item", () => {
  it("spreads an amount exactly and in proportion, ties to the earlier line", () => {
    expect(spread(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(spread(7, [0, 10, 30])).toEqual([0, 2, 5]);
    expect(spread(0, [5, 5])).toEqual([0, 0]);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 1e9 }),
        (weights, raw) => {
          const total = weights.reduce((a, b) => a + b, 0);
          const amount = Math.min(raw, total);
          const shares = spread(amount, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total === 0 ? 0 : amount);
          shares.forEach((s, i) => {
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(weights[i] as number);
            if (total > 0) expect(Math.abs(s - (amount * (weights[i] as number)) / total)).toBeLessThan(1);
          });
        },
      ),
    );
  });

  it("prices each line so every order's lines add up to its total less shipping, none below 0", () => {
    fc.assert(
      fc.property(inputArb(), (raw) => {
        const input = parseInput(raw);
        const result = optimize(raw);
        const lines = allocate(input, result);
        result.orders.forEach((order, n) => {
          const paid = (lines[n] ?? []).map((l) => l.paid);
          expect(paid.reduce((a, b) => a + b, 0)).toBe(order.total - order.shipping);
          for (const l of lines[n] ?? []) {
            expect(l.paid).toBeGreaterThanOrEqual(0);
            expect(l.paid).toBeLessThanOrEqual(l.before);
          }
        });
      }),
      { numRuns: 400 },
    );
  });

  it("lets a select coupon overflow onto other lines when a store coupon already ate into select items", () => {
    const input = parseInput({
      now: "2026-11-22T10:00:00Z",
      cart: {
        currency: "USD",
        items: [
          { id: "a", storeId: "s", unitPrice: 1000, quantity: 1, selectEligible: true },
          { id: "b", storeId: "t", unitPrice: 1000, quantity: 1 },
        ],
        stores: [{ id: "s" }, { id: "t" }],
      },
      wallet: {
        coupons: [
          { id: "st", kind: "store", storeId: "s", off: 800, expiresAt: "2026-12-01T00:00:00Z" },
          { id: "se", kind: "select", off: 900, expiresAt: "2026-12-01T00:00:00Z" },
        ],
      },
    });
    const result = optimize(input);
    expect(result.total).toBe(300);
    const [order] = allocate(input, result);
    expect(order?.map((l) => l.paid)).toEqual([0, 300]);
  });
});
