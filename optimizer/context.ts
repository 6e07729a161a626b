/** Per-run lookups the searches share: valid coupons by slot, made once per `optimize` call. */
import { Kind, type Model, type ModelCoupon } from "./model";

export interface SearchContext {
  model: Model;
  /** Valid store coupons by store index. */
  storeCoupons: ModelCoupon[][];
  selectCoupons: ModelCoupon[];
  /** Valid platform coupons and promo codes: they share the platform slot. */
  platformCoupons: ModelCoupon[];
  /** False while computing coupon-only bounds (points and coins left out). */
  stored: boolean;
  /** Whether orders are searched on their total after tax (false for pre-tax bounds). */
  taxed: boolean;
}

export function searchContext(model: Model): SearchContext {
  const storeCoupons: ModelCoupon[][] = model.stores.map(() => []);
  const selectCoupons: ModelCoupon[] = [];
  const platformCoupons: ModelCoupon[] = [];
  for (const c of model.coupons) {
    if (c.invalid !== null) continue;
    if (c.kind === Kind.Store) storeCoupons[c.store]?.push(c);
    else if (c.kind === Kind.Select) selectCoupons.push(c);
    else platformCoupons.push(c);
  }
  return { model, storeCoupons, selectCoupons, platformCoupons, stored: true, taxed: model.tax !== null };
}

/** Coupon ranks of a choice, highest first: the key "keep the long-lived coupons" compares. */
export function keyOf(model: Model, coupons: readonly number[]): number[] {
  const ranks: number[] = [];
  for (const ci of coupons) if (ci >= 0) ranks.push((model.coupons[ci] as ModelCoupon).rank);
  return ranks.sort((a, b) => b - a);
}

/**
 * Among equal totals and equal stored value, the stack whose most long-lived coupon is
 * sooner to expire wins (then the next one, and so on; using fewer coupons wins a tie).
 * Ranks fold in the id, so this is also the final deterministic order.
 */
export function compareKeys(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
