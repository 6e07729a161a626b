import { describe, expect, it } from "vitest";
import english from "../../public/_locales/en/messages.json";
import {
  minorDigits as currencyMinorDigits,
  formatMoney,
  moneyInputText,
  parseDecimal,
  parseTypedAmount as parseMoney,
} from "../../src/core/money";
import { type CatalogueEntry, catalogueSay, type MessageKey } from "../../src/services/i18n";

// Intl output uses non-breaking spaces in many locales; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it("formats cents in the user's locale", () => {
    expect(formatMoney(123456, "USD", "en-US")).toBe("$1,234.56");
    expect(plain(formatMoney(123456, "EUR", "de-DE"))).toBe("1.234,56 €");
    expect(plain(formatMoney(5, "EUR", "fr-FR"))).toBe("0,05 €");
    expect(formatMoney(0, "USD", "en-US")).toBe("$0.00");
  });

  it("currencies with 0 minor digits: the integer is whole units", () => {
    expect(currencyMinorDigits("JPY")).toBe(0);
    expect(formatMoney(1500, "JPY", "ja-JP")).toBe("￥1,500");
    expect(formatMoney(1500, "JPY", "en-US")).toBe("¥1,500");
    expect(formatMoney(1500, "KRW", "en-US")).toBe("₩1,500");
  });

  it("currencies with 3 minor digits", () => {
    expect(currencyMinorDigits("KWD")).toBe(3);
    expect(plain(formatMoney(1234, "KWD", "en-US"))).toBe("KWD 1.234");
    expect(plain(formatMoney(5, "BHD", "en-US"))).toBe("BHD 0.005");
  });

  it("is exact for large amounts and keeps the sign of negatives", () => {
    expect(formatMoney(900_000_000_001, "USD", "en-US")).toBe("$9,000,000,000.01");
    expect(formatMoney(-1999, "USD", "en-US")).toBe("-$19.99");
    expect(formatMoney(-5, "USD", "en-US")).toBe("-$0.05");
  });

  it("never throws: a bad locale or currency still gives readable text", () => {
    expect(formatMoney(500, "USD", "not a locale!")).toBe("$5.00");
    expect(formatMoney(500, "XQQ1", "en-US")).toBe("5.00 XQQ1");
  });
});

describe("parseMoney", () => {
  it("parses in the currency's minor units", () => {
    expect(parseMoney("5", "USD", "en-US")).toEqual({ ok: true, units: 500 });
    expect(parseMoney("5.5", "USD", "en-US")).toEqual({ ok: true, units: 550 });
    expect(parseMoney("1,234.56", "USD", "en-US")).toEqual({ ok: true, units: 123456 });
    expect(parseMoney("1500", "JPY", "ja-JP")).toEqual({ ok: true, units: 1500 });
    expect(parseMoney("1.234", "KWD", "en-US")).toEqual({ ok: true, units: 1234 });
    expect(parseMoney("5.10", "USD")).toEqual({ ok: true, units: 510 });
    expect(parseMoney("5.000", "USD")).toEqual({ ok: true, units: 500 });
  });

  it("reads the locale's separators", () => {
    expect(parseMoney("1.234,56", "EUR", "de-DE")).toEqual({ ok: true, units: 123456 });
    expect(parseMoney("12,5", "EUR", "de-DE")).toEqual({ ok: true, units: 1250 });
    expect(parseMoney("12.5", "EUR", "de-DE")).toEqual({ ok: true, units: 1250 });
    expect(parseMoney("1 234,56", "EUR", "fr-FR")).toEqual({ ok: true, units: 123456 });
  });

  it.each<[string, string, MessageKey, RegExp]>([
    ["", "USD", "wallet_amountMissing", /Enter an amount/],
    ["-5", "USD", "wallet_amountNegative", /negative/],
    ["abc", "USD", "wallet_amountNotNumber", /number/],
    ["5.123", "USD", "wallet_amountDigits", /at most 2 digits/],
    ["5.5", "JPY", "wallet_amountWhole", /whole number/],
    ["1.2345", "KWD", "wallet_amountDigits", /at most 3 digits/],
    ["12,5", "USD", "wallet_amountSeparators", /"," groups thousands, "." marks decimals/],
    ["1e5", "USD", "wallet_amountNotNumber", /number/],
    ["99999999999999999999", "USD", "wallet_amountTooLarge", /too large/],
  ])("refuses %j in %s", (text, currency, key, wording) => {
    const r = parseMoney(text, currency, "en-US");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message.key).toBe(key);
    expect(catalogueSay(english as Record<string, CatalogueEntry>, r.message)).toMatch(wording);
  });

  it("round-trips through the input text", () => {
    for (const [cents, cur, loc] of [
      [123456, "USD", "en-US"],
      [5, "KWD", "en-US"],
      [1500, "JPY", "ja-JP"],
      [120050, "EUR", "de-DE"],
    ] as const) {
      const text = moneyInputText(cents, cur, loc);
      expect(parseMoney(text, cur, loc)).toEqual({ ok: true, units: cents });
    }
    expect(moneyInputText(120050, "EUR", "de-DE")).toBe("1200,50");
  });

  it("parseDecimal works with any number of digits", () => {
    expect(parseDecimal("12.34", 2)).toEqual({ ok: true, units: 1234 });
    expect(parseDecimal("100", 2)).toEqual({ ok: true, units: 10000 });
  });
});
