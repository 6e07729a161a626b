/**
 * Where the import tax's destination and rate come from (issue 13): the site cookie's
 * ship-to country (missing, malformed, unknown codes), the page's country winning over the
 * options', and a checkout's own tax lines calibrating the rate that later carts use.
 */
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { type Cart, optimize } from "../../optimizer";
import { captureCartPage } from "../../src/adapters/aliexpress-capture";
import { readShipTo } from "../../src/adapters/ship-to";
import type { CheckoutFigures } from "../../src/adapters/types";
import {
  calibrateCheckout,
  checkoutKey,
  rateFor,
  resolveDestination,
} from "../../src/background/checkout/tax-source";
import { parseCheckoutPreferences } from "../../src/services/checkout-preferences";

describe("readShipTo: the site cookie's region", () => {
  it("reads the ship-to country and the province code as the cookie holds them", () => {
    expect(
      readShipTo("site=bra&c_tp=BRL&region=BR&b_locale=pt_BR&province=922878890000000000&city=1"),
    ).toEqual({
      kind: "country",
      country: "BR",
      province: "922878890000000000",
    });
    expect(readShipTo("site=esp&c_tp=EUR&region=ES&b_locale=es_ES")).toEqual({
      kind: "country",
      country: "ES",
      province: null,
    });
  });
  it("says nothing without a cookie or without a region", () => {
    expect(readShipTo(null)).toEqual({ kind: "none" });
    expect(readShipTo("")).toEqual({ kind: "none" });
    expect(readShipTo("site=glo&c_tp=USD")).toEqual({ kind: "none" });
    expect(readShipTo("site=glo&region=&c_tp=USD")).toEqual({ kind: "none" });
    // "xregion=BR" is another field.
    expect(readShipTo("xregion=BR")).toEqual({ kind: "none" });
  });
  it("refuses a malformed region and an unknown country code, keeping what the page wrote", () => {
    expect(readShipTo("region=BRA")).toEqual({ kind: "malformed", text: "BRA" });
    expect(readShipTo("region=B1")).toEqual({ kind: "malformed", text: "B1" });
    expect(readShipTo("region=ZZ")).toEqual({ kind: "unknown", code: "ZZ" });
    // AliExpress's own "UK" is no ISO 3166-1 code: said, not guessed to be GB.
    expect(readShipTo("region=UK")).toEqual({ kind: "unknown", code: "UK" });
    expect(readShipTo("region=br")).toMatchObject({ kind: "country", country: "BR" });
  });
});

describe("the cart capture keeps the site cookie", () => {
  const cartDoc = (cookie: string) => {
    const dom = new JSDOM("<body></body>", { url: "https://pt.aliexpress.com/p/shoppingcart/index.html" });
    dom.window.document.cookie = cookie;
    return dom.window.document;
  };
  it("as the page has it, decoded, with its currency", () => {
    const c = captureCartPage(cartDoc("aep_usuc_f=site%3Dbra%26c_tp%3DBRL%26region%3DBR%26b_locale%3Dpt_BR"));
    expect(c.siteCookie).toBe("site=bra&c_tp=BRL&region=BR&b_locale=pt_BR");
    expect(c.currency).toBe("BRL");
    expect(readShipTo(c.siteCookie)).toMatchObject({ kind: "country", country: "BR" });
  });
  it("none when the cookie is missing or its encoding is broken", () => {
    expect(captureCartPage(cartDoc("other=1")).siteCookie).toBeNull();
    expect(captureCartPage(cartDoc("aep_usuc_f=region%E0%A4%A")).siteCookie).toBeNull();
  });
});

describe("resolveDestination: the page wins over the options", () => {
  const prefs = (taxDestination?: { country: string; region?: string }) =>
    parseCheckoutPreferences(taxDestination ? { taxDestination } : {});

  it("models no tax unless the options name a destination, whatever the page says", () => {
    expect(resolveDestination(prefs(), { kind: "country", country: "BR", province: null })).toBeUndefined();
  });
  it("takes the page's country over the options' and drops the options' state of another country", () => {
    const r = resolveDestination(prefs({ country: "PT" }), {
      kind: "country",
      country: "BR",
      province: null,
    });
    expect(r?.destination).toEqual({ country: "BR" });
    expect(r?.view).toEqual({ country: "BR", from: "page", setting: "PT" });
  });
  it("keeps the options' state when the countries agree, and passes the unreadable province on", () => {
    const r = resolveDestination(prefs({ country: "BR", region: "BA" }), {
      kind: "country",
      country: "BR",
      province: "900",
    });
    expect(r?.destination).toEqual({ country: "BR", region: "BA" });
    expect(r?.view).toEqual({ country: "BR", from: "page", province: "900", region: "BA" });
  });
  it("uses the options when the page's value is unknown or malformed, and says which", () => {
    const unknown = resolveDestination(prefs({ country: "BR", region: "SP" }), {
      kind: "unknown",
      code: "ZZ",
    });
    expect(unknown?.destination).toEqual({ country: "BR", region: "SP" });
    expect(unknown?.view.pageProblem).toEqual({ kind: "unknown", text: "ZZ" });
    const none = resolveDestination(prefs({ country: "BR" }), { kind: "none" });
    expect(none?.view).toEqual({ country: "BR", from: "setting" });
  });
});

describe("calibrating on a checkout and using the rate later", () => {
  const NOW = new Date("2026-11-22T10:00:00Z");
  const cart: Cart = {
    currency: "BRL",
    items: [
      { id: "a", storeId: "s1", unitPrice: 123456, quantity: 1, selected: true, selectEligible: false },
      { id: "b", storeId: "s2", unitPrice: 2999, quantity: 1, selected: true, selectEligible: false },
    ],
    stores: [
      { id: "s1", name: "Loja Eletrônicos", shipping: { fee: 1590 }, promotions: [] },
      { id: "s2", name: "Casa & Jardim", promotions: [] },
    ],
  };
  const input = { now: NOW.toISOString(), cart, wallet: { coupons: [] }, options: { maxOrders: 1 } };
  const destination = { country: "BR", region: "SP" };
  /** The page: AliExpress's lines, here the rule's at US$0.1843 per R$1, summed per order. */
  function figures(rate: number, extra = 0): CheckoutFigures {
    const r = optimize({ ...input, destination: { ...destination, rate } });
    const order = r.orders[0];
    if (!order) throw new Error("no order");
    const sums = new Map<string, number>();
    for (const p of order.packages ?? [])
      for (const l of p.taxes) sums.set(l.name, (sums.get(l.name) ?? 0) + l.amount);
    const title = (n: string) => (n === "import tax" ? "Import tax" : n);
    const lines = [...sums].map(([n, cents]) => ({ title: title(n), kind: "tax" as const, cents }));
    return {
      source: "api",
      currency: "BRL",
      total: r.total + extra,
      tax: r.tax ?? 0,
      lines,
      promo: null,
      update: 1,
    };
  }
  const uncalibrated = optimize({ ...input, destination });

  it("recovers the rate the page's lines were made with, and records the checkout", () => {
    expect(uncalibrated.taxModelled).toBe(false);
    const c = calibrateCheckout({
      input: { ...input, destination },
      result: uncalibrated,
      figures: figures(0.1843),
      destination,
      now: NOW,
      checkout: checkoutKey(cart),
    });
    expect(c?.view).toMatchObject({
      outcome: "rate",
      rate: 0.1843,
      ruleCurrency: "USD",
      cartCurrency: "BRL",
    });
    expect(c?.record).toMatchObject({
      country: "BR",
      ruleCurrency: "USD",
      cartCurrency: "BRL",
      rate: 0.1843,
      date: NOW.toISOString(),
      checkout: checkoutKey(cart),
    });

    // Later carts use it, saying so; the same checkout knows its check is not independent.
    const prefs = parseCheckoutPreferences({ taxDestination: destination, taxCalibrations: [c?.record] });
    expect(rateFor(prefs, "BR", NOW.getTime(), "BRL", "another")).toMatchObject({
      rate: 0.1843,
      source: "checkout",
      sameCheckout: false,
    });
    expect(rateFor(prefs, "BR", NOW.getTime(), "BRL", checkoutKey(cart))?.sameCheckout).toBe(true);
    // The shopper's own rate wins.
    const own = parseCheckoutPreferences({
      taxDestination: destination,
      taxRate: 0.2,
      taxCalibrations: [c?.record],
    });
    expect(rateFor(own, "BR", NOW.getTime(), "BRL", "x")).toMatchObject({ rate: 0.2, source: "setting" });
    // No rate is needed where the rule's currency is the cart's.
    expect(rateFor(prefs, "BR", NOW.getTime(), "USD", "x")).toBeUndefined();
  });

  it("does not calibrate when the page's discounts differ from the stack's", () => {
    const c = calibrateCheckout({
      input: { ...input, destination },
      result: uncalibrated,
      figures: figures(0.1843, 500),
      destination,
      now: NOW,
      checkout: "k",
    });
    expect(c).toEqual({
      view: { outcome: "discounts-differ", ruleCurrency: "USD", cartCurrency: "BRL", disagree: [] },
    });
  });

  it("says why a cart under US$50 cannot calibrate the rate", () => {
    const small = { ...input, cart: { ...cart, items: cart.items.slice(1), stores: cart.stores.slice(1) } };
    const r = optimize({ ...small, destination });
    const page = optimize({ ...small, destination: { ...destination, rate: 0.18 } });
    const lines = (page.orders[0]?.packages ?? []).flatMap((p) =>
      p.taxes.map((t) => ({ title: t.name, kind: "tax" as const, cents: t.amount })),
    );
    const c = calibrateCheckout({
      input: { ...small, destination },
      result: r,
      figures: {
        source: "api",
        currency: "BRL",
        total: page.total,
        tax: page.tax ?? 0,
        lines,
        promo: null,
        update: 1,
      },
      destination,
      now: NOW,
      checkout: "k",
    });
    expect(c?.view.outcome).toBe("at-most");
    expect(c?.record).toBeUndefined();
  });
});
