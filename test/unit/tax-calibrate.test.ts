/**
 * Calibrating the exchange rate on a checkout's own tax lines (issue 13): the lines are
 * produced by the test oracle's independent reading of the rules data at a known rate,
 * and the calibrator, which only evaluates the optimizer's rule, must find an interval
 * holding that rate; proportional-only packages are refused with their reason; packages
 * whose lines no rate in the interval explains are named.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Input } from "../../optimizer/schema";
import { ruleFor, taxRules } from "../../optimizer/tax";
import {
  type CalibrationPackage,
  calibrateRate,
  shortestRate,
  type TaxObservation,
} from "../../optimizer/tax-calibrate";
import type { TaxName, TaxRule } from "../../optimizer/tax-schema";
import { oraclePackageTax, oracleTaxRule } from "../oracle/tax";

const NOW = "2026-11-22T10:00:00Z";

function rule(country: string): TaxRule {
  const r = ruleFor(taxRules().rules, country, Date.parse(NOW));
  if (!r) throw new Error(`no rule for ${country}`);
  return r;
}

/** The page's lines for these packages at `rate`, as the oracle reads the rules. */
function pageLines(
  country: string,
  cartCurrency: string,
  rate: number,
  packages: CalibrationPackage[],
  region?: string,
): { name: TaxName; cents: number }[] {
  const t = oracleTaxRule({
    now: NOW,
    cart: { currency: cartCurrency },
    destination: { country, rate, ...(region ? { region } : {}) },
    rules: {},
  } as unknown as Input);
  if (t === null || typeof t === "string") throw new Error(`oracle: ${t}`);
  const sums = new Map<TaxName, number>();
  for (const p of packages)
    for (const line of oraclePackageTax(t, p.goods, p.shipping, p.products))
      sums.set(line.name as TaxName, (sums.get(line.name as TaxName) ?? 0) + line.amount);
  return [...sums].map(([name, cents]) => ({ name, cents }));
}

const obs = (id: string, packages: CalibrationPackage[], lines: TaxObservation["lines"]): TaxObservation => ({
  id,
  packages,
  lines,
});

/** Calibrates on lines made at `rate`; the interval found must hold `rate` and its pick reproduce them. */
function recovered(
  country: string,
  cartCurrency: string,
  rate: number,
  packages: CalibrationPackage[],
  region?: string,
) {
  const lines = pageLines(country, cartCurrency, rate, packages, region);
  const c = calibrateRate({
    rule: rule(country),
    country,
    ...(region ? { region } : {}),
    cartCurrency,
    observations: [obs("order", packages, lines)],
  });
  if (c.kind !== "rate") throw new Error(`not calibrated: ${JSON.stringify(c)}`);
  expect(c.low).toBeLessThanOrEqual(rate * (1 + 1e-9));
  expect(c.high).toBeGreaterThanOrEqual(rate * (1 - 1e-9));
  expect(pageLines(country, cartCurrency, c.rate, packages, region)).toEqual(lines);
  return c;
}

describe("calibrating Brazil's USD rule on a BRL checkout", () => {
  const BR = rule("BR");

  it("recovers the rate from a package above US$50 (the US$20 deduction fixes it), within cent rounding", () => {
    const c = recovered("BR", "BRL", 0.1843, [{ goods: 123456, shipping: 1590, products: 2 }], "SP");
    // One cent of the R$ 108,52 deduction is about 1e-4 of the rate.
    expect(c.high / c.low).toBeLessThan(1.001);
    expect(c.rate).toBe(0.1843);
  });

  it("refuses a package under US$50: the 20% bracket and ICMS are proportional, so only a bound is known", () => {
    const packages = [{ goods: 15000, shipping: 0, products: 1 }];
    const c = calibrateRate({
      rule: BR,
      country: "BR",
      cartCurrency: "BRL",
      observations: [obs("order", packages, pageLines("BR", "BRL", 0.18, packages))],
    });
    expect(c.kind).toBe("unidentified");
    if (c.kind !== "unidentified") return;
    // R$ 150 stays under US$50 for every rate up to 50/150.
    expect(c.reason).toBe("at-most");
    // Just past the threshold the 60% bracket less US$20 is still within a cent of 20%.
    expect((c.bound ?? 0) / (50 / 150)).toBeCloseTo(1, 3);
  });

  it("says 'proportional' when the lines are the same at every rate (no tax at all)", () => {
    const c = calibrateRate({
      rule: BR,
      country: "BR",
      cartCurrency: "BRL",
      observations: [obs("order", [{ goods: 0, shipping: 0, products: 0 }], [])],
    });
    expect(c).toMatchObject({ kind: "unidentified", reason: "proportional" });
  });

  it("names the package whose lines no rate explains, and keeps the rate the others fix", () => {
    const a = [{ goods: 80000, shipping: 0, products: 1 }];
    const b = [{ goods: 150000, shipping: 990, products: 3 }];
    const bad = [{ goods: 90000, shipping: 0, products: 1 }];
    const wrong = pageLines("BR", "BRL", 0.18, bad).map((l) => ({ ...l, cents: l.cents + 150 }));
    const c = calibrateRate({
      rule: BR,
      country: "BR",
      cartCurrency: "BRL",
      observations: [
        obs("Loja A", a, pageLines("BR", "BRL", 0.18, a)),
        obs("Loja B", b, pageLines("BR", "BRL", 0.18, b)),
        obs("Loja C", bad, wrong),
      ],
    });
    expect(c.kind).toBe("rate");
    if (c.kind !== "rate") return;
    expect(c.rate).toBe(0.18);
    expect(c.disagree).toEqual(["Loja C"]);
    expect(c.agree).toEqual(["Loja A", "Loja B"]);
  });

  it("reports no fit when nothing reproduces the lines", () => {
    const c = calibrateRate({
      rule: BR,
      country: "BR",
      cartCurrency: "BRL",
      observations: [
        obs("order", [{ goods: 100000, shipping: 0, products: 1 }], [{ name: "ICMS", cents: 7 }]),
      ],
    });
    expect(c).toMatchObject({ kind: "unidentified", reason: "no-fit", disagree: ["order"] });
  });

  it("has nothing to calibrate when the rule is in the cart's currency", () => {
    const c = calibrateRate({ rule: BR, country: "BR", cartCurrency: "USD", observations: [] });
    expect(c).toMatchObject({ kind: "unidentified", reason: "same-currency" });
  });
});

describe("calibrating the EU's EUR rule on a non-euro cart", () => {
  it("recovers the rate from the EUR 3 duty per product", () => {
    recovered("PL", "PLN", 0.2347, [{ goods: 25000, shipping: 0, products: 2 }]);
  });
});

describe("property: lines produced at a random rate are reproduced by the calibrated rate", () => {
  it("Brazil, random rates and baskets with a package above US$50", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 2000 }).map((n) => n / 10000),
        fc.array(
          fc.record({
            goods: fc.integer({ min: 0, max: 5_000_000 }),
            shipping: fc.integer({ min: 0, max: 5000 }),
            products: fc.integer({ min: 1, max: 4 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.constantFrom(undefined, "SP", "BA"),
        (rate, packages, region) => {
          // At least one package clearly above US$50 (its deduction, some reais, fixes the rate).
          fc.pre(packages.some((p) => (p.goods + p.shipping) * rate > 10000 && 2000 / rate > 500));
          recovered("BR", "BRL", rate, packages, region);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("shortestRate", () => {
  it("picks the shortest decimal inside the interval", () => {
    expect(shortestRate(0.18428, 0.18431)).toBe(0.1843);
    expect(shortestRate(0.5, 2)).toBe(1);
    const r = shortestRate(0.000061234, 0.000061236);
    expect(r).toBeGreaterThanOrEqual(0.000061234 - 1e-8);
  });
});
