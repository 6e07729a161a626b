import { describe, expect, it } from "vitest";
import type { Coupon } from "../../optimizer/schema";
import {
  arePointsExpired,
  badgeText,
  coinsValue,
  groupCoupons,
  isExpired,
  isExpiringSoon,
  pointsValue,
  sortByExpiry,
} from "../../src/wallet/coupons";
import { expiringSoonCount, filterCoupons, walletStoreIds } from "./support/wallet-oracle";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const H = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();

function coupon(id: string, expiresAt: string, extra: Partial<Coupon> = {}): Coupon {
  return { id, kind: "platform", off: 500, minSpend: 0, expiresAt, status: "active", ...extra };
}

describe("expiry", () => {
  it("expired is derived from the clock: expired at the expiry instant", () => {
    const c = coupon("a", at(NOW));
    expect(isExpired(c, NOW - 1)).toBe(false);
    expect(isExpired(c, NOW)).toBe(true);
  });

  it("compares instants, not text: offsets are honoured", () => {
    // 23:00 at -05:00 is later than 01:00Z of the next day.
    const a = coupon("a", "2026-03-10T23:00:00-05:00");
    const b = coupon("b", "2026-03-11T01:00:00Z");
    expect(sortByExpiry([a, b]).map((c) => c.id)).toEqual(["b", "a"]);
  });

  it("expiring soon: within 72 hours, active and not yet expired", () => {
    expect(isExpiringSoon(coupon("a", at(NOW + 72 * H)), NOW)).toBe(true);
    expect(isExpiringSoon(coupon("a", at(NOW + 72 * H + 1)), NOW)).toBe(false);
    expect(isExpiringSoon(coupon("a", at(NOW + 1)), NOW)).toBe(true);
    expect(isExpiringSoon(coupon("a", at(NOW)), NOW)).toBe(false);
    expect(isExpiringSoon(coupon("a", at(NOW + H), { status: "used" }), NOW)).toBe(false);
    expect(isExpiringSoon(coupon("a", at(NOW + 100 * H)), NOW, 120)).toBe(true);
  });

  it("the badge counts active coupons expiring within 72 hours", () => {
    const wallet = [
      coupon("soon1", at(NOW + H)),
      coupon("soon2", at(NOW + 71 * H)),
      coupon("used", at(NOW + H), { status: "used" }),
      coupon("expired", at(NOW - H)),
      coupon("later", at(NOW + 80 * H)),
    ];
    expect(expiringSoonCount(wallet, NOW)).toBe(2);
    expect(expiringSoonCount([], NOW)).toBe(0);
    expect(badgeText(0)).toBe("");
    expect(badgeText(2)).toBe("2");
    expect(badgeText(99)).toBe("99");
    expect(badgeText(100)).toBe("99+");
  });
});

describe("lists", () => {
  const wallet = [
    coupon("p2", at(NOW + 5 * H)),
    coupon("s1", at(NOW + 2 * H), { kind: "store", storeId: "A" }),
    coupon("s2", at(NOW + 2 * H), { kind: "store", storeId: "B" }),
    coupon("promo", at(NOW + 9 * H), { kind: "promo", code: "SAVE" }),
    coupon("old", at(NOW - 5 * H)),
    coupon("older", at(NOW - 50 * H)),
    coupon("used1", at(NOW + H), { status: "used" }),
    coupon("used2", at(NOW - 100 * H), { status: "used", kind: "store", storeId: "A" }),
    coupon("future", at(NOW + 500 * H), { validFrom: at(NOW + 100 * H) }),
  ];

  it("sorts by expiry, ties by id", () => {
    expect(sortByExpiry(wallet).map((c) => c.id)).toEqual([
      "used2",
      "older",
      "old",
      "used1",
      "s1",
      "s2",
      "p2",
      "promo",
      "future",
    ]);
  });

  it("groups active, expired and used apart", () => {
    const g = groupCoupons(wallet, NOW);
    expect(g.active.map((c) => c.id)).toEqual(["s1", "s2", "p2", "promo", "future"]);
    expect(g.expired.map((c) => c.id)).toEqual(["old", "older"]);
    expect(g.used.map((c) => c.id)).toEqual(["used1", "used2"]);
  });

  it("filters by kind and store", () => {
    expect(filterCoupons(wallet, { kind: "store" }).map((c) => c.id)).toEqual(["s1", "s2", "used2"]);
    expect(filterCoupons(wallet, { storeId: "A" }).map((c) => c.id)).toEqual(["s1", "used2"]);
    expect(filterCoupons(wallet, { kind: "store", storeId: "B" }).map((c) => c.id)).toEqual(["s2"]);
    expect(filterCoupons(wallet, { kind: "all" })).toHaveLength(wallet.length);
    expect(filterCoupons(wallet, { storeId: null }).every((c) => c.storeId === undefined)).toBe(true);
    expect(walletStoreIds(wallet, [{ storeId: "C" }])).toEqual(["A", "B", "C"]);
  });
});

describe("values", () => {
  it("values coins and points in cents", () => {
    expect(coinsValue({ balance: 250, centsPerCoin: 1 })).toBe(250);
    expect(pointsValue({ balance: 800, centsPerPoint: 2 })).toBe(1600);
    expect(arePointsExpired({ expiresAt: at(NOW) }, NOW)).toBe(true);
    expect(arePointsExpired({}, NOW)).toBe(false);
  });
});
