/**
 * Import tax per package (issue 13). A package is one store's items in one order; its
 * value is its goods (after the seller promotion and the store coupon, and, when the
 * rule says so, its share of the order-level discounts) plus its shipping. The rule's
 * lines are charged on that, each rounded half up to the cent, in the cart's currency.
 *
 * `compileTax` picks the rule for the destination and the checkout's date and turns
 * its thresholds and fixed amounts into cart cents once (thresholds exactly, amounts
 * rounded half up), so the hot path is integer arithmetic only. It also derives what
 * the searches' lower bounds need: where the tax can drop as the value grows
 * (breakpoints), and how fast it can change between them.
 */
import { currencyMinorDigits } from "./money";
import type { Destination } from "./schema";
import { TAX_RULES } from "./tax-rules";
import { parseTaxRules, type TaxLine, type TaxName, type TaxRate, type TaxRule } from "./tax-schema";

export interface TaxNote {
  code: "no-rule" | "no-rate" | "rule";
  message: string;
}

interface CompiledLine {
  name: TaxName;
  kind: TaxLine["kind"];
  /** Basis points (percent, grossUp). */
  bp: number;
  /** Tiered: base <= upTo (cart cents, Infinity for the open tier) -> bp of the base less deduct. */
  tiers: { upTo: number; bp: number; deduct: number }[];
  /** Per product, in cart cents. */
  amount: number;
  goods: boolean;
  shipping: boolean;
  /** Indices of earlier lines in the base. */
  lines: number[];
  goodsAtMost: number;
  valueAtMost: number;
}

export interface TaxModel {
  rule: TaxRule;
  reduceBase: boolean;
  lines: CompiledLine[];
  notes: TaxNote[];
  /** True when a package's tax never falls as its goods grow (no thresholds, tiers rise). */
  monotone: boolean;
  /** Bounds on d(tax)/d(goods) between breakpoints, rounding aside. */
  minSlope: number;
  maxSlope: number;
  /** Cents a package's rounded tax may differ from the exact one (for bounds). */
  slack: number;
}

export interface TaxContext {
  tax: TaxModel | null;
  /** Why the tax is not modelled, or what the rule assumes; null without a destination. */
  notes: TaxNote[] | null;
}

let rulesCache: ReturnType<typeof parseTaxRules> | null = null;
/** The built-in rules, validated once: a bad edit of the data fails loudly, with its path. */
export function taxRules() {
  rulesCache ??= parseTaxRules(TAX_RULES);
  return rulesCache;
}

/** The rule in force for `country` at instant `now` (epoch ms): the latest `from` wins. */
export function ruleFor(rules: readonly TaxRule[], country: string, now: number): TaxRule | null {
  let best: TaxRule | null = null;
  for (const r of rules) {
    if (!r.countries.includes(country)) continue;
    if (Date.parse(`${r.from}T00:00:00Z`) > now) continue;
    if (r.until !== undefined && Date.parse(`${r.until}T00:00:00Z`) <= now) continue;
    if (!best || r.from > best.from) best = r;
  }
  return best;
}

/** A decimal number as an exact fraction n / d of BigInts (the schema limits decimals). */
function fraction(x: number): [bigint, bigint] {
  const s = x.toFixed(10).replace(/0+$/, "").replace(/\.$/, "");
  const [whole, frac = ""] = s.split(".");
  return [BigInt(`${whole}${frac}`), 10n ** BigInt(frac.length)];
}

/** Half up for n >= 0, exact. */
const halfUp = (n: bigint, d: bigint): bigint => (2n * n + d) / (2n * d);

export function compileTax(
  destination: Destination | undefined,
  now: number,
  cartCurrency: string,
  reduceOverride: boolean | undefined,
  rules: readonly TaxRule[] = taxRules().rules,
): TaxContext {
  if (!destination) return { tax: null, notes: null };
  const rule = ruleFor(rules, destination.country, now);
  if (!rule)
    return {
      tax: null,
      notes: [
        {
          code: "no-rule",
          message: `No import-tax rule for ${destination.country} at this date: tax is not modelled.`,
        },
      ],
    };
  // rate: rule-currency units per cart-currency unit; minor units scale by their digits.
  let num = 1n;
  let den = 1n;
  if (rule.currency !== cartCurrency) {
    if (destination.rate === undefined)
      return {
        tax: null,
        notes: [
          {
            code: "no-rate",
            message: `The ${rule.id} rule is in ${rule.currency} and the cart in ${cartCurrency}: without destination.rate the tax is not modelled.`,
          },
        ],
      };
    [num, den] = fraction(destination.rate);
  }
  const shift =
    10n ** BigInt(Math.max(0, currencyMinorDigits(cartCurrency) - currencyMinorDigits(rule.currency)));
  const unshift =
    10n ** BigInt(Math.max(0, currencyMinorDigits(rule.currency) - currencyMinorDigits(cartCurrency)));
  const ruleMinor = (major: number): bigint =>
    BigInt(Math.round(major * 10 ** currencyMinorDigits(rule.currency)));
  // cart = rule / rate: x_cart * rate <= T  <=>  x_cart <= floor(T * den / num).
  const threshold = (major: number | undefined): number =>
    major === undefined
      ? Number.POSITIVE_INFINITY
      : Number((ruleMinor(major) * den * shift) / (num * unshift));
  const fixed = (major: number): number => Number(halfUp(ruleMinor(major) * den * shift, num * unshift));

  const rateOf = (rate: TaxRate): number | null => {
    if (typeof rate === "number") return rate;
    const byCountry = rate.byCountry?.[destination.country];
    if (byCountry !== undefined) return byCountry;
    const byRegion = destination.region === undefined ? undefined : rate.byRegion?.[destination.region];
    if (byRegion !== undefined) return byRegion;
    return rate.default ?? null;
  };

  const names: string[] = [];
  const lines: CompiledLine[] = [];
  for (const line of rule.lines) {
    const base = "base" in line ? line.base : [];
    const rate = "rate" in line ? rateOf(line.rate) : 0;
    if (rate === null)
      return {
        tax: null,
        notes: [
          {
            code: "no-rule",
            message: `The ${rule.id} rule has no ${line.name} rate for ${destination.country}${destination.region ? `-${destination.region}` : ""}: tax is not modelled.`,
          },
        ],
      };
    lines.push({
      name: line.name,
      kind: line.kind,
      bp: Math.round(rate * 100),
      tiers:
        line.kind === "tiered"
          ? line.tiers.map((t) => ({
              upTo: threshold(t.upTo),
              bp: Math.round(t.rate * 100),
              deduct: fixed(t.deduct),
            }))
          : [],
      amount: line.kind === "perProduct" ? fixed(line.amount) : 0,
      goods: base.includes("goods"),
      shipping: base.includes("shipping"),
      lines: base.flatMap((t) => {
        const k = names.indexOf(t);
        return k >= 0 ? [k] : [];
      }),
      goodsAtMost: threshold(line.when?.goodsAtMost),
      valueAtMost: threshold(line.when?.valueAtMost),
    });
    names.push(line.name);
  }

  const reduceBase = reduceOverride ?? rule.discountsReduceBase;
  const notes: TaxNote[] = [
    {
      code: "rule",
      message: `Rule ${rule.id} (${rule.confidence} confidence): ${rule.source}.`,
    },
    ...rule.notes.map((message) => ({ code: "rule" as const, message })),
    {
      code: "rule",
      message: reduceBase
        ? "Order-level discounts (select, platform, points, coins) reduce each package's taxed value in proportion to its goods."
        : "Order-level discounts do not reduce the taxed value.",
    },
  ];
  const { monotone, minSlope, maxSlope } = slopes(lines);
  return {
    tax: {
      rule,
      reduceBase,
      lines,
      notes,
      monotone,
      minSlope,
      maxSlope,
      slack: roundingSlack(lines),
    },
    notes,
  };
}

/**
 * How far a package's rounded tax can be from the exact one: each line rounds by half a
 * cent at most, and carries its rate times the error of the earlier lines in its base.
 */
function roundingSlack(lines: readonly CompiledLine[]): number {
  const err: number[] = [];
  for (const l of lines) {
    const mult = l.kind === "grossUp" ? l.bp / (10000 - l.bp) : l.kind === "percent" ? l.bp / 10000 : 0;
    let e = l.kind === "perProduct" ? 0 : 0.5;
    for (const k of l.lines) e += mult * (err[k] as number);
    err.push(e);
  }
  return Math.ceil(err.reduce((a, b) => a + b, 0) + 1e-9);
}

/** How each line's amount moves with the goods (per cent of goods), and whether it can fall. */
function slopes(lines: readonly CompiledLine[]): { monotone: boolean; minSlope: number; maxSlope: number } {
  const lo: number[] = [];
  const hi: number[] = [];
  let monotone = true;
  for (const l of lines) {
    if (l.goodsAtMost !== Number.POSITIVE_INFINITY || l.valueAtMost !== Number.POSITIVE_INFINITY)
      monotone = false;
    let baseLo = l.goods ? 1 : 0;
    let baseHi = baseLo;
    for (const k of l.lines) {
      baseLo += lo[k] as number;
      baseHi += hi[k] as number;
    }
    if (l.kind === "percent") {
      lo.push((baseLo * l.bp) / 10000);
      hi.push((baseHi * l.bp) / 10000);
    } else if (l.kind === "grossUp") {
      lo.push((baseLo * l.bp) / (10000 - l.bp));
      hi.push((baseHi * l.bp) / (10000 - l.bp));
    } else if (l.kind === "tiered") {
      const bps = l.tiers.map((t) => t.bp);
      lo.push((baseLo * Math.min(...bps)) / 10000);
      hi.push((baseHi * Math.max(...bps)) / 10000);
      // Rising tiers that meet or jump up at each boundary never lower the amount.
      for (let j = 1; j < l.tiers.length; j++) {
        const a = l.tiers[j - 1] as CompiledLine["tiers"][number];
        const b = l.tiers[j] as CompiledLine["tiers"][number];
        if (b.bp < a.bp || a.upTo * b.bp - b.deduct * 10000 < a.upTo * a.bp - a.deduct * 10000)
          monotone = false;
      }
    } else {
      lo.push(0);
      hi.push(0);
    }
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return { monotone, minSlope: sum(lo), maxSlope: sum(hi) };
}

/** `round(n / d)` half up for integers n >= 0, d > 0, exact beyond 2^53 too. */
export function divHalfUp(n: number, d: number): number {
  if (n <= 0) return 0;
  const twice = 2 * n + d;
  if (twice <= Number.MAX_SAFE_INTEGER && 2 * d <= Number.MAX_SAFE_INTEGER)
    return Math.floor(twice / (2 * d));
  return Number(halfUp(BigInt(n), BigInt(d)));
}

/** `a * b` exactly when it is safe, else through BigInt; for `divHalfUp` of products. */
function mulDivHalfUp(a: number, b: number, d: number): number {
  const p = a * b;
  if (p <= Number.MAX_SAFE_INTEGER / 2) return divHalfUp(p, d);
  return Number(halfUp(BigInt(a) * BigInt(b), BigInt(d)));
}

/**
 * The tax lines of one package, written into `out` (-1 where a line does not apply);
 * returns their sum. `goods` and `shipping` in cart cents; `products` distinct products.
 */
export function packageTax(
  tax: TaxModel,
  goods: number,
  shipping: number,
  products: number,
  out: number[] | null,
): number {
  let total = 0;
  const amounts = out ?? scratch;
  for (let j = 0; j < tax.lines.length; j++) {
    const l = tax.lines[j] as CompiledLine;
    if (goods > l.goodsAtMost || goods + shipping > l.valueAtMost) {
      amounts[j] = -1;
      continue;
    }
    let base = (l.goods ? goods : 0) + (l.shipping ? shipping : 0);
    for (const k of l.lines) base += Math.max(0, amounts[k] as number);
    let a = 0;
    if (l.kind === "percent") a = mulDivHalfUp(base, l.bp, 10000);
    else if (l.kind === "grossUp") a = mulDivHalfUp(base, l.bp, 10000 - l.bp);
    else if (l.kind === "perProduct") a = l.amount * products;
    else {
      const tier = l.tiers.find((t) => base <= t.upTo) ?? null;
      if (tier) {
        const gross = base * tier.bp;
        a =
          gross <= Number.MAX_SAFE_INTEGER / 2
            ? divHalfUp(gross - tier.deduct * 10000, 10000)
            : Number(
                ((s) => (s > 0n ? halfUp(s, 10000n) : 0n))(
                  BigInt(base) * BigInt(tier.bp) - BigInt(tier.deduct) * 10000n,
                ),
              );
      } else {
        amounts[j] = -1;
        continue;
      }
    }
    amounts[j] = a;
    total += a;
  }
  return total;
}
const scratch: number[] = [];

/**
 * A package's share of the order-level discounts: `amount` in proportion to its goods
 * `weight` out of the order's `total`, rounded down to the cent (a few cents of the
 * discount may stay unshared). Rounding down keeps each package's share its own
 * business, so the search can price packages one at a time.
 */
export function shareOf(amount: number, weight: number, total: number): number {
  if (amount <= 0 || weight <= 0 || total <= 0) return 0;
  const p = amount * weight;
  if (p <= Number.MAX_SAFE_INTEGER) return Math.floor(p / total);
  return Number((BigInt(amount) * BigInt(weight)) / BigInt(total));
}

/**
 * The least tax a package can pay while its goods stay within [lo, hi]: between
 * breakpoints the tax never falls as goods grow, so the minimum is at `lo` or just
 * above a breakpoint.
 */
export function packageTaxMin(
  tax: TaxModel,
  lo: number,
  hi: number,
  shipping: number,
  products: number,
): number {
  const from = Math.max(0, lo);
  let best = packageTax(tax, from, shipping, products, null);
  if (tax.monotone || hi <= from) return best;
  const consider = (g: number) => {
    if (g > from && g <= hi) {
      const t = packageTax(tax, g, shipping, products, null);
      if (t < best) best = t;
    }
  };
  for (const l of tax.lines) {
    consider(l.goodsAtMost + 1);
    consider(l.valueAtMost - shipping + 1);
    if (l.goods) for (const t of l.tiers) consider(t.upTo - (l.shipping ? shipping : 0) + 1);
  }
  return best;
}
