import { Dexie } from "dexie";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addCapturedCoupons, lastImport, undoLastImport } from "../../src/storage/capture";
import { CURRENT_SCHEMA_VERSION, openStackwiseDb, StackwiseDb } from "../../src/storage/db";
import { StorageError } from "../../src/storage/errors";
import {
  addCoupon,
  getOptimizerWallet,
  listCoupons,
  saveCoupon,
  setCouponStatus,
} from "../../src/storage/wallet";
import { couponKey, storeIdForName } from "../../src/wallet/captured";
import type { CouponDraft } from "../../src/wallet/coupon-text";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const draft = (extra: Partial<CouponDraft> = {}): CouponDraft => ({
  kind: "platform",
  off: 300,
  minSpend: 2000,
  currency: "USD",
  expiresAt: "2026-12-31T23:59:59.000Z",
  ...extra,
});

let db: StackwiseDb;
let name: string;
beforeEach(async () => {
  name = `capture-${Math.random().toString(36).slice(2)}`;
  db = await openStackwiseDb({ name });
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
  vi.restoreAllMocks();
});

describe("addCapturedCoupons", () => {
  it("adds a batch, recording its source and batch on each coupon", async () => {
    const out = await addCapturedCoupons(
      db,
      [draft(), draft({ kind: "store", storeName: "Best Shop", off: 200 })],
      "paste",
      NOW,
    );
    expect(out.added.map((a) => a.index)).toEqual([0, 1]);
    expect(out.alreadyThere).toEqual([]);
    expect(out.importId).toMatch(/^import-/);
    const stored = await listCoupons(db);
    expect(stored).toHaveLength(2);
    for (const c of stored) {
      expect(c.source).toBe("paste");
      expect(c.importId).toBe(out.importId);
      expect(c.addedAt).toBe(new Date(NOW).toISOString());
      expect(c.status).toBe("active");
    }
    const store = stored.find((c) => c.kind === "store");
    expect(store).toMatchObject({ storeId: storeIdForName("Best Shop"), storeName: "Best Shop" });
    // What the cart's panel is handed: the optimizer's wallet, with the new coupons in it.
    const wallet = await getOptimizerWallet(db, { now: NOW });
    expect(wallet.coupons.map((c) => c.off).sort()).toEqual([200, 300]);
  });

  it("a coupon already in the wallet changes nothing and comes back as already there", async () => {
    const manual = await addCoupon(db, {
      id: "mine",
      ...draft(),
      status: "active",
      source: "manual",
      note: "hi",
    });
    const first = await addCapturedCoupons(db, [draft(), draft({ off: 500 })], "page", NOW);
    expect(first.alreadyThere).toEqual([{ index: 0, couponId: "mine" }]);
    expect(first.added.map((a) => a.index)).toEqual([1]);
    expect(await db.coupons.get("mine")).toEqual(manual);
    // Same page captured again: everything is already there, no batch is recorded.
    const again = await addCapturedCoupons(db, [draft(), draft({ off: 500 })], "page", NOW + 1000);
    expect(again.added).toEqual([]);
    expect(again.importId).toBeNull();
    expect(again.alreadyThere.map((a) => a.index)).toEqual([0, 1]);
    expect(await db.coupons.count()).toBe(2);
    expect((await lastImport(db))?.id).toBe(first.importId);
  });

  it("two equal coupons in one batch are added once", async () => {
    const out = await addCapturedCoupons(db, [draft(), draft()], "paste", NOW);
    expect(out.added.map((a) => a.index)).toEqual([0]);
    expect(out.alreadyThere).toEqual([{ index: 1, couponId: out.added[0]?.coupon.id }]);
  });

  it("kind, amount, minimum, expiry, store and code each make a different coupon", async () => {
    const variants = [
      draft(),
      draft({ kind: "select" }),
      draft({ off: 301 }),
      draft({ off: undefined, percent: 3 }),
      draft({ minSpend: 2001 }),
      draft({ expiresAt: "2026-12-30T23:59:59.000Z" }),
      draft({ kind: "store", storeName: "A" }),
      draft({ kind: "store", storeName: "B" }),
      draft({ kind: "promo", code: "ABC123" }),
      draft({ kind: "promo", code: "ABC124" }),
    ];
    const out = await addCapturedCoupons(db, variants, "paste", NOW);
    expect(out.added).toHaveLength(variants.length);
  });

  it("the same instant written with another offset is the same expiry", () => {
    expect(couponKey(draft({ expiresAt: "2026-12-31T20:59:59-03:00" }))).toBe(
      couponKey(draft({ expiresAt: "2026-12-31T23:59:59.000Z" })),
    );
  });

  it("never overwrites a coupon the shopper edited by hand, nor adds it again", async () => {
    const out = await addCapturedCoupons(db, [draft()], "page", NOW);
    const id = out.added[0]?.coupon.id as string;
    const captured = await db.coupons.get(id);
    // The shopper corrects the expiry and the minimum in the form.
    await saveCoupon(db, {
      ...captured,
      expiresAt: "2027-01-15T23:59:59.000Z",
      minSpend: 1500,
      editedAt: new Date(NOW + 5000).toISOString(),
    });
    const edited = await db.coupons.get(id);
    const again = await addCapturedCoupons(db, [draft()], "page", NOW + 10_000);
    expect(again.alreadyThere).toEqual([{ index: 0, couponId: id }]);
    expect(again.added).toEqual([]);
    expect(await db.coupons.get(id)).toEqual(edited);
  });

  it("an invalid draft refuses the whole batch with one problem per line, writing nothing", async () => {
    const bad = [
      draft(),
      draft({ expiresAt: undefined }),
      draft({ kind: "store" }),
      draft({ kind: "promo" }),
      { ...draft(), off: -5 },
      draft({ maxOff: 100 }),
    ];
    const error = await addCapturedCoupons(db, bad, "paste", NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    const problems = (error as StorageError).problems;
    expect(problems.some((p) => p.startsWith("coupon 2: no expiry"))).toBe(true);
    expect(problems.some((p) => p.startsWith("coupon 3: a store coupon needs its store"))).toBe(true);
    expect(problems.some((p) => p.startsWith("coupon 4:") && p.includes("code"))).toBe(true);
    expect(problems.some((p) => p.startsWith("coupon 5:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("coupon 6:") && p.includes("maxOff"))).toBe(true);
    expect(await db.coupons.count()).toBe(0);
    expect(await db.imports.count()).toBe(0);
  });

  it("is one transaction: a failure part-way leaves the wallet as it was", async () => {
    await addCoupon(db, { id: "keep", ...draft({ off: 999 }), status: "active" });
    vi.spyOn(db.imports, "add").mockRejectedValueOnce(new Error("disk full"));
    await expect(addCapturedCoupons(db, [draft(), draft({ off: 400 })], "paste", NOW)).rejects.toThrow();
    expect((await listCoupons(db)).map((c) => c.id)).toEqual(["keep"]);
    expect(await db.imports.count()).toBe(0);
  });

  it("refuses an unknown source and an oversized batch", async () => {
    await expect(addCapturedCoupons(db, [draft()], "email" as never, NOW)).rejects.toThrow(StorageError);
    await expect(
      addCapturedCoupons(
        db,
        Array.from({ length: 501 }, (_, i) => draft({ off: i + 1 })),
        "paste",
        NOW,
      ),
    ).rejects.toThrow(/at most 500/i);
  });
});

describe("undoLastImport", () => {
  it("takes back the last batch, then the one before, then nothing", async () => {
    await addCoupon(db, { id: "mine", ...draft({ off: 111 }), status: "active" });
    const a = await addCapturedCoupons(db, [draft({ off: 100 }), draft({ off: 200 })], "page", NOW);
    const b = await addCapturedCoupons(db, [draft({ off: 300 })], "paste", NOW + 1000);
    expect((await lastImport(db))?.id).toBe(b.importId);

    const undoB = await undoLastImport(db);
    expect(undoB).toEqual({ importId: b.importId, removed: [b.added[0]?.coupon.id], kept: [] });
    expect((await listCoupons(db)).map((c) => c.off).sort()).toEqual([100, 111, 200]);

    const undoA = await undoLastImport(db);
    expect(undoA.importId).toBe(a.importId);
    expect(undoA.removed).toHaveLength(2);
    expect((await listCoupons(db)).map((c) => c.id)).toEqual(["mine"]);

    expect(await undoLastImport(db)).toEqual({ importId: null, removed: [], kept: [] });
    expect(await lastImport(db)).toBeUndefined();
  });

  it("keeps coupons the shopper edited or used since the import", async () => {
    const out = await addCapturedCoupons(
      db,
      [draft({ off: 100 }), draft({ off: 200 }), draft({ off: 300 })],
      "page",
      NOW,
    );
    const [edited, used, plain] = out.added.map((a) => a.coupon);
    await saveCoupon(db, { ...edited, note: "mine now", editedAt: new Date(NOW + 1).toISOString() });
    await setCouponStatus(db, used?.id as string, "used", NOW + 2);
    const undo = await undoLastImport(db);
    expect(undo.removed).toEqual([plain?.id]);
    expect(undo.kept.sort()).toEqual([edited?.id, used?.id].sort());
    expect((await listCoupons(db)).map((c) => c.off).sort()).toEqual([100, 200]);
  });

  it("lasts beyond the popup: a new connection (a reopened browser) can still undo", async () => {
    const out = await addCapturedCoupons(db, [draft()], "paste", NOW);
    db.close();
    db = await openStackwiseDb({ name });
    expect((await undoLastImport(db)).removed).toEqual([out.added[0]?.coupon.id]);
  });
});

describe("schema version 3", () => {
  it("a version 2 wallet opens in version 3 with every coupon kept and undo having nothing to take back", async () => {
    db.close();
    await Dexie.delete(name);
    const v2 = new StackwiseDb(name, { upToVersion: 2 });
    await v2.open();
    await v2.table("coupons").add({
      id: "old",
      ...draft(),
      status: "active",
      expiresMs: Date.parse("2026-12-31T23:59:59.000Z"),
    });
    v2.close();
    db = await openStackwiseDb({ name });
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect((await listCoupons(db)).map((c) => c.id)).toEqual(["old"]);
    expect(await undoLastImport(db)).toEqual({ importId: null, removed: [], kept: [] });
    const out = await addCapturedCoupons(db, [draft()], "page", NOW);
    expect(out.alreadyThere).toEqual([{ index: 0, couponId: "old" }]);
  });
});
