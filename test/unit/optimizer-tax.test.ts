/**
 * Import tax (issue 13): every rule against the worked figures of
 * ../shared/notes/import-tax-evidence.md, thresholds at their edges, rules chosen by
 * the checkout's date, the rules file refused with JSON paths when bad, and results
 * without a destination exactly as they were before tax existed.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateStack, InvalidInputError, optimize } from "../../optimizer/index";
import type { Result } from "../../optimizer/schema";
import { ruleFor, taxRules } from "../../optimizer/tax";
import { TAX_RULES } from "../../optimizer/tax-rules";
import { parseTaxRules } from "../../optimizer/tax-schema";
import { oracleEvaluate, oracleOptimum } from "../oracle/oracle";

const NOW = "2026-11-22T10:00:00Z";

interface Line {
  id: string;
  store?: string;
  price: number;
  quantity?: number;
}

/** A cart of one or more stores (no shipping unless given), and optimizer options. */
function input(
  lines: Line[],
  extra: Record<string, unknown> = {},
  cart: { currency?: string; shipping?: Record<string, number> } = {},
) {
  const stores = [...new Set(lines.map((l) => l.store ?? "s1"))];
  return {
    now: NOW,
    cart: {
      currency: cart.currency ?? "USD",
      items: lines.map((l) => ({
        id: l.id,
        storeId: l.store ?? "s1",
        unitPrice: l.price,
        quantity: l.quantity ?? 1,
      })),
      stores: stores.map((id) => ({
        id,
        ...(cart.shipping?.[id] === undefined ? {} : { shipping: { fee: cart.shipping[id] } }),
      })),
    },
    ...extra,
  };
}

const taxesOf = (r: Result) =>
  r.orders.map((o) => o.packages?.map((p) => Object.fromEntries(p.taxes.map((t) => [t.name, t.amount]))));

/** The optimizer's result, checked against the independent oracle on the way. */
function solve(raw: unknown): Result {
  const r = optimize(raw);
  expect(r.total, "the oracle's optimum").toBe(oracleOptimum(raw).total);
  const e = oracleEvaluate(raw, { orders: r.orders });
  expect(e.problems).toEqual([]);
  expect(e.total, "the oracle re-prices the stack").toBe(r.total);
  return r;
}

describe("Brazil (Remessa Conforme): import tax 20% / 60% less US$20, ICMS grossed up", () => {
  const br = { destination: { country: "BR", region: "SP" } };

  it("a US$50 package costs US$72.29 with its taxes (17% ICMS)", () => {
    const r = solve(input([{ id: "a", price: 5000 }], br));
    expect(taxesOf(r)).toEqual([[{ "import tax": 1000, ICMS: 1229 }]]);
    expect(r.orders[0]?.tax).toBe(2229);
    expect(r.total).toBe(7229);
    expect(r.baseline).toBe(7229);
    expect(r.tax).toBe(2229);
    expect(r.taxModelled).toBe(true);
    expect(r.taxRule?.id).toBe("BR-2025-04");
  });

  it("a US$100 package costs US$168.67; as two US$50 packages US$144.58", () => {
    const one = solve(input([{ id: "a", price: 10000 }], br));
    expect(taxesOf(one)).toEqual([[{ "import tax": 4000, ICMS: 2867 }]]);
    expect(one.total).toBe(16867);
    const two = solve(
      input(
        [
          { id: "a", price: 5000 },
          { id: "b", price: 5000 },
        ],
        { ...br, options: { maxOrders: 2 } },
      ),
    );
    expect(two.orders).toHaveLength(2);
    expect(two.total).toBe(14458);
    expect(two.baseline).toBe(16867);
    expect(two.savings).toBe(2409);
    expect(two.optimal).toBe(true);
  });

  it("ALICATE's example: a US$155 cart of 9 products pays US$119.70 of tax as one package", () => {
    const prices = [2000, 2000, 2000, 2000, 2000, 1500, 1500, 1500, 1000];
    expect(prices.reduce((a, b) => a + b, 0)).toBe(15500);
    const r = optimize(
      input(
        prices.map((price, k) => ({ id: `p${k}`, price })),
        br,
      ),
    );
    expect(taxesOf(r)).toEqual([[{ "import tax": 7300, ICMS: 4670 }]]);
    expect(r.tax).toBe(11970);
    expect(r.total).toBe(27470);
  });

  it("the threshold: exactly US$50.00 pays 20%; US$50.01 pays 60% less US$20", () => {
    expect(taxesOf(solve(input([{ id: "a", price: 5000 }], br)))[0]?.[0]?.["import tax"]).toBe(1000);
    // 0.6 * 50.01 - 20 = 10.006 -> 10.01; ICMS (50.01 + 10.01) * 17 / 83 = 12.293 -> 12.29
    expect(taxesOf(solve(input([{ id: "a", price: 5001 }], br)))).toEqual([
      [{ "import tax": 1001, ICMS: 1229 }],
    ]);
  });

  it("shipping is in the value: a US$45 item with US$5 shipping is a US$50 package", () => {
    const r = solve(input([{ id: "a", price: 4500 }], br, { shipping: { s1: 500 } }));
    expect(taxesOf(r)).toEqual([[{ "import tax": 1000, ICMS: 1229 }]]);
    expect(r.total).toBe(7229);
  });

  it("ICMS is 20% in the states the evidence lists (Bahia), 17% without a state", () => {
    const ba = solve(input([{ id: "a", price: 5000 }], { destination: { country: "BR", region: "BA" } }));
    expect(taxesOf(ba)).toEqual([[{ "import tax": 1000, ICMS: 1500 }]]);
    const none = solve(input([{ id: "a", price: 5000 }], { destination: { country: "BR" } }));
    expect(taxesOf(none)).toEqual([[{ "import tax": 1000, ICMS: 1229 }]]);
  });

  it("before 1 April 2025 every state paid 17% ICMS", () => {
    const r = solve({
      ...input([{ id: "a", price: 5000 }], { destination: { country: "BR", region: "BA" } }),
      now: "2025-03-31T23:59:59Z",
    });
    expect(r.taxRule?.id).toBe("BR-2024-08");
    expect(taxesOf(r)).toEqual([[{ "import tax": 1000, ICMS: 1229 }]]);
  });

  const couponCart = (reduce: boolean | undefined) =>
    input([{ id: "a", price: 6000 }], {
      ...br,
      ...(reduce === undefined ? {} : { rules: { discountsReduceBase: reduce } }),
      wallet: { coupons: [{ id: "P", kind: "platform", off: 1000, expiresAt: "2026-12-01T00:00:00Z" }] },
    });

  it("order-level discounts reduce the base by default, not when rules.discountsReduceBase is false", () => {
    // US$60 less a US$10 platform coupon: taxed as US$50 by default...
    const reduced = solve(couponCart(undefined));
    expect(taxesOf(reduced)).toEqual([[{ "import tax": 1000, ICMS: 1229 }]]);
    expect(reduced.total).toBe(5000 + 2229);
    // ...or as US$60: II 16.00, ICMS 76 * 17 / 83 = 15.566 -> 15.57.
    const kept = solve(couponCart(false));
    expect(taxesOf(kept)).toEqual([[{ "import tax": 1600, ICMS: 1557 }]]);
    expect(kept.total).toBe(5000 + 3157);
  });

  it("order-level discounts are shared by the packages in proportion to their goods", () => {
    // Goods 30.00 and 10.00, a US$4.00 platform coupon: shares 3.00 and 1.00.
    const r = solve(
      input(
        [
          { id: "a", store: "s1", price: 3000 },
          { id: "b", store: "s2", price: 1000 },
        ],
        {
          ...br,
          wallet: { coupons: [{ id: "P", kind: "platform", off: 400, expiresAt: "2026-12-01T00:00:00Z" }] },
        },
      ),
    );
    // 27.00: II 5.40, ICMS 32.40 * 17/83 = 6.636 -> 6.64; 9.00: II 1.80, ICMS 10.80 * 17/83 = 2.212 -> 2.21
    expect(taxesOf(r)).toEqual([
      [
        { "import tax": 540, ICMS: 664 },
        { "import tax": 180, ICMS: 221 },
      ],
    ]);
    expect(r.orders[0]?.packages?.map((p) => p.storeId)).toEqual(["s1", "s2"]);
  });

  it("a BRL cart needs destination.rate; with it, thresholds and the US$20 deduction are converted", () => {
    const noRate = optimize(
      input([{ id: "a", price: 25000 }], { destination: { country: "BR" } }, { currency: "BRL" }),
    );
    expect(noRate.taxModelled).toBe(false);
    expect(noRate.tax).toBe(0);
    expect(noRate.taxNotes?.[0]?.code).toBe("no-rate");
    expect(noRate.total).toBe(25000);
    expect(noRate.orders[0]).not.toHaveProperty("packages");
    // 0.2 USD per BRL: R$250.00 = US$50.00 (20%); R$500.00 = US$100 (60% less R$100.00).
    const at50 = solve(
      input([{ id: "a", price: 25000 }], { destination: { country: "BR", rate: 0.2 } }, { currency: "BRL" }),
    );
    expect(taxesOf(at50)).toEqual([[{ "import tax": 5000, ICMS: 6145 }]]);
    const at100 = solve(
      input([{ id: "a", price: 50000 }], { destination: { country: "BR", rate: 0.2 } }, { currency: "BRL" }),
    );
    expect(taxesOf(at100)?.[0]?.[0]?.["import tax"]).toBe(20000);
  });
});

describe("European Union: EUR 3 duty per distinct product, VAT up to EUR 150", () => {
  const de = (now: string, lines: Line[]) => ({
    ...input(lines, { destination: { country: "DE" } }, { currency: "EUR" }),
    now,
  });

  it("counts distinct products, not units: 5 of one product pay EUR 3, two products EUR 6", () => {
    const one = solve(de(NOW, [{ id: "shirt", price: 1000, quantity: 5 }]));
    // VAT 19% of 50.00 + 3.00 = 10.07
    expect(taxesOf(one)).toEqual([[{ duty: 300, VAT: 1007 }]]);
    const two = solve(
      de(NOW, [
        { id: "shirt", price: 1000 },
        { id: "watch", price: 4000 },
      ]),
    );
    expect(taxesOf(two)).toEqual([[{ duty: 600, VAT: 1064 }]]);
    expect(two.taxNotes?.some((n) => n.message.includes("each distinct product counts as one line"))).toBe(
      true,
    );
  });

  it("exactly EUR 150.00 of goods is taxed at checkout; EUR 150.01 is not modelled", () => {
    const at = solve(de(NOW, [{ id: "a", price: 15000 }]));
    // VAT 19% of 153.00 = 29.07
    expect(taxesOf(at)).toEqual([[{ duty: 300, VAT: 2907 }]]);
    const over = solve(de(NOW, [{ id: "a", price: 15001 }]));
    expect(taxesOf(over)).toEqual([[{}]]);
    expect(over.total).toBe(15001);
    expect(over.taxNotes?.some((n) => n.message.includes("above EUR 150"))).toBe(true);
  });

  it("the duty starts with checkouts on 1 July 2026, not on 30 June", () => {
    const before = solve(de("2026-06-30T23:59:59Z", [{ id: "a", price: 5000 }]));
    expect(before.taxRule?.id).toBe("EU-2021-07");
    expect(taxesOf(before)).toEqual([[{ VAT: 950 }]]);
    const after = solve(de("2026-07-01T00:00:00Z", [{ id: "a", price: 5000 }]));
    expect(after.taxRule?.id).toBe("EU-2026-07");
    expect(taxesOf(after)).toEqual([[{ duty: 300, VAT: 1007 }]]);
    const ended = solve(de("2028-07-01T00:00:00Z", [{ id: "a", price: 5000 }]));
    expect(ended.taxRule?.id).toBe("EU-2028-07");
    expect(taxesOf(ended)).toEqual([[{ VAT: 950 }]]);
  });

  it("each member state's VAT rate: Hungary 27%, Finland 25.5%", () => {
    const hu = solve({
      ...input([{ id: "a", price: 1000 }], { destination: { country: "HU" } }, { currency: "EUR" }),
    });
    expect(taxesOf(hu)).toEqual([[{ duty: 300, VAT: 351 }]]);
    const fi = solve({
      ...input([{ id: "a", price: 1000 }], { destination: { country: "FI" } }, { currency: "EUR" }),
    });
    // 25.5% of 13.00 = 3.315 -> 3.32 (half up)
    expect(taxesOf(fi)).toEqual([[{ duty: 300, VAT: 332 }]]);
  });

  it("splitting never lowers the duty (it counts products per package): at equal totals one order wins", () => {
    const r = solve({
      ...input(
        [
          { id: "a", price: 4000 },
          { id: "b", price: 4000 },
        ],
        { destination: { country: "FR" }, options: { maxOrders: 2 } },
        { currency: "EUR" },
      ),
    });
    expect(r.orders).toHaveLength(1);
  });
});

describe("other destinations", () => {
  it("UK: 20% VAT on goods and shipping up to GBP 135 of goods, nothing modelled above", () => {
    const gbp = (price: number) =>
      input(
        [{ id: "a", price }],
        { destination: { country: "GB" } },
        { currency: "GBP", shipping: { s1: 500 } },
      );
    expect(taxesOf(solve(gbp(13500)))).toEqual([[{ VAT: 2800 }]]);
    expect(taxesOf(solve(gbp(13501)))).toEqual([[{}]]);
  });

  it("Chile: 19% IVA on goods and shipping up to US$500", () => {
    expect(taxesOf(solve(input([{ id: "a", price: 50000 }], { destination: { country: "CL" } })))).toEqual([
      [{ VAT: 9500 }],
    ]);
    expect(taxesOf(solve(input([{ id: "a", price: 50001 }], { destination: { country: "CL" } })))).toEqual([
      [{}],
    ]);
  });

  it("Mexico: 33.5% up to US$117, 19% above, so combining two orders pays", () => {
    expect(taxesOf(solve(input([{ id: "a", price: 11700 }], { destination: { country: "MX" } })))).toEqual([
      [{ "import tax": 3920 }],
    ]);
    const r = solve(
      input(
        [
          { id: "a", store: "s1", price: 7000 },
          { id: "b", store: "s1", price: 7000 },
        ],
        { destination: { country: "MX" }, options: { maxOrders: 2 } },
      ),
    );
    expect(r.orders).toHaveLength(1);
    expect(r.total).toBe(14000 + 2660);
  });

  it("Australia: 10% GST up to A$1,000 of goods", () => {
    const aud = (price: number) =>
      input([{ id: "a", price }], { destination: { country: "AU" } }, { currency: "AUD" });
    expect(taxesOf(solve(aud(100000)))).toEqual([[{ VAT: 10000 }]]);
    expect(taxesOf(solve(aud(100001)))).toEqual([[{}]]);
  });

  it("US: no value threshold, so no split benefit; the duty is not modelled and the result says so", () => {
    const r = solve(input([{ id: "a", price: 5000 }], { destination: { country: "US" } }));
    expect(r.taxModelled).toBe(true);
    expect(r.tax).toBe(0);
    expect(taxesOf(r)).toEqual([[{}]]);
    expect(r.taxNotes?.some((n) => n.message.includes("splitting cannot lower duty"))).toBe(true);
  });

  it("a country with no rule: tax not modelled, totals as without a destination", () => {
    const cart = [
      { id: "a", price: 5000 },
      { id: "b", price: 2500 },
    ];
    const r = optimize(input(cart, { destination: { country: "JP" } }));
    const plain = optimize(input(cart));
    expect(r.taxModelled).toBe(false);
    expect(r.taxNotes).toEqual([{ code: "no-rule", message: expect.stringContaining("JP") }]);
    expect(r.total).toBe(plain.total);
    expect(r.orders).toEqual(plain.orders);
  });
});

describe("the destination in the input", () => {
  it("is checked, each problem with its JSON path", () => {
    const bad = input([{ id: "a", price: 100 }], {
      destination: { country: "br", region: "BR-SP", rate: -1 },
      rules: { discountsReduceBase: "yes" },
    });
    let problems: string[] = [];
    try {
      optimize(bad);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      problems = (e as InvalidInputError).problems;
    }
    for (const path of [
      "destination.country",
      "destination.region",
      "destination.rate",
      "rules.discountsReduceBase",
    ])
      expect(
        problems.some((p) => p.startsWith(`${path}: `)),
        `${path} in ${problems.join("; ")}`,
      ).toBe(true);
  });

  it("evaluateStack prices a stack with its tax", () => {
    const raw = input(
      [
        { id: "a", price: 5000 },
        { id: "b", price: 5000 },
      ],
      { destination: { country: "BR" }, options: { maxOrders: 2 } },
    );
    const e = evaluateStack(raw, { orders: [{ itemIds: ["a"] }, { itemIds: ["b"] }] });
    expect(e.legal).toBe(true);
    expect(e.total).toBe(14458);
    expect(e.tax).toBe(4458);
    expect(e.baseline).toBe(16867);
  });
});

describe("the rules file", () => {
  it("the built-in rules pass their schema, and each names its source and confidence", () => {
    const file = taxRules();
    expect(file.rules.length).toBeGreaterThanOrEqual(9);
    for (const r of file.rules) {
      expect(r.source.length).toBeGreaterThan(20);
      expect(["high", "medium", "low"]).toContain(r.confidence);
    }
    const eu = file.rules.find((r) => r.id === "EU-2026-07");
    expect(eu?.countries).toHaveLength(27);
  });

  it("rules are chosen by the checkout's instant (UTC days)", () => {
    const rules = taxRules().rules;
    expect(ruleFor(rules, "DE", Date.parse("2026-06-30T23:59:59.999Z"))?.id).toBe("EU-2021-07");
    expect(ruleFor(rules, "DE", Date.parse("2026-07-01T00:00:00Z"))?.id).toBe("EU-2026-07");
    expect(ruleFor(rules, "DE", Date.parse("2026-07-01T01:00:00+02:00"))?.id).toBe("EU-2021-07");
    expect(ruleFor(rules, "BR", Date.parse("2024-07-31T12:00:00Z"))).toBeNull();
  });

  it("a bad rules file is refused with the JSON path of each problem", () => {
    const bad = structuredClone(TAX_RULES) as unknown as {
      rules: Record<string, unknown>[];
      version: unknown;
    };
    const br = bad.rules[1] as { lines: Record<string, unknown>[]; until?: string; from: string };
    (br.lines[1] as { base: string[] }).base = ["goods", "shipping", "import duty"];
    (br.lines[0] as { tiers: { rate: number }[] }).tiers[1] = { rate: 160 } as never;
    br.until = "2025-01-01";
    (bad.rules[2] as { countries: string[] }).countries = ["de"];
    (bad.rules[3] as { confidence: string }).confidence = "sure";
    let problems: string[] = [];
    try {
      parseTaxRules(bad);
    } catch (e) {
      problems = (e as InvalidInputError).problems;
    }
    for (const path of [
      "rules[1].lines[1].base[2]",
      "rules[1].lines[0].tiers[1].rate",
      "rules[1].until",
      "rules[2].countries[0]",
      "rules[3].confidence",
    ])
      expect(
        problems.some((p) => p.startsWith(`${path}: `)),
        `${path} in:\n${problems.join("\n")}`,
      ).toBe(true);
    expect(() => parseTaxRules({ version: 2, rules: [] })).toThrow(/version/);
  });
});

describe("without a destination, results are exactly what they were before tax", () => {
  // Results of the optimizer at the commit before issue 13 (632d4ea) on the shared
  // examples and random inputs whose result does not depend on the clock.
  const cases = JSON.parse(
    readFileSync(new URL("../fixtures/optimizer-before-tax.json", import.meta.url), "utf8"),
  ) as { input: unknown; output: unknown }[];

  it("byte for byte", () => {
    expect(cases.length).toBeGreaterThan(100);
    for (const c of cases) expect(JSON.stringify(optimize(c.input))).toBe(JSON.stringify(c.output));
  });
});
