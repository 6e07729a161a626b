/**
 * The shape of the import-tax rules file (`tax-rules.ts`), as Zod schemas. Rules are
 * data: a destination's tax is a list of lines (percent, tiered, gross-up, per product)
 * over a package's goods, shipping and earlier lines, so a new country or a changed
 * rate is an edit of the data, never a new code path. `parseTaxRules` refuses a bad
 * file with one line per problem, each naming its JSON path.
 */

import { formatIssues, InvalidInputError } from "./errors";
import { z } from "./zod";

/** The names a tax line may carry (issue 13): the panel translates these. */
export const TAX_NAMES = ["import tax", "ICMS", "VAT", "duty", "fee"] as const;
export type TaxName = (typeof TAX_NAMES)[number];

const PERCENT_MESSAGE = "expected a percentage with at most two decimals, from 0 to 100";
const ratePercent = () =>
  z.number({ error: PERCENT_MESSAGE }).check(
    z.gte(0, { error: PERCENT_MESSAGE }),
    z.lte(100, { error: PERCENT_MESSAGE }),
    z.refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-7, { error: PERCENT_MESSAGE }),
  );

const AMOUNT_MESSAGE = "expected an amount in the rule's currency with at most two decimals, at least 0";
/** Amounts in the rule's currency, in major units as the sources write them (50.00 = US$50). */
const amount = () =>
  z.number({ error: AMOUNT_MESSAGE }).check(
    z.gte(0, { error: AMOUNT_MESSAGE }),
    z.lte(1e9, { error: AMOUNT_MESSAGE }),
    z.refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, { error: AMOUNT_MESSAGE }),
  );

const day = () =>
  z.iso.date({ error: "expected a date such as 2026-07-01 (the rule applies from 00:00 UTC that day)" });

const code2 = (what: string) => z.string().check(z.regex(/^[A-Z]{2}$/, { error: `expected ${what}` }));
const regionCode = () =>
  z
    .string()
    .check(
      z.regex(/^[A-Z0-9]{1,3}$/, { error: "expected an ISO 3166-2 subdivision code without the country" }),
    );

/** A rate, fixed or looked up by the destination's country (EU) or subdivision (Brazil's states). */
export const RateSchema = z.union([
  ratePercent(),
  z.object({
    default: z.optional(ratePercent()),
    byCountry: z.optional(z.record(code2("an ISO 3166-1 alpha-2 country code"), ratePercent())),
    byRegion: z.optional(z.record(regionCode(), ratePercent())),
  }),
]);

/** Which parts of the package a line is charged on: goods, shipping, or earlier lines by name. */
const BaseSchema = z
  .array(z.string().check(z.minLength(1)), { error: 'expected a list such as ["goods", "shipping"]' })
  .check(z.minLength(1, { error: "expected at least one base term" }));

/** Thresholds in the rule's currency; a line applies only when the package is at most these. */
const WhenSchema = z.object({
  goodsAtMost: z.optional(amount()),
  valueAtMost: z.optional(amount()),
});

const common = {
  name: z.enum(TAX_NAMES, { error: `expected one of ${TAX_NAMES.map((n) => `"${n}"`).join(", ")}` }),
  when: z.optional(WhenSchema),
};

export const TaxLineSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("percent"), ...common, rate: RateSchema, base: BaseSchema }),
    z.object({
      kind: z.literal("tiered"),
      ...common,
      /** The first tier whose `upTo` the base does not exceed: `rate` of the whole base less `deduct`. */
      tiers: z
        .array(z.object({ upTo: z.optional(amount()), rate: ratePercent(), deduct: z._default(amount(), 0) }))
        .check(z.minLength(1, { error: "expected at least one tier" })),
      base: BaseSchema,
    }),
    z.object({
      kind: z.literal("grossUp"),
      ...common,
      /** Charged "por dentro": base * t / (1 - t). */
      rate: RateSchema,
      base: BaseSchema,
    }),
    z.object({ kind: z.literal("perProduct"), ...common, amount: amount() }),
  ],
  { error: 'expected a line with kind "percent", "tiered", "grossUp" or "perProduct"' },
);

export const CONFIDENCE = ["high", "medium", "low"] as const;

export const TaxRuleSchema = z
  .object({
    id: z.string().check(z.minLength(1, { error: "expected a non-empty id" })),
    countries: z
      .array(code2("an ISO 3166-1 alpha-2 country code"))
      .check(z.minLength(1, { error: "expected a country" })),
    from: day(),
    until: z.optional(day()),
    currency: z
      .string()
      .check(z.regex(/^[A-Z]{3}$/, { error: "expected an ISO 4217 currency code such as USD" })),
    /** Whether order-level discounts (select, platform, points, coins) reduce the package's value. */
    discountsReduceBase: z.boolean(),
    source: z.string().check(z.minLength(1, { error: "expected the source the rule comes from" })),
    confidence: z.enum(CONFIDENCE, { error: 'expected "high", "medium" or "low"' }),
    /** What the product must say next to the figures (assumptions, what no source says). */
    notes: z._default(z.array(z.string().check(z.minLength(1))), []),
    lines: z.array(TaxLineSchema),
  })
  .check(
    z.superRefine((rule, ctx) => {
      if (rule.until !== undefined && rule.until <= rule.from)
        ctx.addIssue({ code: "custom", path: ["until"], message: "must be after from" });
      const earlier = new Set<string>();
      rule.lines.forEach((line, i) => {
        if ("base" in line)
          line.base.forEach((term, j) => {
            if (term !== "goods" && term !== "shipping" && !earlier.has(term))
              ctx.addIssue({
                code: "custom",
                path: ["lines", i, "base", j],
                message: `"${term}" is not goods, shipping or the name of an earlier line`,
              });
            if (line.kind === "tiered" && term !== "goods" && term !== "shipping")
              ctx.addIssue({
                code: "custom",
                path: ["lines", i, "base", j],
                message: "a tiered line's base can only be goods and shipping",
              });
          });
        if (earlier.has(line.name))
          ctx.addIssue({
            code: "custom",
            path: ["lines", i, "name"],
            message: `duplicate line "${line.name}"`,
          });
        earlier.add(line.name);
        if (line.kind === "tiered")
          line.tiers.forEach((t, j) => {
            const prev = line.tiers[j - 1];
            if (j < line.tiers.length - 1 && t.upTo === undefined)
              ctx.addIssue({
                code: "custom",
                path: ["lines", i, "tiers", j, "upTo"],
                message: "only the last tier may be open-ended",
              });
            if (prev?.upTo !== undefined && t.upTo !== undefined && t.upTo <= prev.upTo)
              ctx.addIssue({
                code: "custom",
                path: ["lines", i, "tiers", j, "upTo"],
                message: "tiers must rise",
              });
          });
        if (line.kind === "grossUp") {
          const rates = typeof line.rate === "number" ? [line.rate] : allRates(line.rate);
          if (rates.some((r) => r >= 100))
            ctx.addIssue({
              code: "custom",
              path: ["lines", i, "rate"],
              message: "a gross-up rate must be below 100",
            });
        }
      });
    }),
  );

export const TaxRulesFileSchema = z
  .object({
    version: z.literal(1, { error: "expected version 1" }),
    rules: z.array(TaxRuleSchema),
  })
  .check(
    z.superRefine((file, ctx) => {
      const seen = new Set<string>();
      file.rules.forEach((r, i) => {
        if (seen.has(r.id))
          ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `duplicate id "${r.id}"` });
        seen.add(r.id);
      });
    }),
  );

export type TaxRate = z.output<typeof RateSchema>;
export type TaxLine = z.output<typeof TaxLineSchema>;
export type TaxRule = z.output<typeof TaxRuleSchema>;
export type TaxRulesFile = z.output<typeof TaxRulesFileSchema>;

function allRates(rate: Exclude<TaxRate, number>): number[] {
  return [
    ...(rate.default === undefined ? [] : [rate.default]),
    ...Object.values(rate.byCountry ?? {}),
    ...Object.values(rate.byRegion ?? {}),
  ];
}

/** Validates a rules file; throws InvalidInputError with one `path: problem` line per issue. */
export function parseTaxRules(raw: unknown): TaxRulesFile {
  const parsed = TaxRulesFileSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error));
  return parsed.data;
}
