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
import { money } from "../../src/services/format";
import { pageCheck } from "../../src/ui/panel/page-check";
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

describe("the page's tax held to Stackwise's prediction (issue 13)", () => {
  const brl = (cents: number) => money(cents, "BRL", "en-US");
  const eur = (cents: number) => money(cents, "EUR", "en-US");

  /** One order of `items` with the destination's tax modelled, and the page's figures built from it. */
  function taxedUpdate(
    currency: string,
    destination: Record<string, unknown> | undefined,
    pageTaxes: (predicted: Map<string, number>) => { title: string; cents: number }[],
  ): StackUpdate {
    const taxCart: Cart = {
      currency,
      items: [
        { id: "a", storeId: "S", unitPrice: 30000, quantity: 1, selected: true, selectEligible: false },
        { id: "b", storeId: "S", unitPrice: 9000, quantity: 1, selected: true, selectEligible: false },
      ],
      stores: [{ id: "S", name: "Store S", shipping: { fee: 0 }, promotions: [] }],
    };
    const result = optimize({
      now: "2026-11-22T10:00:00Z",
      cart: taxCart,
      wallet: { coupons: [], points: [] },
      options: { maxOrders: 1 },
      ...(destination ? { destination } : {}),
    });
    const predicted = new Map<string, number>();
    for (const p of result.orders[0]?.packages ?? [])
      for (const l of p.taxes) predicted.set(l.name, (predicted.get(l.name) ?? 0) + l.amount);
    const taxes = pageTaxes(predicted);
    const tax = taxes.reduce((s, l) => s + l.cents, 0);
    const lines = [
      { title: "Subtotal", kind: "subtotal" as const, cents: 39000 },
      ...taxes.map((l) => ({ ...l, kind: "tax" as const })),
    ];
    return {
      type: "stack",
      stackId: 1,
      page: "checkout",
      canApply: true,
      cart: taxCart,
      result,
      coupons: [],
      preferences: { useCoinsAndPoints: true, maxOrders: 1 },
      refining: false,
      notes: [],
      checkout: { source: "api", currency, total: 39000 + tax, tax, lines, promo: null, update: 1 },
    };
  }
  const BR = { country: "BR", region: "SP", rate: 0.18 };
  const need = (m: Map<string, number>, name: string) => {
    const v = m.get(name);
    if (v === undefined || v <= 0) throw new Error(`no ${name} predicted`);
    return v;
  };

  it("agrees when the page's named lines are the predicted ones, and compares the totals before tax", () => {
    const u = taxedUpdate("BRL", BR, (p) => [
      { title: "Imposto de importação", cents: need(p, "import tax") },
      { title: "ICMS", cents: need(p, "ICMS") },
    ]);
    const check = pageCheck(u, "en-US");
    const predicted = u.result.tax ?? 0;
    expect(predicted).toBeGreaterThan(0);
    // The stack's total includes its predicted tax; the page's before-tax total is held to the stack's before tax.
    expect(check?.difference).toBe(0);
    expect(check?.taxCheck).toEqual({
      page: predicted,
      predicted,
      sentences: [`The page charges ${brl(predicted)} of tax, as Stackwise predicted.`],
      independent: true,
    });
  });

  it("on the checkout the rate was calibrated on, says the agreement is no independent check", () => {
    const u = {
      ...taxedUpdate("BRL", BR, (p) => [
        { title: "Import tax", cents: need(p, "import tax") },
        { title: "ICMS", cents: need(p, "ICMS") },
      ]),
      taxRate: {
        rate: 0.18,
        ruleCurrency: "USD",
        cartCurrency: "BRL",
        source: "checkout" as const,
        date: "2026-12-06T10:00:00.000Z",
        sameCheckout: true,
      },
    };
    const check = pageCheck(u, "en-US");
    expect(check?.taxCheck?.independent).toBe(false);
    expect(check?.taxCheck?.sentences[0]).toMatch(
      /calibrated on this checkout's own tax lines.*not an independent check/,
    );
    // Another checkout with the same calibrated rate is a real check.
    const other = pageCheck({ ...u, taxRate: { ...u.taxRate, sameCheckout: false } }, "en-US");
    expect(other?.taxCheck?.independent).toBe(true);
  });

  it("names the tax that differs, with both amounts", () => {
    let icms = 0;
    let ii = 0;
    const u = taxedUpdate("BRL", BR, (p) => {
      icms = need(p, "ICMS");
      ii = need(p, "import tax");
      return [
        { title: "Import tax", cents: ii },
        { title: "ICMS (state tax)", cents: icms + 40 },
      ];
    });
    const check = pageCheck(u, "en-US");
    expect(check?.taxCheck?.page).toBe(ii + icms + 40);
    expect(check?.taxCheck?.sentences).toEqual([
      `The page charges ${brl(ii + icms + 40)} of tax in all; Stackwise predicted ${brl(ii + icms)}.`,
      `The page charges ${brl(icms + 40)} of ICMS; Stackwise predicted ${brl(icms)}.`,
    ]);
    // The tax difference is not a difference before tax.
    expect(check?.difference).toBe(0);
  });

  it("compares only the whole when the page's line names no tax, and never calls a predicted tax missing then", () => {
    const u = taxedUpdate("BRL", BR, (p) => [
      { title: "Additional charges", cents: need(p, "import tax") + need(p, "ICMS") - 100 },
    ]);
    const total = u.result.tax ?? 0;
    expect(pageCheck(u, "en-US")?.taxCheck?.sentences).toEqual([
      `The page charges ${brl(total - 100)} of tax in all; Stackwise predicted ${brl(total)}.`,
    ]);
  });

  it("says which predicted tax the page does not charge, and which it charges unpredicted", () => {
    // Spain on 2026-11-22: VAT and the EUR 3 duty per distinct product on a package of at most EUR 150.
    const u = taxedUpdate("EUR", { country: "ES" }, () => []);
    // Goods of EUR 390 are above EUR 150: nothing is collected at checkout, so the cart is made ten times cheaper.
    expect(u.result.tax).toBe(0);
    const small = taxedUpdate("EUR", { country: "ES" }, () => []);
    const items = small.cart.items.map((i) => ({ ...i, unitPrice: i.unitPrice / 10 }));
    const cheap = optimize({
      now: "2026-11-22T10:00:00Z",
      cart: { ...small.cart, items },
      wallet: { coupons: [], points: [] },
      options: { maxOrders: 1 },
      destination: { country: "ES" },
    });
    const taxes = cheap.orders[0]?.packages?.[0]?.taxes ?? [];
    const vat = taxes.find((l) => l.name === "VAT")?.amount ?? 0;
    const duty = taxes.find((l) => l.name === "duty")?.amount ?? 0;
    expect(duty).toBe(600);
    const figuresVatOnly: CheckoutFigures = {
      source: "api",
      currency: "EUR",
      total: 3900 + vat,
      tax: vat,
      lines: [
        { title: "Subtotal", kind: "subtotal", cents: 3900 },
        { title: "IVA", kind: "tax", cents: vat },
      ],
      promo: null,
      update: 1,
    };
    const check = pageCheck(
      { ...small, cart: { ...small.cart, items }, result: cheap, checkout: figuresVatOnly },
      "en-US",
    );
    expect(check?.taxCheck?.sentences).toEqual([
      `The page charges ${eur(vat)} of tax in all; Stackwise predicted ${eur(vat + duty)}.`,
      `Stackwise predicted ${eur(duty)} of customs duty; the page charges none.`,
    ]);

    const withFee = pageCheck(
      {
        ...small,
        cart: { ...small.cart, items },
        result: cheap,
        checkout: {
          ...figuresVatOnly,
          total: figuresVatOnly.total + duty + 150,
          tax: vat + duty + 150,
          lines: [
            ...figuresVatOnly.lines,
            { title: "Derechos de aduana", kind: "tax", cents: duty },
            { title: "Import tax", kind: "tax", cents: 150 },
          ],
        },
      },
      "en-US",
    );
    expect(withFee?.taxCheck?.sentences.slice(1)).toEqual([
      `The page charges ${eur(150)} of import tax, which Stackwise did not predict.`,
    ]);
  });

  it("holds nothing to a prediction when no destination is modelled", () => {
    const u = taxedUpdate("BRL", undefined, () => [{ title: "ICMS", cents: 1234 }]);
    expect(pageCheck(u, "en-US")?.taxCheck).toBeUndefined();
    // Without a rate the BRL cart cannot be taxed under Brazil's USD rule: no prediction to hold it to.
    const noRate = taxedUpdate("BRL", { country: "BR", region: "SP" }, () => [
      { title: "ICMS", cents: 1234 },
    ]);
    expect(noRate.result.taxModelled).toBe(false);
    expect(pageCheck(noRate, "en-US")?.taxCheck).toBeUndefined();
  });
});
