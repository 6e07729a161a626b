/**
 * The oracle's import tax, written from issue 13's contract and the README's
 * "Import tax" section, not from the optimizer's code: it reads the same rules DATA
 * (optimizer/tax-rules.ts) but interprets it on its own, in exact BigInt fractions.
 *
 * Contract, as implemented here:
 * - the rule: the destination's country listed, `from <= day of now < until` (UTC);
 *   the latest `from` wins; none -> not modelled. Rule currency other than the cart's
 *   and no `destination.rate` -> not modelled.
 * - a package per store of an order; goods = after promotion and store coupon, less
 *   (when discountsReduceBase) its share of the order-level discounts (select,
 *   platform, points, coins) in proportion to its goods, rounded down to the cent;
 * - a line applies when goods (value = goods + shipping) are at most its thresholds,
 *   compared exactly after conversion (x_cart * rate <= threshold);
 * - fixed amounts (deductions, per-product duty) in cart cents, rounded half up once;
 * - each line rounded half up to the cent; later lines' bases use earlier rounded lines.
 */
import type { Input } from "../../optimizer/schema";
import { TAX_RULES } from "../../optimizer/tax-rules";

type RawRule = (typeof TAX_RULES)["rules"][number];
type RawLine = RawRule["lines"][number];

export interface OraclePackage {
  storeId: string;
  taxes: { name: string; amount: number }[];
}

export interface OracleTaxRule {
  rule: RawRule;
  /** rule-currency minor units per cart-currency minor unit, as a fraction num/den */
  num: bigint;
  den: bigint;
  reduceBase: boolean;
  country: string;
  region: string | undefined;
}

const DIGITS: Record<string, number> = { JPY: 0, KRW: 0, CLP: 0, KWD: 3, BHD: 3 };
const digits = (c: string) => DIGITS[c] ?? 2;

/** A decimal number (few decimals) as num/den. */
function exact(x: number): [bigint, bigint] {
  let den = 1n;
  let v = x;
  while (Math.abs(v - Math.round(v)) > 1e-9 && den < 10n ** 12n) {
    v *= 10;
    den *= 10n;
  }
  return [BigInt(Math.round(v)), den];
}

/** The rule for the input's destination, or why there is none (null without a destination). */
export function oracleTaxRule(input: Input): OracleTaxRule | string | null {
  const dest = input.destination;
  if (dest === undefined) return null;
  const now = Date.parse(input.now);
  const candidates = (TAX_RULES.rules as readonly RawRule[]).filter(
    (r) =>
      (r.countries as readonly string[]).includes(dest.country) &&
      Date.parse(`${r.from}T00:00:00Z`) <= now &&
      (!("until" in r) || r.until === undefined || now < Date.parse(`${r.until}T00:00:00Z`)),
  );
  candidates.sort((a, b) => (a.from < b.from ? 1 : -1));
  const rule = candidates[0];
  if (rule === undefined) return "no-rule";
  let num = 1n;
  let den = 1n;
  if (rule.currency !== input.cart.currency) {
    if (dest.rate === undefined) return "no-rate";
    [num, den] = exact(dest.rate);
  }
  // minor units: x_cart_minor / 10^dc * rate * 10^dr
  const dc = digits(input.cart.currency);
  const dr = digits(rule.currency);
  num *= 10n ** BigInt(dr);
  den *= 10n ** BigInt(dc);
  for (const line of rule.lines as readonly RawLine[]) {
    if ("rate" in line && typeof line.rate !== "number") {
      const r = line.rate as {
        default?: number;
        byCountry?: Record<string, number>;
        byRegion?: Record<string, number>;
      };
      const found =
        r.byCountry?.[dest.country] ?? (dest.region ? r.byRegion?.[dest.region] : undefined) ?? r.default;
      if (found === undefined) return "no-rule";
    }
  }
  return {
    rule,
    num,
    den,
    reduceBase: input.rules.discountsReduceBase ?? rule.discountsReduceBase,
    country: dest.country,
    region: dest.region,
  };
}

const roundHalfUp = (n: bigint, d: bigint): bigint => {
  if (n <= 0n) return 0n;
  return (2n * n + d) / (2n * d);
};

/** A rule-currency major amount in rule minor units. */
const minor = (t: OracleTaxRule, major: number): bigint => {
  const [n, d] = exact(major);
  return (n * 10n ** BigInt(digits(t.rule.currency))) / d;
};

/** x cart cents is at most `major` of the rule's currency. */
const atMost = (t: OracleTaxRule, x: bigint, major: number): boolean => x * t.num <= minor(t, major) * t.den;

/** A rule-currency major amount in cart cents, rounded half up. */
const toCart = (t: OracleTaxRule, major: number): bigint => roundHalfUp(minor(t, major) * t.den, t.num);

function rateOf(t: OracleTaxRule, line: RawLine): [bigint, bigint] {
  if (!("rate" in line)) return [0n, 1n];
  const r = line.rate as
    | number
    | { default?: number; byCountry?: Record<string, number>; byRegion?: Record<string, number> };
  const pct =
    typeof r === "number"
      ? r
      : (r.byCountry?.[t.country] ?? (t.region ? r.byRegion?.[t.region] : undefined) ?? r.default ?? 0);
  const [n, d] = exact(pct);
  return [n, d * 100n];
}

/** One package's tax lines. */
export function oraclePackageTax(
  t: OracleTaxRule,
  goods: number,
  shipping: number,
  products: number,
): { name: string; amount: number }[] {
  const g = BigInt(goods);
  const s = BigInt(shipping);
  const out: { name: string; amount: number }[] = [];
  const byName = new Map<string, bigint>();
  for (const line of t.rule.lines as readonly RawLine[]) {
    const when =
      "when" in line ? (line.when as { goodsAtMost?: number; valueAtMost?: number } | undefined) : undefined;
    if (when?.goodsAtMost !== undefined && !atMost(t, g, when.goodsAtMost)) continue;
    if (when?.valueAtMost !== undefined && !atMost(t, g + s, when.valueAtMost)) continue;
    let base = 0n;
    if ("base" in line)
      for (const term of line.base as readonly string[])
        base += term === "goods" ? g : term === "shipping" ? s : (byName.get(term) ?? 0n);
    let amount: bigint;
    if (line.kind === "perProduct") amount = toCart(t, line.amount) * BigInt(products);
    else if (line.kind === "percent") {
      const [n, d] = rateOf(t, line);
      amount = roundHalfUp(base * n, d);
    } else if (line.kind === "grossUp") {
      const [n, d] = rateOf(t, line);
      amount = roundHalfUp(base * n, d - n);
    } else {
      const tiers = line.tiers as readonly { upTo?: number; rate: number; deduct?: number }[];
      const tier = tiers.find((x) => x.upTo === undefined || atMost(t, base, x.upTo));
      if (tier === undefined) continue;
      const [n, d] = exact(tier.rate);
      const deduct = toCart(t, tier.deduct ?? 0);
      amount = roundHalfUp(base * n - deduct * d * 100n, d * 100n);
    }
    byName.set(line.name, amount);
    out.push({ name: line.name, amount: Number(amount) });
  }
  return out;
}

/** `amount` over `weights` in proportion, each share rounded down to the cent. */
export function oracleShares(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (amount <= 0 || total <= 0) return weights.map(() => 0);
  return weights.map((w) => Number((BigInt(amount) * BigInt(w)) / BigInt(total)));
}
