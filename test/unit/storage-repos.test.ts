import { Dexie } from "dexie";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WalletSchema } from "../../optimizer/schema";
import { DEFAULT_PROGRAM_ID, defaultProgramSettings } from "../../src/referral/settings";
import { openStackwiseDb, type StackwiseDb } from "../../src/storage/db";
import { StorageError } from "../../src/storage/errors";
import {
  addReferralLink,
  getDefaultReferralLink,
  listReferralLinks,
  removeReferralLink,
  renameReferralLink,
  setDefaultReferralLink,
} from "../../src/storage/links";
import {
  getProgramSettings,
  listPrograms,
  resetProgramSettings,
  saveProgramSettings,
  updateProgramSettings,
} from "../../src/storage/programs";
import {
  addReferral,
  listReferrals,
  loadTracker,
  removeReferral,
  updateReferralDetails,
} from "../../src/storage/referrals";
import {
  addCoupon,
  clearCoins,
  countExpiringSoon,
  getCoins,
  getOptimizerWallet,
  getWallet,
  listCoupons,
  listPoints,
  removeCoupons,
  removePoints,
  saveCoins,
  saveCoupon,
  savePoints,
  setCouponStatus,
} from "../../src/storage/wallet";

const H = 3_600_000;
let db: StackwiseDb;
let name: string;
beforeEach(async () => {
  name = `repos-${Math.random().toString(36).slice(2)}`;
  db = await openStackwiseDb({ name });
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

describe("program settings", () => {
  it("reads defaults until saved, then the saved values", async () => {
    expect(await getProgramSettings(db)).toEqual(defaultProgramSettings());
    expect(await db.programs.count()).toBe(0);
    await updateProgramSettings(db, DEFAULT_PROGRAM_ID, { monthlyCap: 5, timeZone: "Asia/Tokyo" });
    expect(await getProgramSettings(db)).toMatchObject({
      monthlyCap: 5,
      timeZone: "Asia/Tokyo",
      rewardValidDays: 30,
    });
    expect((await listPrograms(db)).map((p) => p.id)).toEqual([DEFAULT_PROGRAM_ID]);
    expect(await resetProgramSettings(db)).toEqual(defaultProgramSettings());
  });

  it("refuses invalid settings with field messages and keeps the old ones", async () => {
    await updateProgramSettings(db, DEFAULT_PROGRAM_ID, { monthlyCap: 5 });
    const err = await updateProgramSettings(db, DEFAULT_PROGRAM_ID, {
      monthlyCap: -2,
      chaseAfterHours: 0,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe("invalid-input");
    expect(err.problems).toEqual([
      expect.stringMatching(/^monthlyCap: /),
      expect.stringMatching(/^chaseAfterHours: /),
    ]);
    expect((await getProgramSettings(db)).monthlyCap).toBe(5);
    await expect(saveProgramSettings(db, { id: "x" })).rejects.toMatchObject({ kind: "invalid-input" });
    await expect(getProgramSettings(db, "unknown")).rejects.toMatchObject({ kind: "not-found" });
  });
});

describe("referral links", () => {
  it("stores only validated links; the first becomes the default", async () => {
    const a = await addReferralLink(db, { input: " HTTPS://AliExpress.com/i/ABC ", label: "main", now: 1 });
    expect(a).toMatchObject({
      kind: "url",
      value: "https://aliexpress.com/i/ABC",
      isDefault: true,
      allowed: true,
      label: "main",
    });
    const code = await addReferralLink(db, { input: "MYCODE42", now: 2 });
    expect(code).toMatchObject({ kind: "code", value: "MYCODE42", isDefault: false });
    // The same link again returns the saved one.
    expect((await addReferralLink(db, { input: "https://aliexpress.com/i/ABC" })).id).toBe(a.id);
    expect(await db.links.count()).toBe(2);
  });

  it("refuses hostile links with the reason and stores nothing", async () => {
    for (const input of [
      "javascript:alert(1)",
      "https://aliexpress.com.evil.example/",
      "https://aliexpress.com@evil.example/",
    ]) {
      const err = await addReferralLink(db, { input }).catch((e) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect(err.kind).toBe("invalid-input");
      expect(err.reason).toMatch(/script-url|lookalike-host|userinfo/);
      expect(err.userMessage.length).toBeGreaterThan(10);
    }
    expect(await db.links.count()).toBe(0);
  });

  it("accepts short-link hosts the user added, and flags links whose host was removed since", async () => {
    await expect(addReferralLink(db, { input: "https://sl.example/x" })).rejects.toMatchObject({
      reason: "host-not-allowed",
    });
    await updateProgramSettings(db, DEFAULT_PROGRAM_ID, { shortLinkHosts: ["sl.example"] });
    await addReferralLink(db, { input: "https://sl.example/x" });
    await updateProgramSettings(db, DEFAULT_PROGRAM_ID, { shortLinkHosts: [] });
    const [link] = await listReferralLinks(db);
    expect(link).toMatchObject({ value: "https://sl.example/x", allowed: false });
    // Words for people in their language, not English: the key and the refused host.
    expect(link?.problem).toMatchObject({
      key: "link_hostNotAllowed",
      subs: ["sl.example", expect.anything()],
    });
  });

  it("switches, renames and removes links, keeping exactly one default", async () => {
    const a = await addReferralLink(db, { input: "https://aliexpress.com/a", now: 1 });
    const b = await addReferralLink(db, { input: "https://aliexpress.com/b", now: 2 });
    const c = await addReferralLink(db, { input: "https://aliexpress.com/c", now: 3, makeDefault: true });
    expect((await getDefaultReferralLink(db))?.id).toBe(c.id);
    await setDefaultReferralLink(db, b.id);
    expect((await listReferralLinks(db)).map((l) => [l.id, l.isDefault])).toEqual([
      [b.id, true],
      [a.id, false],
      [c.id, false],
    ]);
    await renameReferralLink(db, a.id, "  phone  ");
    expect((await db.links.get(a.id))?.label).toBe("phone");
    await removeReferralLink(db, b.id);
    expect((await getDefaultReferralLink(db))?.id).toBe(a.id);
    await expect(setDefaultReferralLink(db, "gone")).rejects.toMatchObject({ kind: "not-found" });
    await expect(renameReferralLink(db, "gone", "x")).rejects.toMatchObject({ kind: "not-found" });
    await removeReferralLink(db, a.id);
    await removeReferralLink(db, c.id);
    expect(await getDefaultReferralLink(db)).toBeUndefined();
  });
});

describe("referral records", () => {
  it("adds, lists newest first, edits details and removes", async () => {
    await addReferral(db, { id: "old", invitedAt: "2026-03-01T00:00:00Z", friend: "Ana" });
    await addReferral(db, { id: "new", invitedAt: "2026-03-05T00:00:00Z" });
    await addReferral(db, { id: "other", invitedAt: "2026-03-05T00:00:00Z", programId: "temu" });
    expect((await listReferrals(db)).map((r) => r.id)).toEqual(["new", "old"]);
    expect(await updateReferralDetails(db, "old", { friend: " Ana B. ", note: "cousin" })).toMatchObject({
      friend: "Ana B.",
      note: "cousin",
      state: "invited",
    });
    await expect(updateReferralDetails(db, "old", { friend: "x".repeat(500) })).rejects.toMatchObject({
      kind: "invalid-input",
    });
    await expect(addReferral(db, { invitedAt: "not a date" })).rejects.toMatchObject({
      kind: "invalid-input",
    });
    await expect(addReferral(db, { id: "old", invitedAt: 0 })).rejects.toMatchObject({ kind: "conflict" });
    await removeReferral(db, "old");
    expect((await listReferrals(db)).map((r) => r.id)).toEqual(["new"]);
  });

  it("loads the tracker in the program's zone, or the given fallback", async () => {
    await addReferral(db, { id: "r", invitedAt: "2026-03-31T12:00:00Z" });
    const now = "2026-03-31T12:00:00Z";
    expect((await loadTracker(db, { now, timeZone: "UTC" })).current.month).toBe("2026-03");
    expect((await loadTracker(db, { now, timeZone: "Pacific/Kiritimati" })).current.month).toBe("2026-04");
    await updateProgramSettings(db, DEFAULT_PROGRAM_ID, { timeZone: "UTC" });
    expect((await loadTracker(db, { now, timeZone: "Pacific/Kiritimati" })).current.month).toBe("2026-03");
  });
});

describe("wallet", () => {
  const NOW = Date.parse("2026-03-10T12:00:00Z");
  const at = (ms: number) => new Date(ms).toISOString();

  it("validates coupons on every write, with the optimizer's rules", async () => {
    const err = await addCoupon(db, {
      id: "x",
      kind: "store",
      off: 100,
      percent: 5,
      expiresAt: "soon",
    }).catch((e) => e);
    expect(err).toMatchObject({ kind: "invalid-input" });
    expect(err.problems.join("\n")).toMatch(/expiresAt/);
    expect(err.problems.join("\n")).toMatch(/storeId: required/);
    expect(await db.coupons.count()).toBe(0);
    await addCoupon(db, { id: "x", kind: "platform", off: 100, expiresAt: at(NOW) });
    await expect(
      addCoupon(db, { id: "x", kind: "platform", off: 100, expiresAt: at(NOW) }),
    ).rejects.toMatchObject({
      kind: "conflict",
    });
  });

  it("saveCoupon replaces and keeps addedAt; status changes record usedAt", async () => {
    await addCoupon(db, { id: "x", kind: "platform", off: 100, expiresAt: at(NOW + H) }, NOW - H);
    await saveCoupon(db, { id: "x", kind: "platform", off: 200, expiresAt: at(NOW + 2 * H) }, NOW);
    expect(await db.coupons.get("x")).toMatchObject({
      off: 200,
      addedAt: at(NOW - H),
      expiresMs: NOW + 2 * H,
    });
    expect(await setCouponStatus(db, "x", "used", NOW)).toMatchObject({ status: "used", usedAt: at(NOW) });
    const back = await setCouponStatus(db, "x", "active", NOW);
    expect(back.status).toBe("active");
    expect("usedAt" in back).toBe(false);
    await expect(setCouponStatus(db, "nope", "used")).rejects.toMatchObject({ kind: "not-found" });
    await removeCoupons(db, ["x"]);
    expect(await listCoupons(db)).toEqual([]);
  });

  it("coins and points", async () => {
    expect(await getCoins(db)).toBeUndefined();
    await saveCoins(db, { balance: 250, centsPerCoin: 1 });
    expect(await getCoins(db)).toEqual({ balance: 250, centsPerCoin: 1 });
    await expect(saveCoins(db, { balance: -1, centsPerCoin: 1 })).rejects.toMatchObject({
      kind: "invalid-input",
    });
    await clearCoins(db);
    expect(await getCoins(db)).toBeUndefined();
    await savePoints(db, { storeId: "B", balance: 5, centsPerPoint: 1 });
    await savePoints(db, { storeId: "A", balance: 800, centsPerPoint: 2, maxPerOrder: 500 });
    expect((await listPoints(db)).map((p) => p.storeId)).toEqual(["A", "B"]);
    expect((await listPoints(db))[1]).toEqual({ storeId: "B", balance: 5, centsPerPoint: 1, minRedeem: 0 });
    await expect(savePoints(db, { storeId: "", balance: 1, centsPerPoint: 1 })).rejects.toMatchObject({
      kind: "invalid-input",
    });
    await removePoints(db, "B");
    expect((await listPoints(db)).map((p) => p.storeId)).toEqual(["A"]);
  });

  it("hands the optimizer active coupons, coins and points in its own shape", async () => {
    await addCoupon(db, {
      id: "active",
      kind: "store",
      storeId: "A",
      percent: 10,
      maxOff: 300,
      expiresAt: at(NOW + 10 * H),
      note: "n",
    });
    await addCoupon(db, { id: "expired", kind: "platform", off: 100, expiresAt: at(NOW - H) });
    await addCoupon(db, { id: "used", kind: "platform", off: 100, expiresAt: at(NOW + H), status: "used" });
    await saveCoins(db, { balance: 250, centsPerCoin: 1, maxPercent: 3 });
    await savePoints(db, { storeId: "A", balance: 800, centsPerPoint: 1 });
    const wallet = await getOptimizerWallet(db, { now: NOW });
    expect(wallet).toEqual({
      coupons: [
        {
          id: "active",
          kind: "store",
          storeId: "A",
          percent: 10,
          maxOff: 300,
          minSpend: 0,
          expiresAt: at(NOW + 10 * H),
          status: "active",
        },
      ],
      coins: { balance: 250, centsPerCoin: 1, maxPercent: 3 },
      points: [{ storeId: "A", balance: 800, centsPerPoint: 1, minRedeem: 0 }],
    });
    expect(WalletSchema.parse(wallet)).toEqual(wallet);
    // Without a clock, expired coupons are included so the optimizer can say why they are unused.
    expect((await getOptimizerWallet(db)).coupons.map((c) => c.id)).toEqual(["expired", "active"]);
    await clearCoins(db);
    expect("coins" in (await getOptimizerWallet(db))).toBe(false);
    expect((await getWallet(db)).coupons).toHaveLength(3);
  });

  it("counts coupons expiring within 72 hours for the badge", async () => {
    await addCoupon(db, { id: "a", kind: "platform", off: 1, expiresAt: at(NOW + H) });
    await addCoupon(db, { id: "b", kind: "platform", off: 1, expiresAt: at(NOW + 72 * H) });
    await addCoupon(db, { id: "c", kind: "platform", off: 1, expiresAt: at(NOW + 73 * H) });
    await addCoupon(db, { id: "d", kind: "platform", off: 1, expiresAt: at(NOW) });
    await addCoupon(db, { id: "e", kind: "platform", off: 1, expiresAt: at(NOW + H), status: "used" });
    expect(await countExpiringSoon(db, NOW)).toBe(2);
  });
});
