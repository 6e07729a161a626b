/**
 * Plain-array versions of what the wallet's storage answers with indexed
 * queries (the badge count, a filtered page, the store list): the tests hold
 * the database to these. They were product code once; only tests use them.
 */
import type { Points } from "../../../optimizer/schema";
import type { InstantLike } from "../../../src/core/calendar";
import {
  type CouponFilter,
  EXPIRING_SOON_HOURS,
  isExpiringSoon,
  type WalletCoupon,
} from "../../../src/wallet/coupons";

/** The toolbar badge number: active coupons expiring within 72 hours. */
export const expiringSoonCount = (
  coupons: readonly WalletCoupon[],
  now: InstantLike,
  hours = EXPIRING_SOON_HOURS,
) => coupons.filter((c) => isExpiringSoon(c, now, hours)).length;

export function filterCoupons<C extends WalletCoupon>(coupons: readonly C[], filter: CouponFilter): C[] {
  return coupons.filter(
    (c) =>
      (filter.kind === undefined || filter.kind === "all" || c.kind === filter.kind) &&
      (filter.storeId === undefined || (c.storeId ?? null) === filter.storeId),
  );
}

/** Store ids that appear in the wallet, for the store filter. */
export function walletStoreIds(
  coupons: readonly WalletCoupon[],
  points: readonly Pick<Points, "storeId">[] = [],
): string[] {
  const ids = new Set<string>();
  for (const c of coupons) if (c.storeId !== undefined) ids.add(c.storeId);
  for (const p of points) ids.add(p.storeId);
  return [...ids].sort();
}
