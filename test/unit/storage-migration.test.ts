import { Dexie } from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { WalletSchema } from "../../optimizer/schema";
import { CURRENT_SCHEMA_VERSION, openStackwiseDb, SCHEMA_VERSIONS, StackwiseDb } from "../../src/storage/db";
import { listReferrals, loadTracker } from "../../src/storage/referrals";
import { couponPage, getOptimizerWallet, listCoupons } from "../../src/storage/wallet";

let n = 0;
const names: string[] = [];
const freshName = () => {
  const name = `migration-${n++}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** Rows exactly as version 1 of the extension wrote them. */
async function writeVersion1(name: string) {
  const v1 = new StackwiseDb(name, { upToVersion: 1 });
  await v1.open();
  expect(v1.verno).toBe(1);
  await v1.table("programs").put({
    id: "aliexpress",
    name: "AliExpress (EU)",
    reward: { kind: "platform", off: 300, minSpend: 1500, currency: "EUR" },
    rewardValidDays: 14,
    monthlyCap: 5,
    creditWithinHours: 24,
    chaseAfterHours: 48,
    maxAccountsPerDevice: 4,
    allowedLinkHosts: ["aliexpress.com"],
    shortLinkHosts: ["sl.example"],
    welcomeCouponsForFriend: "welcome coupons",
    shareTemplate: "Join: {link}",
    timeZone: "Europe/Berlin",
  });
  await v1.table("links").put({
    id: "l1",
    programId: "aliexpress",
    kind: "url",
    value: "https://sl.example/abc",
    label: "main",
    isDefault: true,
    addedAt: "2026-01-01T00:00:00Z",
  });
  await v1.table("coupons").bulkPut([
    // Offsets differ: as text, "a" sorts first, but it expires last.
    {
      id: "a",
      kind: "platform",
      off: 500,
      minSpend: 0,
      expiresAt: "2026-03-10T23:00:00-05:00",
      status: "active",
      note: "kept",
    },
    {
      id: "b",
      kind: "store",
      storeId: "s1",
      off: 100,
      minSpend: 0,
      expiresAt: "2026-03-11T01:00:00Z",
      status: "active",
    },
    {
      id: "c",
      kind: "promo",
      code: "X",
      percent: 10,
      maxOff: 200,
      minSpend: 1000,
      expiresAt: "2026-02-01T00:00:00Z",
      status: "used",
    },
  ]);
  await v1.table("coins").put({ id: "coins", balance: 250, centsPerCoin: 1, maxPercent: 3 });
  await v1.table("points").put({ storeId: "s1", balance: 800, centsPerPoint: 1, minRedeem: 0 });
  await v1.table("referrals").bulkPut([
    {
      id: "r1",
      programId: "aliexpress",
      friend: "Ana",
      state: "credited",
      invitedAt: "2026-02-27T10:00:00+01:00",
      orderedAt: "2026-02-28T10:00:00+01:00",
      creditedAt: "2026-03-01T00:30:00+01:00",
      rewardCouponId: "referral-r1",
      rewardValue: 300,
      rewardCurrency: "EUR",
      history: [{ from: "ordered", to: "credited", at: "2026-03-01T00:30:00+01:00" }],
    },
    { id: "r2", programId: "aliexpress", friend: "", state: "invited", invitedAt: "2026-03-02T10:00:00Z" },
  ]);
  v1.close();
}

describe("schema migrations", () => {
  it("declares numbered versions, the last being current", () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(CURRENT_SCHEMA_VERSION).toBe(4);
  });

  it("a database written by version 1 opens in the current version with nothing lost", async () => {
    const name = freshName();
    await writeVersion1(name);
    const db = await openStackwiseDb({ name });
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);

    expect(await db.programs.get("aliexpress")).toMatchObject({
      name: "AliExpress (EU)",
      monthlyCap: 5,
      timeZone: "Europe/Berlin",
    });
    expect(await db.links.toArray()).toHaveLength(1);
    expect(await db.coins.get("coins")).toEqual({
      id: "coins",
      balance: 250,
      centsPerCoin: 1,
      maxPercent: 3,
    });
    expect(await db.points.toArray()).toEqual([
      { storeId: "s1", balance: 800, centsPerPoint: 1, minRedeem: 0 },
    ]);

    const coupons = await listCoupons(db);
    expect(coupons.map((c) => c.id)).toEqual(["c", "b", "a"]);
    const a = coupons.find((c) => c.id === "a");
    expect(a).toMatchObject({
      expiresAt: "2026-03-10T23:00:00-05:00",
      expiresMs: Date.parse("2026-03-11T04:00:00Z"),
      note: "kept",
    });
    // The new index works.
    expect(
      await db.coupons.where("expiresMs").above(Date.parse("2026-03-11T02:00:00Z")).primaryKeys(),
    ).toEqual(["a"]);

    const referrals = await listReferrals(db);
    expect(referrals.map((r) => r.id).sort()).toEqual(["r1", "r2"]);
    const r1 = referrals.find((r) => r.id === "r1");
    expect(r1).toMatchObject({
      state: "credited",
      friend: "Ana",
      invitedAt: "2026-02-27T09:00:00.000Z",
      creditedAt: "2026-02-28T23:30:00.000Z",
      history: [{ from: "ordered", to: "credited", at: "2026-02-28T23:30:00.000Z" }],
    });
    expect(referrals.find((r) => r.id === "r2")?.history).toEqual([]);
    expect(await db.referrals.where({ programId: "aliexpress", state: "credited" }).count()).toBe(1);

    // The migrated data works with the current code: the Berlin month of r1's credit is March.
    const tracker = await loadTracker(db, { now: "2026-03-15T00:00:00Z" });
    expect(tracker.current).toMatchObject({ month: "2026-03", credited: 1, cap: 5 });
    const wallet = await getOptimizerWallet(db);
    expect(WalletSchema.parse(wallet)).toEqual(wallet);
    expect(wallet.coupons.map((c) => c.id)).toEqual(["b", "a"]);
    // Version 3's compound indexes list the migrated coupons a page at a time, in expiry order.
    const page = await couponPage(db, {
      section: "active",
      now: Date.parse("2026-03-01T00:00:00Z"),
      limit: 1,
    });
    expect(page).toMatchObject({ total: 2, coupons: [{ id: "b" }] });
    expect(
      (await couponPage(db, { section: "used", now: Date.parse("2026-03-01T00:00:00Z"), limit: 5 })).coupons,
    ).toMatchObject([{ id: "c" }]);
    db.close();
  });

  it("a failing upgrade leaves the version 1 data as it was", async () => {
    const name = freshName();
    await writeVersion1(name);
    const broken = new StackwiseDb(name, { upToVersion: 1 });
    broken
      .version(2)
      .stores({ coupons: "id, kind, storeId, status, expiresMs" })
      .upgrade(async (tx) => {
        await tx
          .table("coupons")
          .toCollection()
          .modify((c) => {
            c.expiresMs = 1;
          });
        throw new Error("upgrade bug");
      });
    await expect(broken.open()).rejects.toThrow();
    broken.close();

    const v1 = new StackwiseDb(name, { upToVersion: 1 });
    await v1.open();
    expect(v1.verno).toBe(1);
    const coupons = await v1.table("coupons").toArray();
    expect(coupons).toHaveLength(3);
    expect(coupons.every((c) => !("expiresMs" in c))).toBe(true);
    v1.close();
  });

  it("a new install starts at the current version with empty tables", async () => {
    const db = await openStackwiseDb({ name: freshName() });
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      "coins",
      "coupons",
      "imports",
      "links",
      "points",
      "programs",
      "referrals",
    ]);
    expect(await db.coupons.count()).toBe(0);
    db.close();
  });
});
