import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { basisPoints, floorPercent, formatMoney, ruleAmount } from "../../optimizer/money";

describe("money core", () => {
  it("turns two-decimal percentages into exact basis points", () => {
    expect([12.5, 0.01, 100, 7.35, 33.33, 0.29].map(basisPoints)).toEqual([1250, 1, 10000, 735, 3333, 29]);
  });

  it("floors percentages exactly, as floor(b * round(p*100) / 10000) in integers", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 900_000_000_000 }),
        fc.integer({ min: 1, max: 10000 }),
        (b, bp) => {
          const exact = (BigInt(b) * BigInt(bp)) / 10000n;
          expect(floorPercent(b, bp)).toBe(Number(exact));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never takes more than its base, and caps percent rules by maxOff", () => {
    expect(ruleAmount({ off: 500, bp: 0, maxOff: Infinity }, 300)).toBe(300);
    expect(ruleAmount({ off: 0, bp: 1000, maxOff: 250 }, 5000)).toBe(250);
    expect(ruleAmount({ off: 0, bp: 1250, maxOff: Infinity }, 999)).toBe(124);
    expect(ruleAmount({ off: 500, bp: 0, maxOff: Infinity }, 0)).toBe(0);
  });

  it("formats integer cents without float rounding, in the locale and currency given", () => {
    const plain = (s: string) => s.replace(/\u00a0|\u202f/g, " ");
    expect(formatMoney(437_0, "USD", "en-US")).toBe("$43.70");
    expect(plain(formatMoney(123_456, "BRL", "pt-BR"))).toBe("R$ 1.234,56");
    expect(formatMoney(1234, "JPY", "en-US")).toBe("¥1,234");
    expect(formatMoney(9_007_199_254_740_99, "USD", "en-US")).toBe("$9,007,199,254,740.99");
  });
});
