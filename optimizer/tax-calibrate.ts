/**
 * The exchange rate a checkout's own tax lines imply (issue 13). AliExpress publishes
 * neither its currency conversion nor its rounding (import-tax-evidence.md §6, §8), and
 * the evidence recommends treating the page's tax lines as ground truth and calibrating
 * the rules against them. This finds every rate (rule currency per cart currency) at
 * which the rule, as data, reproduces the page's lines to the cent, by evaluating the
 * rule itself at candidate rates: a log-spaced scan brackets the rates where a line's
 * prediction crosses the page's, bisection narrows each bracket to the cent-rounding
 * edges. No country has a code path here: what identifies a rate is whatever in the
 * rule is fixed in its own currency (a deduction, a per-product duty, a threshold).
 *
 * A rule whose lines are all proportional to the value (Brazil's 20% bracket, VAT)
 * gives the same tax in the cart's currency at every rate: then the rate is "not
 * identifiable" and the reason says so; a threshold alone only bounds it on one side.
 */
import { orderBase } from "./evaluate";
import { compile } from "./model";
import type { Input, OrderResult } from "./schema";
import { compileTax, packageTax, shareOf } from "./tax";
import type { TaxName, TaxRule } from "./tax-schema";

/** One package as the rule taxes it, in cart cents: goods after the discounts the rule takes off. */
export interface CalibrationPackage {
  goods: number;
  shipping: number;
  /** Distinct products (the EU duty counts these). */
  products: number;
}

/** What a page charged for some packages: its tax lines, named where the title names one. */
export interface TaxObservation {
  /** Names it in reports ("order 1", a store's name). */
  id: string;
  packages: CalibrationPackage[];
  lines: { name: TaxName | null; cents: number }[];
}

export interface CalibrationInput {
  rule: TaxRule;
  country: string;
  region?: string;
  cartCurrency: string;
  observations: TaxObservation[];
  /** Rates searched; the default spans every currency pair in use (1e-6 to 1e6). */
  range?: [number, number];
}

export interface RateInterval {
  low: number;
  high: number;
}

export type Calibration =
  | {
      kind: "rate";
      /** The shortest decimal inside [low, high], nearest its middle. */
      rate: number;
      /** Every rate in it reproduces the lines of `from` to the cent. */
      low: number;
      high: number;
      /** Observations that fix the rate. */
      from: string[];
      /** Observations the rate also reproduces (including those that only bound it). */
      agree: string[];
      /** Observations no rate in the interval reproduces. */
      disagree: string[];
    }
  | {
      kind: "unidentified";
      /**
       * "same-currency": the rule is in the cart's currency; "proportional": every rate
       * reproduces the lines; "at-most" / "at-least": only a bound (`bound`), from a
       * threshold; "no-fit": no rate reproduces them; "several": separate rates do.
       */
      reason: "same-currency" | "proportional" | "at-most" | "at-least" | "no-fit" | "several";
      bound?: number;
      disagree: string[];
    };

const DEFAULT_RANGE: [number, number] = [1e-6, 1e6];
/** Scan points per decade: brackets a crossing wherever a line's prediction changes side. */
const PER_DECADE = 40;
/** Halvings of a bracket (in log space): far below one cent of any realistic amount. */
const BISECTIONS = 60;

interface Probe {
  match: boolean;
  /** Predicted minus page: the total, then each line the page names. */
  residuals: number[];
}

/** The predicted lines at `rate`, held to one observation. */
function probe(input: CalibrationInput, rate: number, obs: TaxObservation): Probe {
  const now = Date.parse(`${input.rule.from}T00:00:00Z`);
  const { tax } = compileTax(
    { country: input.country, ...(input.region ? { region: input.region } : {}), rate },
    now,
    input.cartCurrency,
    undefined,
    [input.rule],
  );
  const byName = new Map<TaxName, number>();
  let total = 0;
  if (tax) {
    const out: number[] = [];
    for (const p of obs.packages) {
      total += packageTax(tax, p.goods, p.shipping, p.products, out);
      tax.lines.forEach((l, j) => {
        const a = out[j] as number;
        if (a > 0) byName.set(l.name, (byName.get(l.name) ?? 0) + a);
      });
    }
  }
  const page = new Map<TaxName, number>();
  let pageTotal = 0;
  for (const l of obs.lines) {
    pageTotal += l.cents;
    if (l.name !== null) page.set(l.name, (page.get(l.name) ?? 0) + l.cents);
  }
  const residuals = [total - pageTotal, ...[...page].map(([name, cents]) => (byName.get(name) ?? 0) - cents)];
  return { match: tax !== null && residuals.every((r) => r === 0), residuals };
}

const geoMid = (a: number, b: number) => Math.sqrt(a * b);

/** The rates at which the rule reproduces one observation, as disjoint intervals. */
export function fitObservation(input: CalibrationInput, obs: TaxObservation): RateInterval[] {
  const [from, to] = input.range ?? DEFAULT_RANGE;
  const decades = Math.log10(to / from);
  const n = Math.max(2, Math.ceil(decades * PER_DECADE) + 1);
  const grid = Array.from({ length: n }, (_, i) =>
    i === n - 1 ? to : from * 10 ** ((decades * i) / (n - 1)),
  );
  const probes = grid.map((r) => probe(input, r, obs));
  const matches = (r: number) => probe(input, r, obs).match;

  // Seeds: grid points that match, and points found inside brackets where a residual changes sign.
  const seeds: { rate: number; left: number }[] = [];
  probes.forEach((p, i) => {
    if (p.match) seeds.push({ rate: grid[i] as number, left: i });
  });
  for (let i = 0; i + 1 < n; i++) {
    const a = probes[i] as Probe;
    const b = probes[i + 1] as Probe;
    if (a.match || b.match) continue;
    a.residuals.forEach((ra, k) => {
      const rb = b.residuals[k] as number;
      if (Math.sign(ra) === Math.sign(rb) || ra === 0 || rb === 0) return;
      let lo = grid[i] as number;
      let hi = grid[i + 1] as number;
      for (let step = 0; step < BISECTIONS; step++) {
        const mid = geoMid(lo, hi);
        const p = probe(input, mid, obs);
        if (p.match) {
          seeds.push({ rate: mid, left: i });
          return;
        }
        const rm = p.residuals[k] as number;
        if (Math.sign(rm) === Math.sign(ra)) lo = mid;
        else if (rm !== 0) hi = mid;
        // This line agrees but another does not: stepping toward the far side keeps a bracket.
        else lo = mid;
      }
    });
  }

  // Each seed widened to where the match stops: over matching grid points, then bisection.
  const edge = (inside: number, outside: number): number => {
    let a = inside;
    let b = outside;
    for (let step = 0; step < BISECTIONS; step++) {
      const mid = geoMid(a, b);
      if (matches(mid)) a = mid;
      else b = mid;
    }
    return a;
  };
  const intervals: RateInterval[] = [];
  for (const seed of seeds) {
    if (intervals.some((iv) => seed.rate >= iv.low && seed.rate <= iv.high)) continue;
    // The last grid point at or below the seed; the match runs left and right from there.
    let at = seed.left;
    while (at + 1 < n && (grid[at + 1] as number) <= seed.rate) at++;
    let l = at;
    let lowIn = seed.rate;
    while (l >= 0 && (probes[l] as Probe).match) lowIn = grid[l--] as number;
    let r = at + 1;
    let highIn = seed.rate;
    while (r < n && (probes[r] as Probe).match) highIn = grid[r++] as number;
    intervals.push({
      low: l < 0 ? from : edge(lowIn, grid[l] as number),
      high: r >= n ? to : edge(highIn, grid[r] as number),
    });
  }
  intervals.sort((a, b) => a.low - b.low);
  return intervals;
}

const intersect = (a: RateInterval[], b: RateInterval[]): RateInterval[] =>
  a.flatMap((x) =>
    b.flatMap((y) => {
      const low = Math.max(x.low, y.low);
      const high = Math.min(x.high, y.high);
      return low <= high ? [{ low, high }] : [];
    }),
  );

/**
 * The decimal with the fewest significant digits (at most 8 decimals, as the settings
 * keep a rate) inside [low, high], nearest the interval's geometric middle.
 */
export function shortestRate(low: number, high: number): number {
  const mid = geoMid(low, high);
  for (let digits = 1; digits <= 12; digits++) {
    const r = Number(mid.toPrecision(digits));
    const kept = Number(r.toFixed(8));
    if (kept > 0 && kept >= low && kept <= high) return kept;
  }
  return Math.max(Number(mid.toFixed(8)), 1e-8);
}

/**
 * Calibrates the rule's exchange rate on the observations: the rate that reproduces
 * them all, or, when they disagree, the one the narrowest identifying observation fixes
 * with the others named as agreeing or not.
 */
export function calibrateRate(input: CalibrationInput): Calibration {
  if (input.rule.currency === input.cartCurrency)
    return { kind: "unidentified", reason: "same-currency", disagree: [] };
  const [from, to] = input.range ?? DEFAULT_RANGE;
  const fits = input.observations.map((o) => ({ id: o.id, set: fitObservation(input, o) }));
  const bounded = (set: RateInterval[]) =>
    set.length === 1 && (set[0] as RateInterval).low > from && (set[0] as RateInterval).high < to;

  const all = fits.reduce<RateInterval[]>((acc, f) => intersect(acc, f.set), [{ low: from, high: to }]);
  if (all.length === 1 && bounded(all)) {
    const { low, high } = all[0] as RateInterval;
    const ids = fits.map((f) => f.id);
    return {
      kind: "rate",
      rate: shortestRate(low, high),
      low,
      high,
      from: fits.filter((f) => bounded(f.set)).map((f) => f.id),
      agree: ids,
      disagree: [],
    };
  }
  if (all.length === 0) {
    // The observations disagree: the narrowest one that fixes a rate on its own decides.
    const anchors = fits
      .filter((f) => bounded(f.set))
      .sort((a, b) => {
        const wa = (a.set[0] as RateInterval).high / (a.set[0] as RateInterval).low;
        const wb = (b.set[0] as RateInterval).high / (b.set[0] as RateInterval).low;
        return wa - wb;
      });
    const anchor = anchors[0];
    if (!anchor)
      return {
        kind: "unidentified",
        reason: "no-fit",
        disagree: fits.filter((f) => f.set.length === 0).map((f) => f.id),
      };
    let set = anchor.set;
    const agree: string[] = [];
    const disagree: string[] = [];
    for (const f of fits) {
      const next = intersect(set, f.set);
      if (next.length > 0) {
        set = next;
        agree.push(f.id);
      } else disagree.push(f.id);
    }
    const { low, high } = set[0] as RateInterval;
    return {
      kind: "rate",
      rate: shortestRate(low, high),
      low,
      high,
      from: fits.filter((f) => agree.includes(f.id) && bounded(f.set)).map((f) => f.id),
      agree,
      disagree,
    };
  }
  if (all.length > 1) return { kind: "unidentified", reason: "several", disagree: [] };
  const only = all[0] as RateInterval;
  if (only.low <= from && only.high >= to)
    return { kind: "unidentified", reason: "proportional", disagree: [] };
  return only.low <= from
    ? { kind: "unidentified", reason: "at-most", bound: only.high, disagree: [] }
    : { kind: "unidentified", reason: "at-least", bound: only.low, disagree: [] };
}

/**
 * The packages of one of the optimizer's orders as the rule taxes them: each store's
 * goods after its promotion and store coupon, less its share of the order-level
 * discounts when `reduceBase` (the same sharing as the optimizer's), with its shipping.
 */
export function orderPackages(
  input: Input,
  order: OrderResult,
  reduceBase: boolean,
): (CalibrationPackage & { storeId: string })[] {
  const model = compile(input);
  const ids = new Set(order.itemIds);
  const base = orderBase(
    model,
    model.items.filter((i) => ids.has(i.id)).map((i) => i.index),
  );
  const storeId = (k: number) => model.stores[k]?.id ?? "";
  const afterStore = base.lines.map(
    (l) =>
      l.afterPromotion -
      order.storeCoupons.filter((c) => c.storeId === storeId(l.store)).reduce((t, c) => t + c.amount, 0),
  );
  const orderLevel =
    (order.selectCoupon?.amount ?? 0) +
    (order.platformCoupon?.amount ?? 0) +
    order.points.reduce((t, p) => t + p.amount, 0) +
    order.coins.amount;
  const goodsTotal = afterStore.reduce((a, b) => a + b, 0);
  return base.lines.map((l, k) => {
    const s2 = afterStore[k] as number;
    return {
      storeId: storeId(l.store),
      goods: s2 - (reduceBase ? shareOf(orderLevel, s2, goodsTotal) : 0),
      shipping: l.shipping,
      products: l.products,
    };
  });
}
