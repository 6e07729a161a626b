import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type MoneyContext,
  majorToCents,
  minorDigits,
  parsePriceText as parseMoney,
} from "../../src/core/money";

const NBSP = "\u00a0";
const NNBSP = "\u202f";
const RLM = "\u200f";
const LRM = "\u200e";

describe("parseMoney reads prices as the marketplace writes them", () => {
  it.each<[string, number, string, MoneyContext?]>([
    ["US $1,234.56", 123456, "USD"],
    ["US $12.34", 1234, "USD"],
    ["US$0.99", 99, "USD"],
    ["US $0.00", 0, "USD"],
    [`US${NBSP}$${NBSP}12.34`, 1234, "USD"],
    ["USD 12.34", 1234, "USD"],
    ["12.34 USD", 1234, "USD"],
    ["$12.34", 1234, "USD", { currency: "USD" }],
    ["12.34 $", 1234, "USD", { currency: "USD" }],
    ["$12.34", 1234, "CAD", { currency: "CAD" }],
    ["1.234,56 €", 123456, "EUR"],
    [`1.234,56${NBSP}€`, 123456, "EUR"],
    ["12,34 €", 1234, "EUR"],
    ["12,5 €", 1250, "EUR"],
    [`1${NNBSP}234,56${NBSP}€`, 123456, "EUR"],
    [`1 234 567,89 €`, 123456789, "EUR"],
    ["1.234.567,89 €", 123456789, "EUR"],
    ["1.234.567 €", 123456700, "EUR"],
    ["€1,234.56", 123456, "EUR"],
    ["€ 3.50", 350, "EUR"],
    ["EUR 3,50", 350, "EUR"],
    ["R$ 1.234,56", 123456, "BRL"],
    [`R$${NBSP}1.234,56`, 123456, "BRL"],
    ["R$12,90", 1290, "BRL"],
    ["£9.99", 999, "GBP"],
    ["¥1,234", 1234, "JPY"],
    ["¥1,234,567", 1234567, "JPY"],
    ["¥980", 980, "JPY"],
    ["￥1,234", 1234, "JPY"],
    ["JP¥1,234", 1234, "JPY"],
    ["CN¥12.30", 1230, "CNY"],
    ["¥12.30", 1230, "CNY", { currency: "CNY" }],
    ["₩12,000", 12000, "KRW"],
    ["CHF 1'234.50", 123450, "CHF"],
    ["CHF 1’234.50", 123450, "CHF"],
    ["1 234,56 zł", 123456, "PLN"],
    ["₹1,23,456.78", 12345678, "INR"],
    ["12,345 KWD", 12345, "KWD", { decimal: "," }],
    ["US $1,234", 123400, "USD", { decimal: "." }],
    ["1.234 €", 123400, "EUR", { decimal: "," }],
    [`${RLM}US $12.34${RLM}`, 1234, "USD"],
    [`${LRM}‏12.34 ${RLM}$`, 1234, "USD", { currency: "USD" }],
    ["\u2067US $5.00\u2069", 500, "USD"],
    ["US $１２.３４", 1234, "USD"],
    ["١٢٫٣٤ US$", 1234, "USD"],
    ["  US $12.34\n", 1234, "USD"],
    ["kr 99,50", 9950, "SEK", { currency: "SEK" }],
  ])("%j -> %i %s", (text, cents, currency, context) => {
    expect(parseMoney(text, context)).toEqual({ ok: true, cents, currency });
  });
});

describe("parseMoney refuses what it cannot read without guessing", () => {
  it.each<[unknown, string, MoneyContext?]>([
    // no or unknown currency
    ["1,234", "no-currency"],
    ["12.34", "no-currency"],
    ["1234", "no-currency"],
    ["12.34 XYZ", "unknown-currency"],
    ["12.34 usd", "unknown-currency"],
    ["12.34 coins", "unknown-currency"],
    // a marker shared by several currencies and no context
    ["$12.34", "ambiguous-currency"],
    ["12,34 kr", "ambiguous-currency"],
    ["$12.34", "ambiguous-currency", { currency: "EUR" }],
    // a string in another currency than the page
    ["US $12.34", "currency-mismatch", { currency: "EUR" }],
    ["12,34 €", "currency-mismatch", { currency: "USD" }],
    // thousands or decimals?
    ["1.234 €", "ambiguous-separator"],
    ["US $1,234", "ambiguous-separator"],
    ["€1,234", "ambiguous-separator"],
    ["1.234 KWD", "ambiguous-separator"],
    ["¥1,234", "ambiguous-separator", { currency: "CNY" }],
    // several numbers: ranges, two prices, sale text
    ["US $1.00 - 2.00", "several-numbers"],
    ["US $1.00 – US $2.00", "several-numbers"],
    ["US $12.34 US $15.00", "several-numbers"],
    ["12.34 15.00 €", "several-numbers"],
    ["US $12.34 x2", "several-numbers"],
    ["1e5 €", "several-numbers"],
    // signs
    ["-US $12.34", "negative"],
    ["US $-12.34", "negative"],
    ["−12,34 €", "negative"],
    ["(US $12.34)", "negative"],
    // malformed numbers
    ["US $1,234.56.78", "bad-grouping"],
    ["US $12.34.56", "bad-grouping"],
    ["US $1,23.45", "bad-grouping"],
    ["US $12,34,5", "bad-grouping"],
    ["1.234.567,89,12 €", "bad-grouping"],
    ["US $1 234,567.89", "bad-grouping"],
    ["US $12.", "bad-grouping"],
    ["US $00.99", "bad-grouping"],
    ["US $1,2,3", "bad-grouping"],
    ["US $12.345", "ambiguous-separator"],
    ["US $12.3456", "too-many-decimals"],
    ["1.234 €", "too-many-decimals", { decimal: "." }],
    ["12,345 €", "ambiguous-separator"],
    ["12,3456 €", "too-many-decimals"],
    ["¥12.50", "too-many-decimals"],
    // stray text
    ["Price: US $12.34", "unexpected-text"],
    ["US $12.34 off", "unexpected-text"],
    ["€ 12,34 €", "unexpected-text"],
    ["US $1²", "unexpected-text"],
    ["<b>US $12.34</b>", "unexpected-text"],
    // nothing or not text
    ["", "empty"],
    ["   ", "empty"],
    [`${RLM}${NBSP}${LRM}`, "empty"],
    ["US $", "no-number"],
    ["Free", "no-number"],
    ["US $NaN", "no-number"],
    ["US $Infinity", "no-number"],
    [null, "not-a-string"],
    [undefined, "not-a-string"],
    [12.34, "not-a-string"],
    [{ toString: () => "US $1.00" }, "not-a-string"],
    // absurd sizes
    ["US $9,999,999,999,999.99", "too-large"],
    ["US $99999999999999999999", "too-large"],
    [`US $${"1".repeat(70)}`, "too-long"],
    ["x".repeat(100_000), "too-long"],
  ])("%j is refused (%s)", (text, reason, context) => {
    const result = parseMoney(text, context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.message.length).toBeGreaterThan(0);
    }
  });

  it("never throws and never returns a cent amount outside the schema's range", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ unit: "binary", maxLength: 40 }),
          fc
            .array(
              fc.constantFrom("US $", "€", "R$", "$", "¥", "1", "2", "0", ".", ",", " ", NBSP, "-", "'", RLM),
              {
                maxLength: 16,
              },
            )
            .map((parts) => parts.join("")),
        ),
        fc.constantFrom<MoneyContext | undefined>(undefined, { currency: "USD" }, { decimal: "," }),
        (text, context) => {
          const result = parseMoney(text, context);
          if (result.ok) {
            expect(Number.isSafeInteger(result.cents)).toBe(true);
            expect(result.cents).toBeGreaterThanOrEqual(0);
            expect(result.cents).toBeLessThanOrEqual(900_000_000_000);
            expect(result.currency).toMatch(/^[A-Z]{3}$/);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("parseMoney round-trips the page formats it meets", () => {
  // Written here from the locales' conventions, not with the parser's code.
  const group = (digits: string, sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const split = (cents: number) =>
    [String(Math.floor(cents / 100)), String(cents % 100).padStart(2, "0")] as const;
  const formats: Record<string, [string, (cents: number) => string]> = {
    us: ["USD", (c) => `US $${group(split(c)[0], ",")}.${split(c)[1]}`],
    eu: ["EUR", (c) => `${group(split(c)[0], ".")},${split(c)[1]}${NBSP}€`],
    fr: ["EUR", (c) => `${group(split(c)[0], NNBSP)},${split(c)[1]}${NBSP}€`],
    br: ["BRL", (c) => `R$${NBSP}${group(split(c)[0], ".")},${split(c)[1]}`],
    gb: ["GBP", (c) => `£${group(split(c)[0], ",")}.${split(c)[1]}`],
    jp: ["JPY", (c) => `¥${group(String(c), ",")}`],
  };

  it.each(Object.keys(formats))("%s", (name) => {
    const [currency, format] = formats[name] ?? ["", String];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 900_000_000_000 }), (cents) => {
        expect(parseMoney(format(cents))).toEqual({ ok: true, cents, currency });
      }),
      { numRuns: 500 },
    );
  });
});

describe("majorToCents reads the numbers page state carries", () => {
  it.each<[unknown, string, number]>([
    [12.34, "USD", 1234],
    [12.3, "USD", 1230],
    [12, "USD", 1200],
    [0, "USD", 0],
    ["12.34", "USD", 1234],
    ["12.340", "USD", 1234],
    [1234.56, "EUR", 123456],
    [1234, "JPY", 1234],
    [1.234, "KWD", 1234],
    [8999999999.99, "USD", 899999999999],
  ])("%j %s -> %i", (value, currency, cents) => {
    expect(majorToCents(value, currency)).toEqual({ ok: true, cents, currency });
  });

  it.each<[unknown, string]>([
    [0.1 + 0.2, "USD"],
    [12.345, "USD"],
    [12.5, "JPY"],
    [-1, "USD"],
    ["-1.00", "USD"],
    [1e21, "USD"],
    [1e-7, "USD"],
    [Number.NaN, "USD"],
    [Number.POSITIVE_INFINITY, "USD"],
    [9000000000.01, "USD"],
    ["12,34", "EUR"],
    ["US $12.34", "USD"],
    ["", "USD"],
    [null, "USD"],
    [{ value: 1 }, "USD"],
    [true, "USD"],
  ])("%j %s is refused", (value, currency) => {
    expect(majorToCents(value, currency).ok).toBe(false);
  });
});

it("knows the minor digits of the currencies marketplaces use", () => {
  expect([
    minorDigits("USD"),
    minorDigits("EUR"),
    minorDigits("JPY"),
    minorDigits("KRW"),
    minorDigits("KWD"),
  ]).toEqual([2, 2, 0, 0, 3]);
});
