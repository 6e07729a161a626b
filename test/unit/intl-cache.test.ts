/**
 * Intl formatters made once per locale and options (src/core/intl-cache.ts): the same
 * text as a fresh formatter, and a refused locale or zone still throws for the callers'
 * fallbacks rather than being remembered.
 */
import { describe, expect, it } from "vitest";
import { dateTimeFormat, numberFormat, relativeTimeFormat } from "../../src/core/intl-cache";
import { formatMoney } from "../../src/core/money";
import { dateTimeLabel } from "../../src/services/format";

describe("the Intl formatter cache", () => {
  it("gives the same formatter for the same locale and options, another for others", () => {
    const usd = { style: "currency", currency: "USD" } as const;
    expect(numberFormat("en-US", usd)).toBe(numberFormat("en-US", { ...usd }));
    expect(numberFormat("de-DE", usd)).not.toBe(numberFormat("en-US", usd));
    expect(numberFormat("en-US", { ...usd, currency: "EUR" })).not.toBe(numberFormat("en-US", usd));
    expect(numberFormat(undefined, {})).toBe(numberFormat(undefined, {}));
    expect(relativeTimeFormat("fr", { numeric: "auto" })).toBe(relativeTimeFormat("fr", { numeric: "auto" }));
    const when = { dateStyle: "medium", timeZone: "Asia/Tokyo" } as const;
    expect(dateTimeFormat("en-GB", when).format(0)).toBe(new Intl.DateTimeFormat("en-GB", when).format(0));
  });

  it("throws for what the engine refuses, every time, so the callers fall back", () => {
    for (let i = 0; i < 2; i++) {
      expect(() => dateTimeFormat("en", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
      expect(() => numberFormat("en", { style: "currency", currency: "??" })).toThrow(RangeError);
    }
    expect(dateTimeLabel(0, "en-US", "Mars/Olympus")).toBe("1970-01-01T00:00:00.000Z");
    expect(formatMoney(123456, "USD", "not a locale!")).toBe("$1,234.56");
  });
});
