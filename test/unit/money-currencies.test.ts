/**
 * The one currency table (src/core/money) against Intl, the optimizer's own
 * digits, and every reader and writer of amounts: formatting then parsing gives
 * back the same minor units for every currency in every UI language, and a cart
 * and a coupon in the same currency are counted in the same units.
 */
import fc from "fast-check";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { currencyMinorDigits as optimizerDigits } from "../../optimizer/money";
import { MAX_CENTS } from "../../optimizer/schema";
import { aliexpress } from "../../src/adapters/aliexpress";
import type { PageStateSnapshot } from "../../src/adapters/page-state";
import { Refusal } from "../../src/core/message";
import {
  CURRENCY_MINOR_DIGITS,
  formatMoney,
  minorDigits,
  moneyInputText,
  parsePriceText,
  parseTypedAmount,
  separators,
} from "../../src/core/money";
import { emptyCouponForm, validateCouponForm } from "../../src/wallet/form";
import { savedPage } from "../fixtures/pages/saved";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { inEnglish } from "./support/english";

const LOCALES = ["en", "pt-BR", "es", "fr"] as const;
const intlCurrencies = Intl.supportedValuesOf("currency");
const intlDigits = (currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;

/**
 * Where the table deliberately parts from Intl, and why. Empty today: the
 * table is CLDR's display digits. A browser whose ICU disagrees still prints
 * the table's digits (formatMoney passes them to Intl explicitly).
 */
const DIFFERS_FROM_INTL: Record<string, string> = {};

/**
 * Where ISO 4217's exponent is not the table's: CLDR, and so every price the
 * shopper reads in a browser, shows these currencies without (or with fewer)
 * decimals, and AliExpress prints what the locale's formatter prints.
 */
const ISO_4217_EXPONENT: Record<string, number> = {
  AFN: 2,
  ALL: 2,
  COP: 2,
  HUF: 2,
  IDR: 2,
  IQD: 3,
  IRR: 2,
  LAK: 2,
  LBP: 2,
  MGA: 2,
  MMK: 2,
  PKR: 2,
  SLL: 2,
  SOS: 2,
  SYP: 2,
  YER: 2,
};

describe("the currency table", () => {
  it("knows every currency Intl knows, with Intl's digits unless it says why not", () => {
    expect(intlCurrencies.length).toBeGreaterThan(100);
    const unknown = intlCurrencies.filter((c) => !CURRENCY_MINOR_DIGITS.has(c));
    expect(unknown).toEqual([]);
    for (const currency of intlCurrencies) {
      const why = DIFFERS_FROM_INTL[currency];
      if (why === undefined)
        expect([currency, minorDigits(currency)]).toEqual([currency, intlDigits(currency)]);
      else {
        expect(minorDigits(currency)).not.toBe(intlDigits(currency));
        expect(why.length).toBeGreaterThan(10);
      }
    }
  });

  it("holds no code Intl does not know", () => {
    expect([...CURRENCY_MINOR_DIGITS.keys()].filter((c) => !intlCurrencies.includes(c))).toEqual([]);
  });

  it("follows what pages print where ISO 4217 says otherwise", () => {
    for (const [currency, iso] of Object.entries(ISO_4217_EXPONENT)) {
      expect([currency, minorDigits(currency)]).not.toEqual([currency, iso]);
    }
    expect(minorDigits("HUF")).toBe(0);
    expect(minorDigits("BHD")).toBe(3);
    expect(minorDigits("JPY")).toBe(0);
  });

  it("agrees with the optimizer's own digits (which it keeps to import nothing from outside optimizer/)", () => {
    for (const currency of intlCurrencies)
      expect([currency, optimizerDigits(currency)]).toEqual([currency, minorDigits(currency)]);
  });
});

describe("format then parse gives back the same minor units", () => {
  const amount = fc.oneof(
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 10_000_000 }),
    fc.integer({ min: 0, max: MAX_CENTS }),
  );

  describe.each(LOCALES)("in %s", (locale) => {
    const { decimal } = separators(locale);
    const decimalMark = decimal === "," ? "," : ".";

    it.each([...CURRENCY_MINOR_DIGITS.keys()])("%s", (currency) => {
      fc.assert(
        fc.property(amount, (cents) => {
          const printed = formatMoney(cents, currency, locale);
          expect([printed, parsePriceText(printed, { currency, decimal: decimalMark })]).toEqual([
            printed,
            { ok: true, cents, currency },
          ]);
          const typed = moneyInputText(cents, currency, locale);
          expect([typed, parseTypedAmount(typed, currency, locale)]).toEqual([
            typed,
            { ok: true, units: cents },
          ]);
        }),
        { numRuns: 25 },
      );
    });
  });
});

// ----------------------------------------------- end to end: the 100x forint

const CART_URL = "https://www.aliexpress.com/p/shoppingcart/index.html";

/** How a shop in that country writes the price (Intl in the shop's own locale). */
const SHOPS: Record<string, string> = {
  HUF: "hu-HU",
  COP: "es-CO",
  IDR: "id-ID",
  PKR: "ur-PK",
  IQD: "ar-IQ",
  JPY: "ja-JP",
  KRW: "ko-KR",
  BHD: "en-BH",
};

const shopText = (minor: number, currency: string) => {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(SHOPS[currency], {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format((minor / 10 ** digits) as number);
};

/**
 * The basic cart as a shop in `currency` would hold it: every amount keeps its
 * count of minor units (1999 US cents become 1999 forints, 1.999 dinars), so
 * the expected cart is the scenario's with another currency.
 */
function cartIn(currency: string): PageStateSnapshot {
  const { state } = savedPage("basic-hydrated");
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const view = node as Record<string, unknown>;
      if (view.currency === "USD" && typeof view.value === "number") {
        const minor = Math.round(view.value * 100);
        view.currency = currency;
        view.value = minor / 10 ** minorDigits(currency);
        view.formattedAmount = shopText(minor, currency);
      }
      Object.values(view).forEach(walk);
    }
  };
  walk(state);
  return state;
}

const ctx = { timeZone: "Europe/Berlin", locale: "en-US", now: "2026-03-10T12:00:00Z" };

describe.each(Object.keys(SHOPS))("a cart and a coupon in %s", (currency) => {
  it("the reader counts the cart in the table's minor units, and the panel prints the page's figure", () => {
    const read = aliexpress.readCart({ url: CART_URL, pageState: cartIn(currency) });
    if (!read.ok) throw new Error(`${read.status}: ${inEnglish(read.reason)}`);
    expect(read.cart).toEqual({ ...expectedCart(loadScenario("basic")), currency });
    const first = read.cart.items[0];
    if (!first) throw new Error("no line");
    // The same number the shop printed, not 100 times it.
    const digitsOf = (s: string) => s.replace(/[^\d\u0660-\u0669\u06f0-\u06f9]/g, "");
    expect(digitsOf(formatMoney(first.unitPrice, currency, SHOPS[currency]))).toBe(
      digitsOf(shopText(first.unitPrice, currency)),
    );
  });

  it("the rows read the same cart when the account's currency is known", () => {
    const html = savedPage("basic-hydrated").html.replace(
      /US \$([\d,]+)\.(\d\d)/g,
      (_, whole: string, cents: string) =>
        shopText(Number(whole.replaceAll(",", "")) * 100 + Number(cents), currency),
    );
    const dom = new JSDOM(html, { url: CART_URL });
    dom.window.document.cookie = `aep_usuc_f=${encodeURIComponent(`site=glo&c_tp=${currency}`)}`;
    const read = aliexpress.readCart({ url: CART_URL, document: dom.window.document });
    if (minorDigits(currency) === 3) {
      // "BHD 1.299" alone may be 1.299 or 1299 dinars: the rows say so rather than guess.
      expect(read).toMatchObject({ ok: false, status: "unreadable" });
      expect(read.ok ? "" : inEnglish(read.reason)).toMatch(/thousands or decimals cannot be told/);
      return;
    }
    if (!read.ok) throw new Error(`${read.status}: ${inEnglish(read.reason)}`);
    expect(read.cart.currency).toBe(currency);
    expect(read.cart.items.map((i) => i.unitPrice)).toEqual(
      expectedCart(loadScenario("basic")).items.map((i) => i.unitPrice),
    );
  });

  it("a coupon typed in the popup is counted in the same units as the cart", () => {
    const digits = minorDigits(currency);
    const major = (minor: number) => (minor / 10 ** digits).toFixed(digits);
    const r = validateCouponForm(
      { ...emptyCouponForm(currency), amount: major(500), minSpend: major(2000), expiresAt: "2026-03-31" },
      ctx,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value).toMatchObject({ currency, off: 500, minSpend: 2000 });
    const read = aliexpress.readCart({ url: CART_URL, pageState: cartIn(currency) });
    if (!read.ok) throw new Refusal(read.reason);
    // 5.00 US $ off a 12.99 US $ line is 500 off 1299; 500 forints off 1299 forints likewise.
    expect(read.cart.items[0]?.unitPrice).toBe(expectedCart(loadScenario("basic")).items[0]?.unitPrice);
  });
});
