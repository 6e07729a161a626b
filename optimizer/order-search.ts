/**
 * The exact search for one order: which store coupons, select coupon and platform
 * coupon (or promo code) give the lowest total, points and coins included.
 *
 * Why not "largest coupon per slot": the platform coupon's minimum spend is measured
 * after store and select coupons, so a smaller store discount can unlock a bigger
 * platform one; and points (minimum redemption, cents per point) and coins (cents per
 * coin above 1) make the total non-monotone in the discount. So the search runs on
 * real totals:
 *
 * 1. Store coupons only matter through their sum D (for the platform threshold and
 *    what is left), except at stores with a points program whose cap they cut into.
 *    Reachable sums D come from a stage-by-stage subset-sum (`sums.ts`).
 * 2. For each select option and platform option, the largest D that keeps the
 *    platform coupon eligible is the best start; the total is then evaluated exactly
 *    for D going down, until a monotone lower bound proves nothing below can win.
 * 3. A points store whose coupon leaves at least the points it could redeem behaves
 *    the same whatever that coupon is ("high" options, merged into the sums); an
 *    option that cuts below that ("low") is enumerated on its own.
 * 4. With a destination the total includes each package's tax, which depends on how D
 *    is spread over the stores, not on D alone: every spread reaching D is priced, and
 *    the bound of step 2 adds a least tax that holds for D and every smaller D.
 */
import { compareKeys, keyOf, type SearchContext } from "./context";
import { type Balances, type OrderBase, type OrderChoice, settleRest } from "./evaluate";
import type { ModelCoupon } from "./model";
import { floorPercent, ruleAmount } from "./money";
import { reachableSums, type SumStages } from "./sums";
import { packageTax, packageTaxMin, shareOf } from "./tax";

export interface OrderSolution {
  choice: OrderChoice;
  total: number;
  /** Points and coins spent, in cents. */
  stored: number;
  /** Ranks of the coupons used, highest first (see compareKeys). */
  key: number[];
}

interface StoreOption {
  d: number;
  coupon: number;
  rank: number;
}

interface SlotOption {
  coupon: ModelCoupon | null;
  /** Select: the amount before the R2 cap. Platform: unused. */
  amount: number;
}

interface PointsLine {
  line: number;
  centsPerPoint: number;
  left: number;
  maxPerOrder: number;
  minRedeem: number;
  /** Points this order could redeem at most, in cents: options leaving at least this are "high". */
  reach: number;
  high: StoreOption[];
  low: StoreOption[];
}

const NONE: StoreOption = { d: 0, coupon: -1, rank: -1 };

const byPreference = (a: StoreOption, b: StoreOption) => a.rank - b.rank;

/** Store options of one line: "no coupon" first, then one coupon per distinct discount. */
function storeOptions(
  ctx: SearchContext,
  base: OrderBase,
  line: number,
  available: Uint8Array | null,
): StoreOption[] {
  const l = base.lines[line];
  if (!l) return [NONE];
  const byAmount = new Map<number, StoreOption>();
  for (const c of ctx.storeCoupons[l.store] ?? []) {
    if (available && available[c.index] === 0) continue;
    if (l.afterPromotion < c.minSpend) continue;
    const d = ruleAmount(c, l.afterPromotion);
    if (d <= 0) continue;
    const seen = byAmount.get(d);
    if (!seen || c.rank < seen.rank) byAmount.set(d, { d, coupon: c.index, rank: c.rank });
  }
  return [NONE, ...[...byAmount.values()].sort(byPreference)];
}

export function solveOrder(
  ctx: SearchContext,
  base: OrderBase,
  available: Uint8Array | null,
  balances: Balances,
): OrderSolution {
  const model = ctx.model;
  const s1 = base.afterPromotions;
  const ship = base.shipping;
  const nLines = base.lines.length;

  // --- store options, split into plain lines and points lines
  const plainGroups: StoreOption[][] = [];
  const plainLines: number[] = [];
  const pointsLines: PointsLine[] = [];
  for (let k = 0; k < nLines; k++) {
    const opts = storeOptions(ctx, base, k, available);
    const line = base.lines[k] as OrderBase["lines"][number];
    const program = ctx.stored ? model.stores[line.store]?.points : null;
    const left = balances.points[line.store] ?? 0;
    const most = program ? Math.min(left, program.maxPerOrder) : 0;
    if (!program || most < Math.max(program.minRedeem, 1)) {
      plainGroups.push(opts);
      plainLines.push(k);
      continue;
    }
    const reach = most * program.centsPerPoint;
    pointsLines.push({
      line: k,
      centsPerPoint: program.centsPerPoint,
      left,
      maxPerOrder: program.maxPerOrder,
      minRedeem: program.minRedeem,
      reach,
      high: opts.filter((o) => line.afterPromotion - o.d >= reach),
      low: opts.filter((o) => line.afterPromotion - o.d < reach),
    });
  }

  // --- select and platform options
  const selects: SlotOption[] = [{ coupon: null, amount: 0 }];
  {
    const byAmount = new Map<number, ModelCoupon>();
    const b = base.selectBase;
    if (b > 0)
      for (const c of ctx.selectCoupons) {
        if (available && available[c.index] === 0) continue;
        if (b < c.minSpend) continue;
        const a = ruleAmount(c, b);
        if (a <= 0) continue;
        const seen = byAmount.get(a);
        if (!seen || c.rank < seen.rank) byAmount.set(a, c);
      }
    for (const [amount, coupon] of byAmount) selects.push({ coupon, amount });
    selects.sort((x, y) => y.amount - x.amount);
  }
  const platforms: SlotOption[] = [];
  {
    const byRule = new Map<string, ModelCoupon>();
    for (const c of ctx.platformCoupons) {
      if (available && available[c.index] === 0) continue;
      if (!model.discountedBasis && base.subtotal < c.minSpend) continue;
      const k = `${c.minSpend}|${c.off}|${c.bp}|${c.maxOff}`;
      const seen = byRule.get(k);
      if (!seen || c.rank < seen.rank) byRule.set(k, c);
    }
    for (const c of byRule.values()) platforms.push({ coupon: c, amount: ruleAmount(c, s1) });
    platforms.sort((x, y) => y.amount - x.amount || (x.coupon?.rank ?? 0) - (y.coupon?.rank ?? 0));
    platforms.push({ coupon: null, amount: 0 });
  }

  // Coupon-only searches (bounds of the split search) settle with nothing to spend.
  const settleBalances = ctx.stored ? balances : { coins: 0, points: [] };

  // --- coins: what the lower bound may assume at most
  const coins = ctx.stored && model.coins && balances.coins > 0 ? model.coins : null;
  const coinLeft = coins ? balances.coins : 0;
  const coinCap = coins ? coinLeft * coins.centsPerCoin : 0;
  const coinBp = coins ? coins.maxBp : 0;

  // --- enumerate the modes of points lines: "high" (any high option) or one low option
  const modes: (StoreOption | null)[][] = pointsLines.map((p) => [
    ...(p.high.length > 0 ? [null] : []),
    ...p.low,
  ]);
  const nPoints = pointsLines.length;
  const afterStore = new Array<number>(nLines).fill(0);
  const pick = new Array<number>(nPoints).fill(0);

  let best: { total: number; stored: number; key: number[]; choice: OrderChoice } | null = null;

  const tax = ctx.taxed ? model.tax : null;
  const maxD = new Array<number>(nLines).fill(0);
  const picked: StoreOption[] = [];

  /**
   * The best spread of D over the groups. Points and coins are the same for every
   * spread (that is what the modes are for), so what is left to pay (`left`) and the
   * order-level discounts are fixed; each package's tax then depends on its own option
   * only (shares are floors of a fixed proportion), and a walk over the groups with the
   * least remaining tax as its bound finds the cheapest spread, ties to the preferred
   * coupons. Returns the new best.
   */
  const spreads = (
    sums: SumStages,
    groups: StoreOption[][],
    groupLines: number[],
    d: number,
    r2: number,
    left: number,
    r4: number,
    sel: SlotOption,
    plat: SlotOption,
    incumbent: typeof best,
  ): typeof best => {
    const t = tax as NonNullable<typeof tax>;
    const orderLevel = t.reduceBase ? r2 - left : 0;
    const stored = r4 - left;
    const fixed = ship + left;
    let top = incumbent;
    const beaten = (total: number) =>
      top !== null && (total > top.total || (total === top.total && stored > top.stored));
    if (beaten(fixed)) return top;
    const taxes: number[][] = [];
    const least: number[] = [];
    for (let i = 0; i < groups.length; i++) {
      const line = base.lines[groupLines[i] as number] as OrderBase["lines"][number];
      const row = (groups[i] as StoreOption[]).map((o) => {
        const s2 = line.afterPromotion - o.d;
        return packageTax(t, s2 - shareOf(orderLevel, s2, r2), line.shipping, line.products, null);
      });
      taxes.push(row);
      least.push(Math.min(...row) + (i > 0 ? (least[i - 1] as number) : 0));
    }
    const walk = (g: number, rest: number, acc: number): void => {
      if (g < 0) {
        const total = fixed + acc;
        if (beaten(total)) return;
        const store = new Array<number>(nLines).fill(-1);
        for (let i = 0; i < groups.length; i++)
          store[groupLines[i] as number] = (picked[i] as StoreOption).coupon;
        const choice = {
          store,
          select: sel.coupon ? sel.coupon.index : -1,
          platform: plat.coupon ? plat.coupon.index : -1,
        };
        const key = keyOf(model, [...choice.store, choice.select, choice.platform]);
        if (top && total === top.total && stored === top.stored && compareKeys(key, top.key) >= 0) return;
        top = { total, stored, key, choice };
        return;
      }
      if (beaten(fixed + acc + (least[g] as number))) return;
      const options = groups[g] as StoreOption[];
      const row = taxes[g] as number[];
      for (let j = 0; j < options.length; j++) {
        const o = options[j] as StoreOption;
        if (!sums.has(g - 1, rest - o.d)) continue;
        picked[g] = o;
        walk(g - 1, rest - o.d, acc + (row[j] as number));
      }
    };
    walk(groups.length - 1, d, 0);
    return top;
  };

  for (;;) {
    // Groups of this combination: plain lines, then points lines in their mode.
    const groups: StoreOption[][] = plainGroups.slice();
    const groupLines: number[] = plainLines.slice();
    let fixedPoints = 0;
    for (let j = 0; j < nPoints; j++) {
      const p = pointsLines[j] as PointsLine;
      const mode = (modes[j] as (StoreOption | null)[])[pick[j] as number] ?? null;
      const line = base.lines[p.line] as OrderBase["lines"][number];
      groups.push(mode === null ? p.high : [mode]);
      groupLines.push(p.line);
      if (mode === null) {
        // Any high option redeems as if the store's part were exactly `reach`.
        afterStore[p.line] = p.reach;
        fixedPoints += p.reach;
      } else {
        const s2 = line.afterPromotion - mode.d;
        afterStore[p.line] = s2;
        const q = Math.min(p.left, p.maxPerOrder, Math.floor(s2 / p.centsPerPoint));
        if (q >= p.minRedeem && q > 0) fixedPoints += q * p.centsPerPoint;
      }
    }
    const sums = reachableSums(groups.map((g) => g.map((o) => o.d)));
    const pointsCap = fixedPoints;
    // The tax at the largest store discounts, before order-level discounts, less twice the
    // rounding slack (rounded -> exact -> rounded): the base of the bound in the D loop.
    let taxAtMax = 0;
    if (tax) {
      groups.forEach((g, i) => {
        let m = 0;
        for (const o of g) if (o.d > m) m = o.d;
        maxD[groupLines[i] as number] = m;
      });
      if (tax.monotone)
        for (let k = 0; k < nLines; k++) {
          const line = base.lines[k] as OrderBase["lines"][number];
          taxAtMax +=
            packageTax(tax, line.afterPromotion - (maxD[k] as number), line.shipping, line.products, null) -
            2 * tax.slack;
        }
    }

    for (const sel of selects) {
      for (const plat of platforms) {
        const pc = plat.coupon;
        // The least tax of any spread for this pick, at this D and every smaller one: at most
        // `orderLevel` of order-level discounts can lower the packages' goods.
        let orderLevel = 0;
        let taxConst = 0;
        if (tax) {
          if (tax.reduceBase)
            orderLevel = Math.min(
              s1,
              sel.amount +
                (pc ? ruleAmount(pc, s1) : 0) +
                pointsCap +
                Math.min(coinCap, floorPercent(s1, coinBp)),
            );
          if (tax.monotone) taxConst = taxAtMax - Math.ceil(tax.maxSlope * orderLevel);
          else
            for (let k = 0; k < nLines; k++) {
              const line = base.lines[k] as OrderBase["lines"][number];
              const low = line.afterPromotion - (maxD[k] as number) - orderLevel;
              taxConst += packageTaxMin(tax, low, line.afterPromotion, line.shipping, line.products);
            }
        }
        let top = sums.max;
        if (pc && model.discountedBasis && pc.minSpend > 0) {
          const limit = s1 - sel.amount - pc.minSpend;
          if (limit < top) top = limit;
        }
        for (let d = sums.floor(top); d >= 0; d = sums.floor(d - 1)) {
          const r2 = s1 - d;
          const r3 = r2 - Math.min(sel.amount, r2);
          const r4 = pc ? r3 - ruleAmount(pc, r3) : r3;
          if (best) {
            // Lower bound on this and every smaller D: points at most pointsCap, coins at most
            // their cap and percentage; both bounds only grow as D shrinks.
            const x = r4 > pointsCap ? r4 - pointsCap : 0;
            const pct = floorPercent(x, coinBp);
            const lb = ship + x - Math.min(coinCap, pct);
            if (tax) {
              // Each cent less of store discount adds at least minSlope of tax when it never falls.
              const more = tax.monotone ? Math.floor(tax.minSlope * (sums.max - d)) : 0;
              if (lb + Math.max(0, taxConst + more) > best.total) break;
            } else if (!(lb < best.total || (lb === best.total && r4 + ship - best.total <= best.stored)))
              break;
          }
          // Exact steps 5 and 6, by the evaluator's own code.
          const rest = settleRest(model, base.lines, afterStore, r4, settleBalances, null);
          if (tax) {
            best = spreads(sums, groups, groupLines, d, r2, rest, r4, sel, plat, best);
            continue;
          }
          const total = ship + rest;
          const stored = r4 - rest;
          if (best && (total > best.total || (total === best.total && stored > best.stored))) continue;
          const choice = traceChoice(sums, groups, groupLines, d, nLines, sel, plat);
          const key = keyOf(model, [...choice.store, choice.select, choice.platform]);
          if (best && total === best.total && stored === best.stored && compareKeys(key, best.key) >= 0)
            continue;
          best = { total, stored, key, choice };
        }
      }
    }

    // Next combination of points-line modes (odometer).
    let j = 0;
    while (j < nPoints) {
      pick[j] = (pick[j] as number) + 1;
      if ((pick[j] as number) < (modes[j] as unknown[]).length) break;
      pick[j] = 0;
      j++;
    }
    if (j === nPoints) break;
  }

  // D = 0 with no coupons is always reachable, so there is always a best.
  const b = best as NonNullable<typeof best>;
  return { choice: b.choice, total: b.total, stored: b.stored, key: b.key };
}

/** Walks the stages back from total D to one option per group, preferring no coupon, then sooner expiry. */
function traceChoice(
  sums: SumStages,
  groups: StoreOption[][],
  groupLines: number[],
  d: number,
  nLines: number,
  sel: SlotOption,
  plat: SlotOption,
): OrderChoice {
  const store = new Array<number>(nLines).fill(-1);
  let rest = d;
  for (let g = groups.length - 1; g >= 0; g--) {
    for (const o of groups[g] as StoreOption[]) {
      if (sums.has(g - 1, rest - o.d)) {
        store[groupLines[g] as number] = o.coupon;
        rest -= o.d;
        break;
      }
    }
  }
  return {
    store,
    select: sel.coupon ? sel.coupon.index : -1,
    platform: plat.coupon ? plat.coupon.index : -1,
  };
}
