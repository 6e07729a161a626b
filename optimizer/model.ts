/**
 * The validated input compiled once into flat, indexed data: the evaluator and the
 * search both run on this, never on the JSON shapes, so the hot paths touch only
 * numbers and small arrays.
 */
import { type AmountRule, basisPoints } from "./money";
import type { Coupon, Input, PromotionTier, UnusedReason } from "./schema";
import { compileTax, type TaxModel, type TaxNote } from "./tax";

export enum Kind {
  Platform = 0,
  Promo = 1,
  Store = 2,
  Select = 3,
}

export interface ModelCoupon extends AmountRule {
  index: number;
  id: string;
  kind: Kind;
  /** Store index for store coupons, -1 otherwise (also -1 when the store is not in the cart). */
  store: number;
  minSpend: number;
  expiresAt: number;
  /** Why the coupon can never be used at this checkout, or null when it is valid. */
  invalid: UnusedReason | null;
  /** Position in the preference order "expires sooner, then id": lower is spent first. */
  rank: number;
  source: Coupon;
}

export interface ModelStore {
  index: number;
  id: string;
  fee: number;
  /** Infinity when shipping is never free; fee 0 when the store lists no shipping. */
  freeOver: number;
  tiers: (AmountRule & { minSpend: number; minQuantity: number })[];
  /** Points program for this store, or null. */
  points: { balance: number; centsPerPoint: number; minRedeem: number; maxPerOrder: number } | null;
}

export interface ModelItem {
  index: number;
  id: string;
  store: number;
  lineTotal: number;
  quantity: number;
  selectEligible: boolean;
}

export interface Model {
  input: Input;
  currency: string;
  now: number;
  /** Only the selected items: unselected ones never reach checkout. */
  items: ModelItem[];
  stores: ModelStore[];
  coupons: ModelCoupon[];
  couponById: Map<string, ModelCoupon>;
  coins: { balance: number; centsPerCoin: number; maxBp: number } | null;
  discountedBasis: boolean;
  maxOrders: number;
  timeBudgetMs: number;
  /** The destination's import tax, or null when none is modelled. */
  tax: TaxModel | null;
  /** Null without a destination (the result then has no tax fields at all). */
  taxNotes: TaxNote[] | null;
}

const NO_CAP = Number.POSITIVE_INFINITY;

const rule = (r: {
  off?: number | undefined;
  percent?: number | undefined;
  maxOff?: number | undefined;
}): AmountRule =>
  r.percent !== undefined
    ? { off: 0, bp: basisPoints(r.percent), maxOff: r.maxOff ?? NO_CAP }
    : { off: r.off ?? 0, bp: 0, maxOff: NO_CAP };

const tier = (t: PromotionTier) => ({
  ...rule(t),
  minSpend: t.minSpend ?? 0,
  minQuantity: t.minQuantity ?? 0,
});

const KIND: Record<Coupon["kind"], Kind> = {
  platform: Kind.Platform,
  promo: Kind.Promo,
  store: Kind.Store,
  select: Kind.Select,
};

export function compile(input: Input): Model {
  const now = Date.parse(input.now);
  const storeIndex = new Map(input.cart.stores.map((s, i) => [s.id, i]));
  const pointsByStore = new Map(input.wallet.points.map((p) => [p.storeId, p]));
  const usePoints = input.options.usePoints;

  const stores: ModelStore[] = input.cart.stores.map((s, index) => {
    const found = usePoints ? pointsByStore.get(s.id) : undefined;
    // Points past their expiry cannot be redeemed at this checkout.
    const p =
      found && (found.expiresAt === undefined || now < Date.parse(found.expiresAt)) ? found : undefined;
    // A program that can never redeem is no program at all for the search.
    const redeemable = p && Math.min(p.balance, p.maxPerOrder ?? NO_CAP) >= Math.max(p.minRedeem, 1);
    return {
      index,
      id: s.id,
      fee: s.shipping?.fee ?? 0,
      freeOver: s.shipping?.freeOver ?? NO_CAP,
      tiers: s.promotions.map(tier),
      points:
        p && redeemable
          ? {
              balance: p.balance,
              centsPerPoint: p.centsPerPoint,
              minRedeem: p.minRedeem,
              maxPerOrder: p.maxPerOrder ?? NO_CAP,
            }
          : null,
    };
  });

  const items: ModelItem[] = [];
  for (const it of input.cart.items) {
    if (!it.selected) continue;
    items.push({
      index: items.length,
      id: it.id,
      store: storeIndex.get(it.storeId) as number,
      lineTotal: it.unitPrice * it.quantity,
      quantity: it.quantity,
      selectEligible: it.selectEligible,
    });
  }

  const expiry = input.wallet.coupons.map((c) => Date.parse(c.expiresAt));
  const ranked = input.wallet.coupons
    .map((c, i) => ({ id: c.id, i, at: expiry[i] as number }))
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rankOf = new Array<number>(ranked.length);
  ranked.forEach((r, rank) => {
    rankOf[r.i] = rank;
  });

  const coupons: ModelCoupon[] = input.wallet.coupons.map((c, index) => {
    const store = c.kind === "store" ? (storeIndex.get(c.storeId as string) ?? -1) : -1;
    return {
      index,
      id: c.id,
      kind: KIND[c.kind],
      store,
      minSpend: c.minSpend,
      expiresAt: expiry[index] as number,
      ...rule(c),
      invalid: invalidity(c, now, input.cart.currency, store, expiry[index] as number),
      rank: rankOf[index] as number,
      source: c,
    };
  });

  const coins = input.options.useCoins && input.wallet.coins ? input.wallet.coins : undefined;
  const tax = compileTax(input.destination, now, input.cart.currency, input.rules.discountsReduceBase);
  return {
    tax: tax.tax,
    taxNotes: tax.notes,
    input,
    currency: input.cart.currency,
    now,
    items,
    stores,
    coupons,
    couponById: new Map(coupons.map((c) => [c.id, c])),
    coins:
      coins && coins.balance > 0
        ? {
            balance: coins.balance,
            centsPerCoin: coins.centsPerCoin,
            maxBp: coins.maxPercent === undefined ? 10000 : basisPoints(coins.maxPercent),
          }
        : null,
    discountedBasis: input.rules.platformMinSpendBasis === "discounted",
    maxOrders: input.options.maxOrders,
    timeBudgetMs: input.options.timeBudgetMs,
  };
}

/** The first reason, in a fixed order, why a coupon can never be used at this checkout. */
function invalidity(
  c: Coupon,
  now: number,
  currency: string,
  store: number,
  expiresAt: number,
): UnusedReason | null {
  if (c.status === "used") return "used";
  if (c.currency !== undefined && c.currency !== currency) return "currency";
  if (c.validFrom !== undefined && Date.parse(c.validFrom) > now) return "not-started";
  if (!(now < expiresAt)) return "expired";
  if (c.kind === "store" && store < 0) return "store-not-in-cart";
  return null;
}
