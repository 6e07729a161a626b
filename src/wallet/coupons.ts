/**
 * Wallet views: which coupons are usable, expired or used, which expire soon,
 * and the orders the popup lists them in. "Expired" is derived from the clock,
 * never stored, so a coupon cannot be stuck in a stale state.
 */
import type { Coins, Coupon, CouponKind, Points } from "../../optimizer/schema";
import { HOUR_MS, type InstantLike, toEpochMs } from "../core/calendar";

/** A coupon counts as expiring soon this many hours before it expires (spec: 72). */
export const EXPIRING_SOON_HOURS = 72;

/** Where a coupon came from (spec: Coupon wallet). Stored as free text for the optimizer's sake. */
export const COUPON_SOURCES = [
  "referral",
  "welcome",
  "store",
  "event",
  "coins-exchange",
  "manual",
  // Captured from what the shopper sees (issue 10): read on the page, or pasted into the popup.
  "page",
  "paste",
] as const;
export type CouponSource = (typeof COUPON_SOURCES)[number];

/** The least a wallet view needs of a coupon; stored coupons carry more. */
export type WalletCoupon = Pick<Coupon, "id" | "kind" | "expiresAt" | "status"> &
  Partial<Pick<Coupon, "storeId" | "validFrom">>;

export const expiresAtMs = (c: Pick<Coupon, "expiresAt">): number => Date.parse(c.expiresAt);

/** Expired once the clock reaches its expiry instant. */
export function isExpired(c: Pick<Coupon, "expiresAt">, now: InstantLike): boolean {
  return toEpochMs(now) >= expiresAtMs(c);
}

export function isNotStarted(c: Partial<Pick<Coupon, "validFrom">>, now: InstantLike): boolean {
  return c.validFrom !== undefined && toEpochMs(now) < Date.parse(c.validFrom);
}

/** Active, not yet expired, and expiring within `hours` (72 by default). */
export function isExpiringSoon(c: WalletCoupon, now: InstantLike, hours = EXPIRING_SOON_HOURS): boolean {
  if (c.status !== "active") return false;
  const left = expiresAtMs(c) - toEpochMs(now);
  return left > 0 && left <= hours * HOUR_MS;
}

/**
 * The first instant after `now` at which something a coupon list shows of these
 * coupons reads otherwise with time alone: a coupon starts, comes within the
 * expiring-soon window, crosses an hour of its time left (the label counts hours,
 * then days), or expires, and so leaves the usable list. Infinity when nothing will.
 */
export function nextChangeWithTime(
  coupons: readonly (WalletCoupon & Partial<Pick<Coupon, "validFrom">>)[],
  now: InstantLike,
  hours = EXPIRING_SOON_HOURS,
): number {
  const at = toEpochMs(now);
  let next = Number.POSITIVE_INFINITY;
  const consider = (instant: number) => {
    if (instant > at && instant < next) next = instant;
  };
  for (const c of coupons) {
    if (c.status !== "active") continue;
    if (c.validFrom !== undefined) consider(Date.parse(c.validFrom));
    const expires = expiresAtMs(c);
    consider(expires);
    consider(expires - hours * HOUR_MS);
    const left = expires - at;
    // The time-left label counts whole hours: it reads otherwise once fewer are left.
    if (left > 0 && left <= hours * HOUR_MS) consider(expires - Math.floor(left / HOUR_MS) * HOUR_MS + 1);
  }
  return next;
}

/** Badge text: nothing for 0 (an empty badge is hidden), "99+" past two digits. */
export function badgeText(count: number): string {
  if (count <= 0) return "";
  return count > 99 ? "99+" : String(count);
}

/** Soonest expiry first; ties by id, the order the optimizer spends them in. */
export function sortByExpiry<C extends Pick<Coupon, "id" | "expiresAt">>(coupons: readonly C[]): C[] {
  return [...coupons].sort(
    (a, b) => expiresAtMs(a) - expiresAtMs(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export interface CouponFilter {
  /** Omitted or "all": every kind. */
  kind?: CouponKind | "all";
  /** Omitted: every store; null: only coupons without a store. */
  storeId?: string | null;
}

export interface CouponGroups<C> {
  /** Usable now or later (not-started ones included), soonest expiry first. */
  active: C[];
  /** Active but past expiry, most recently expired first. */
  expired: C[];
  /** Used, most recent expiry first. */
  used: C[];
}

export function groupCoupons<C extends WalletCoupon>(
  coupons: readonly C[],
  now: InstantLike,
): CouponGroups<C> {
  const nowMs = toEpochMs(now);
  const sorted = sortByExpiry(coupons);
  return {
    active: sorted.filter((c) => c.status === "active" && !isExpired(c, nowMs)),
    expired: sorted.filter((c) => c.status === "active" && isExpired(c, nowMs)).reverse(),
    used: sorted.filter((c) => c.status === "used").reverse(),
  };
}

/** What the coins balance is worth, in cents, before the per-order share limit. */
export const coinsValue = (coins: Pick<Coins, "balance" | "centsPerCoin">): number =>
  coins.balance * coins.centsPerCoin;

/** What a store's points are worth, in cents, before minimum and per-order limits. */
export const pointsValue = (points: Pick<Points, "balance" | "centsPerPoint">): number =>
  points.balance * points.centsPerPoint;

/** Points that have expired by `now` (their balance is kept; the UI shows it apart). */
export function arePointsExpired(points: Pick<Points, "expiresAt">, now: InstantLike): boolean {
  return points.expiresAt !== undefined && toEpochMs(now) >= Date.parse(points.expiresAt);
}
