/**
 * The checkout page held to the stack (src/ui/panel/page-check.ts): which
 * summary line makes a difference, in words, and which of the stack's coupon
 * choices the page has applied, from the page's own figures.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { optimize } from "../../optimizer";
import type { Cart, Wallet } from "../../optimizer/schema";
import type { CheckoutFigures } from "../../src/adapters/types";
import type { StackUpdate } from "../../src/messaging/checkout";
import { pageCheck } from "../../src/ui/panel/page-check";
import { money } from "../../src/ui/shared/format";
import { speakEnglish } from "./support/ui";

const usd = (cents: number) => money(cents, "USD", "en-US");

const cart: Cart = {
  currency: "USD",
  items: [
    { id: "a", storeId: "S", unitPrice: 3000, quantity: 1, selected: true, selectEligible: false },
    { id: "b", storeId: "S", unitPrice: 2000, quantity: 1, selected: true, selectEligible: false },
  ],
  stores: [{ id: "S", name: "Store S", shipping: { fee: 199 }, promotions: [] }],
};
const wallet: Wallet = {
  coupons: [
    {
      id: "S3",
      kind: "store",
      storeId: "S",
      off: 300,
      minSpend: 0,
      expiresAt: "2027-01-01T00:00:00Z",
      status: "active",
    },
    {
      id: "CODE",
      kind: "promo",
      code: "SAVE5",
      off: 500,
      minSpend: 0,
      expiresAt: "2027-01-01T00:00:00Z",
      status: "active",
    },
  ],
  points: [],
};

function update(figures: CheckoutFigures): StackUpdate {
  const result = optimize({ now: "2026-12-01T00:00:00Z", cart, wallet, options: { maxOrders: 1 } });
  return {
    type: "stack",
    stackId: 1,
    page: "checkout",
    canApply: true,
    cart,
    result,
    coupons: wallet.coupons,
    preferences: { useCoinsAndPoints: true, maxOrders: 1 },
    refining: false,
    notes: [],
    checkout: figures,
  };
}

const figures = (lines: CheckoutFigures["lines"], tax = 0): CheckoutFigures => ({
  source: "api",
  currency: "USD",
  total: lines.reduce((t, l) => t + l.cents, 0),
  tax,
  lines,
  promo: null,
  update: 1,
});

beforeEach(speakEnglish);

describe("the page held to the stack", () => {
  it("agrees when every line matches, and marks every choice as applied", () => {
    // Stack: 5000 - 300 (S3) - 500 (SAVE5) + 199 shipping = 4399.
    const check = pageCheck(
      update(
        figures(
          [
            { title: "Subtotal", kind: "subtotal", cents: 5000 },
            { title: "Store coupons", kind: "store-coupon", cents: -300 },
            { title: "Promo code", kind: "promo-code", cents: -500 },
            { title: "Shipping fee", kind: "shipping", cents: 199 },
            { title: "VAT", kind: "tax", cents: 924 },
          ],
          924,
        ),
      ),
      "en-US",
    );
    expect(check?.beforeTax).toBe(4399);
    expect(check?.difference).toBe(0);
    expect(check?.summary).toBe(`Before tax the page charges ${usd(4399)}, exactly the stack's total.`);
    expect(check?.taxes).toEqual([{ title: "VAT", cents: 924 }]);
    expect(check?.choices.map((c) => [c.kind, c.couponId, c.state])).toEqual([
      ["store", "S3", "matched"],
      ["promo", "CODE", "matched"],
    ]);
  });

  it("names each line that differs: a coupon not taken, a discount it did not know, another shipping fee", () => {
    const check = pageCheck(
      update(
        figures([
          { title: "Subtotal", kind: "subtotal", cents: 5000 },
          { title: "Store discount", kind: "store-discount", cents: -400 },
          { title: "Store coupons", kind: "store-coupon", cents: -300 },
          { title: "Shipping fee", kind: "shipping", cents: 299 },
        ]),
      ),
      "en-US",
    );
    // Page: 5000 - 400 - 300 + 299 = 4599; stack 4399: 200 more.
    expect(check?.difference).toBe(200);
    expect(check?.summary).toBe(`Before tax the page charges ${usd(4599)}: ${usd(200)} more than the stack.`);
    expect(check?.differences).toEqual([
      `Shipping: the page shows ${usd(299)}, the stack ${usd(199)}.`,
      `Store promotions: the page takes off ${usd(400)} that Stackwise did not count.`,
      `Promo code (${usd(500)} off) is not applied on the page.`,
    ]);
    expect(check?.choices.find((c) => c.kind === "promo")?.state).toBe("unmatched");
  });

  it("says how much of a difference no line explains, and when the page took another amount", () => {
    const check = pageCheck(
      update(
        figures([
          { title: "Subtotal", kind: "subtotal", cents: 5000 },
          { title: "Store coupons", kind: "store-coupon", cents: -100 },
          { title: "Promo code", kind: "promo-code", cents: -500 },
          { title: "Shipping fee", kind: "shipping", cents: 199 },
          { title: "Handling", kind: "other", cents: 50 },
        ]),
      ),
      "en-US",
    );
    expect(check?.difference).toBe(250);
    expect(check?.differences).toEqual([
      `Store coupons: the page shows -${usd(100)}, the stack -${usd(300)}.`,
      `${usd(50)} of the difference is in no line Stackwise can match.`,
    ]);
    const store = check?.choices.find((c) => c.kind === "store");
    expect(store?.state).toBe("different");
    expect(store?.stateText).toBe(`the page applied ${usd(100)} for these instead`);
  });

  it("has nothing to say without the page's figures or with several orders", () => {
    const u = update(figures([]));
    expect(pageCheck({ ...u, checkout: undefined } as StackUpdate, "en-US")).toBeUndefined();
    expect(pageCheck({ ...u, result: { ...u.result, orders: [] } }, "en-US")).toBeUndefined();
  });
});
