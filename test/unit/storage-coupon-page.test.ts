/**
 * The wallet list's pages come from the database's indexes (couponPage); they
 * must hold exactly what sorting and filtering every coupon in memory gives
 * (groupCoupons, filterCoupons), page after page, for every filter.
 */
import { Dexie } from "dexie";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COUPON_KINDS } from "../../optimizer/schema";
import { importStore } from "../../src/storage/backup";
import { openStackwiseDb, type StackwiseDb } from "../../src/storage/db";
import {
  type CouponSection,
  couponPage,
  getWalletSummary,
  listCoupons,
  savePoints,
} from "../../src/storage/wallet";
import { type CouponFilter, groupCoupons } from "../../src/wallet/coupons";
import { filterCoupons, walletStoreIds } from "./support/wallet-oracle";

const NOW = Date.parse("2026-03-14T12:00:00Z");
const HOUR = 3_600_000;

let name: string;
let db: StackwiseDb;

beforeEach(async () => {
  name = `coupon-page-${Math.random().toString(36).slice(2)}`;
  db = await openStackwiseDb({ name });
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

/** A wallet with ties in expiry, coupons expiring exactly now, every kind, with and without stores. */
function wallet(n: number) {
  const kinds = COUPON_KINDS;
  return {
    coupons: Array.from({ length: n }, (_, i) => {
      const kind = kinds[i % kinds.length] as (typeof kinds)[number];
      const offsetHours = ((i * 37) % 61) - 20;
      return {
        id: `c${String((i * 7919) % 1000).padStart(4, "0")}-${i}`,
        kind,
        ...(kind === "store" ? { storeId: `s${i % 3}` } : {}),
        ...(kind === "promo" ? { code: `CODE${i}` } : {}),
        off: 100 + i,
        expiresAt: new Date(NOW + (i % 9 === 0 ? 0 : offsetHours * HOUR)).toISOString(),
        ...(i % 5 === 4 ? { status: "used" } : {}),
      };
    }),
    points: [],
  };
}

const FILTERS: CouponFilter[] = [
  {},
  { kind: "all" },
  ...COUPON_KINDS.map((kind) => ({ kind })),
  { storeId: "s1" },
  { storeId: null },
  { kind: "store", storeId: "s2" },
  { kind: "platform", storeId: null },
  { kind: "platform", storeId: "s1" },
  { storeId: "nowhere" },
];

describe("couponPage", () => {
  it("gives what groupCoupons and filterCoupons give, for every section, filter and page", async () => {
    await importStore(db, JSON.stringify(wallet(180)), { mode: "replace" });
    const all = await listCoupons(db);
    for (const filter of FILTERS) {
      const expected = groupCoupons(filterCoupons(all, filter), NOW);
      for (const section of ["active", "expired", "used"] as CouponSection[]) {
        const want = expected[section].map((c) => c.id);
        const got: string[] = [];
        for (let offset = 0; ; offset += 7) {
          const page = await couponPage(db, { section, ...filter, now: NOW, offset, limit: 7 });
          expect(page.total, `${section} ${JSON.stringify(filter)}`).toBe(want.length);
          got.push(...page.coupons.map((c) => c.id));
          if (page.coupons.length < 7) break;
        }
        expect(got, `${section} ${JSON.stringify(filter)}`).toEqual(want);
      }
    }
  });

  it("puts a coupon expiring exactly now among the expired, as isExpired does", async () => {
    await importStore(
      db,
      JSON.stringify({
        coupons: [{ id: "now", kind: "platform", off: 100, expiresAt: new Date(NOW).toISOString() }],
        points: [],
      }),
      { mode: "replace" },
    );
    expect((await couponPage(db, { section: "active", now: NOW, limit: 5 })).total).toBe(0);
    expect(
      (await couponPage(db, { section: "expired", now: NOW, limit: 5 })).coupons.map((c) => c.id),
    ).toEqual(["now"]);
  });

  it("summarises the wallet: count, and the stores of coupons and points", async () => {
    await importStore(db, JSON.stringify(wallet(20)), { mode: "replace" });
    await savePoints(db, { storeId: "p-store", balance: 100, centsPerPoint: 1 });
    const summary = await getWalletSummary(db);
    expect(summary.couponCount).toBe(20);
    expect(summary.stores).toEqual(walletStoreIds(await listCoupons(db), [{ storeId: "p-store" }]));
  });

  it("lists each store once, whatever their names: ids that begin with another's, NULs, accents", async () => {
    // The store list jumps from each id to the least string above it; ids made of these
    // characters put the next store as close to that string as a name can be.
    const storeId = fc.string({
      unit: fc.constantFrom("a", "b", "\u0000", "\u0001", "é"),
      minLength: 1,
      maxLength: 3,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(storeId, { nil: undefined }), { maxLength: 12 }),
        async (stores) => {
          const coupons = stores.map((id, i) => ({
            id: `c${i}`,
            kind: id === undefined ? "platform" : "store",
            ...(id === undefined ? {} : { storeId: id }),
            off: 100,
            expiresAt: new Date(NOW + (i + 1) * HOUR).toISOString(),
          }));
          await importStore(db, JSON.stringify({ coupons, points: [] }), { mode: "replace" });
          const summary = await getWalletSummary(db);
          expect(summary.stores).toEqual(walletStoreIds(await listCoupons(db), []));
        },
      ),
      { numRuns: 40 },
    );
  });
});
