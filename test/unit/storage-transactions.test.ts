import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OrderResult } from "../../optimizer/schema";
import { defaultProgramSettings } from "../../src/referral/settings";
import { type CatalogueEntry, catalogueSay } from "../../src/services/i18n";
import type { StackwiseDb } from "../../src/storage/db";
import { StorageError } from "../../src/storage/errors";
import { orderFromResult, placeOrder } from "../../src/storage/orders";
import { saveProgramSettings } from "../../src/storage/programs";
import {
  addReferral,
  creditReferral,
  getReferral,
  loadTracker,
  recordReferralEvent,
} from "../../src/storage/referrals";
import {
  addCoupon,
  getCoins,
  getCoupon,
  getWallet,
  listCoupons,
  listPoints,
  saveCoins,
  savePoints,
} from "../../src/storage/wallet";
import { type FailableDb, openFailableDb } from "./support/db";
import { inEnglish } from "./support/english";

const catalogue = (lang: string) =>
  JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, "utf8")) as Record<string, CatalogueEntry>;
const english = catalogue("en");
const french = catalogue("fr");

const H = 3_600_000;
let db: StackwiseDb;
let bed: FailableDb;
/** Makes every write to a table fail with QuotaExceededError; `null` lets writes through. */
const failWritesTo = (table: string | null) => bed.failWritesTo(table);

beforeEach(async () => {
  bed = await openFailableDb("tx");
  db = bed.db;
  await saveProgramSettings(db, { ...defaultProgramSettings(), timeZone: "UTC" });
});

afterEach(() => bed.close());

async function orderedReferral(id: string, orderedAt: number) {
  await addReferral(db, { id, invitedAt: orderedAt - 24 * H, friend: id });
  await recordReferralEvent(db, id, { type: "order", at: orderedAt });
}

async function snapshot() {
  return {
    referrals: await db.referrals.toArray(),
    coupons: await db.coupons.toArray(),
    coins: await db.coins.toArray(),
    points: await db.points.toArray(),
  };
}

describe("crediting a referral adds its coupon in the same transaction", () => {
  const T = Date.parse("2026-03-10T12:00:00Z");

  it("creates the reward coupon from the program settings", async () => {
    await orderedReferral("r1", T);
    const { record, coupon } = await creditReferral(db, "r1", T + 20 * H);
    expect(record).toMatchObject({
      state: "credited",
      rewardCouponId: "referral-r1",
      rewardValue: 500,
      rewardCurrency: "USD",
    });
    expect(coupon).toMatchObject({
      id: "referral-r1",
      kind: "platform",
      off: 500,
      minSpend: 2000,
      currency: "USD",
      source: "referral",
      status: "active",
      referralId: "r1",
      validFrom: "2026-03-11T08:00:00.000Z",
      expiresAt: "2026-04-10T08:00:00.000Z",
    });
    expect(await getCoupon(db, "referral-r1")).toEqual(coupon);
    expect((await getReferral(db, "r1"))?.state).toBe("credited");
    expect((await loadTracker(db, { now: T + 21 * H })).current).toMatchObject({
      credited: 1,
      pending: 0,
      valueEarned: [{ currency: "USD", cents: 500 }],
    });
  });

  it("credit through recordReferralEvent does the same", async () => {
    await orderedReferral("r1", T);
    const { coupon } = await recordReferralEvent(db, "r1", { type: "credit", at: T + H });
    expect(coupon?.id).toBe("referral-r1");
  });

  it("rolls back when the coupon cannot be added (already booked)", async () => {
    await orderedReferral("r1", T);
    await addCoupon(db, { id: "referral-r1", kind: "platform", off: 1, expiresAt: "2026-12-01T00:00:00Z" });
    const before = await snapshot();
    await expect(creditReferral(db, "r1", T + H)).rejects.toMatchObject({
      name: "StorageError",
      kind: "conflict",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("rolls back the coupon when saving the referral fails after it (quota)", async () => {
    await orderedReferral("r1", T);
    const before = await snapshot();
    failWritesTo("referrals");
    const err = await creditReferral(db, "r1", T + H).catch((e) => e);
    failWritesTo(null);
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ kind: "quota" });
    expect(inEnglish(err.text)).toMatch(/no room left/);
    expect(await snapshot()).toEqual(before);
    expect(await getCoupon(db, "referral-r1")).toBeUndefined();
  });

  it("refuses to credit past the month's cap unless told the reward did arrive", async () => {
    await saveProgramSettings(db, { ...defaultProgramSettings(), timeZone: "UTC", monthlyCap: 2 });
    for (const id of ["a", "b", "c"]) await orderedReferral(id, T);
    await creditReferral(db, "a", T + H);
    await creditReferral(db, "b", T + H);
    const before = await snapshot();
    await expect(creditReferral(db, "c", T + H)).rejects.toMatchObject({ kind: "cap-reached" });
    expect(await snapshot()).toEqual(before);
    // Next month there is room again.
    await expect(creditReferral(db, "c", Date.parse("2026-04-01T00:00:00Z"))).resolves.toMatchObject({
      record: { state: "credited" },
    });
  });

  it("says why in a catalogue message: the cap's own sentence, and a step that does not fit", async () => {
    await saveProgramSettings(db, { ...defaultProgramSettings(), timeZone: "UTC", monthlyCap: 1 });
    for (const id of ["a", "b"]) await orderedReferral(id, T);
    await creditReferral(db, "a", T + H);
    const capped = await creditReferral(db, "b", T + H, { locale: "fr" }).catch((e) => e);
    expect(capped).toMatchObject({ kind: "cap-reached", ownText: true });
    expect(catalogueSay(french, capped.text)).toMatch(
      /^Le plafond de 1 récompense pour mars 2026 est déjà atteint/,
    );

    // A credit dated before the order: the state machine's own words, not only English.
    const early = await creditReferral(db, "b", T - H).catch((e) => e);
    expect(early).toMatchObject({ kind: "invalid-transition", ownText: true });
    expect(early.text).toEqual({ key: "referral_dateBeforePrevious", subs: [] });
    expect(catalogueSay(english, early.text)).toBe(english.referral_dateBeforePrevious?.message);
  });

  it("counts the cap in the program's zone", async () => {
    await saveProgramSettings(db, {
      ...defaultProgramSettings(),
      timeZone: "Pacific/Kiritimati",
      monthlyCap: 1,
    });
    await orderedReferral("a", T);
    await orderedReferral("b", T);
    await creditReferral(db, "a", Date.parse("2026-03-31T09:00:00Z")); // March 31, 23:00 in Kiritimati
    // 11:00Z on March 31 is already April 1 in Kiritimati: a new month, a free slot.
    await expect(creditReferral(db, "b", Date.parse("2026-03-31T11:00:00Z"))).resolves.toBeDefined();
  });

  it("allowOverCap credits anyway", async () => {
    await saveProgramSettings(db, { ...defaultProgramSettings(), monthlyCap: 0 });
    await orderedReferral("a", T);
    await expect(
      creditReferral(db, "a", T + H, { allowOverCap: true, timeZone: "UTC" }),
    ).resolves.toBeDefined();
  });

  it("refuses an invalid transition and changes nothing", async () => {
    await addReferral(db, { id: "r1", invitedAt: T });
    const before = await snapshot();
    await expect(creditReferral(db, "r1", T + H)).rejects.toMatchObject({ kind: "invalid-transition" });
    await expect(recordReferralEvent(db, "r1", { type: "void", at: T + H })).rejects.toMatchObject({
      kind: "invalid-transition",
    });
    await expect(recordReferralEvent(db, "missing", { type: "register", at: T })).rejects.toMatchObject({
      kind: "not-found",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("every checklist answer is stored", async () => {
    await orderedReferral("r1", T);
    const { record } = await recordReferralEvent(db, "r1", {
      type: "resolve",
      at: T + 50 * H,
      cause: "device-limit",
    });
    expect(record).toMatchObject({ state: "ineligible", cause: "device-limit" });
    expect(await getReferral(db, "r1")).toEqual(record);
  });
});

describe("placeOrder", () => {
  const exp = "2026-12-01T00:00:00Z";
  beforeEach(async () => {
    await addCoupon(db, { id: "p", kind: "platform", off: 500, expiresAt: exp });
    await addCoupon(db, { id: "s", kind: "store", storeId: "A", off: 100, expiresAt: exp });
    await addCoupon(db, { id: "sel", kind: "select", percent: 5, expiresAt: exp });
    await addCoupon(db, { id: "gone", kind: "platform", off: 100, expiresAt: exp, status: "used" });
    await saveCoins(db, { balance: 250, centsPerCoin: 1, maxPercent: 3 });
    await savePoints(db, { storeId: "A", balance: 800, centsPerPoint: 1 });
    await savePoints(db, { storeId: "B", balance: 50, centsPerPoint: 1 });
  });

  it("marks coupons used and deducts coins and points together", async () => {
    const r = await placeOrder(db, {
      couponIds: ["p", "s"],
      coins: 129,
      points: [{ storeId: "A", points: 300 }],
      at: "2026-03-10T12:00:00Z",
    });
    expect(r).toEqual({
      usedCouponIds: ["p", "s"],
      coinsBalance: 121,
      pointsBalances: [{ storeId: "A", balance: 500 }],
    });
    expect(await getCoupon(db, "p")).toMatchObject({ status: "used", usedAt: "2026-03-10T12:00:00.000Z" });
    expect((await getCoupon(db, "s"))?.status).toBe("used");
    expect((await getCoupon(db, "sel"))?.status).toBe("active");
    expect(await getCoins(db)).toEqual({ balance: 121, centsPerCoin: 1, maxPercent: 3 });
    expect((await listPoints(db)).map((p) => [p.storeId, p.balance])).toEqual([
      ["A", 500],
      ["B", 50],
    ]);
  });

  it("spending exactly the balance leaves zero", async () => {
    await placeOrder(db, { couponIds: [], coins: 250, points: [{ storeId: "B", points: 50 }] });
    expect((await getCoins(db))?.balance).toBe(0);
    expect((await listPoints(db)).find((p) => p.storeId === "B")?.balance).toBe(0);
  });

  it.each<[string, Parameters<typeof placeOrder>[1], RegExp[]]>([
    ["a missing coupon", { couponIds: ["p", "nope"] }, [/"nope" is not in the wallet/]],
    ["a used coupon", { couponIds: ["gone"] }, [/"gone" is already used/]],
    ["a coupon listed twice", { couponIds: ["p", "p"] }, [/listed twice/]],
    ["too many coins", { couponIds: ["p"], coins: 251 }, [/balance is only 250/]],
    [
      "too many points",
      { couponIds: [], points: [{ storeId: "B", points: 51 }] },
      [/"B", but its balance is only 50/],
    ],
    [
      "points of an unknown store",
      { couponIds: [], points: [{ storeId: "Z", points: 1 }] },
      [/"Z", which has no points/],
    ],
    ["negative coins", { couponIds: [], coins: -5 }, [/whole number of coins/]],
    [
      "fractional points",
      { couponIds: [], points: [{ storeId: "A", points: 1.5 }] },
      [/whole number of points/],
    ],
    [
      "several problems at once",
      { couponIds: ["p", "nope", "gone"], coins: 999, points: [{ storeId: "A", points: 801 }] },
      [/nope/, /gone/, /coins/, /"A"/],
    ],
  ])("refuses %s and changes nothing", async (_name, input, messages) => {
    const before = await snapshot();
    const err = await placeOrder(db, input).catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe("order-refused");
    expect(err.problems).toHaveLength(messages.length);
    for (const [i, m] of messages.entries()) expect(err.problems[i]).toMatch(m);
    expect(err.userMessage).toMatch(/nothing changed/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses coins when no balance is saved", async () => {
    await db.coins.clear();
    await expect(placeOrder(db, { couponIds: [], coins: 1 })).rejects.toMatchObject({
      kind: "order-refused",
    });
    await expect(placeOrder(db, { couponIds: ["p"], coins: 0 })).resolves.toMatchObject({
      usedCouponIds: ["p"],
    });
  });

  it("rolls back every write when a later write fails", async () => {
    const before = await snapshot();
    failWritesTo("points");
    const err = await placeOrder(db, {
      couponIds: ["p", "s"],
      coins: 10,
      points: [{ storeId: "A", points: 10 }],
    }).catch((e) => e);
    failWritesTo(null);
    expect(err).toMatchObject({ kind: "quota" });
    expect(await snapshot()).toEqual(before);
  });

  it("two confirmations of the same order: the second is refused", async () => {
    const input = { couponIds: ["p"], coins: 200 };
    const results = await Promise.allSettled([placeOrder(db, input), placeOrder(db, input)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await getCoins(db))?.balance).toBe(50);
  });

  it("takes the spend of one order of an optimizer result", async () => {
    const order: OrderResult = {
      itemIds: ["i1"],
      itemsSubtotal: 5000,
      sellerPromotions: [],
      storeCoupons: [{ couponId: "s", storeId: "A", amount: 100 }],
      selectCoupon: { couponId: "sel", amount: 200 },
      platformCoupon: { couponId: "p", amount: 500 },
      points: [{ storeId: "A", points: 100, amount: 100 }],
      coins: { coins: 20, amount: 20 },
      shipping: 0,
      total: 4080,
    };
    const input = orderFromResult(order, "2026-03-10T00:00:00Z");
    expect(input).toEqual({
      couponIds: ["s", "sel", "p"],
      coins: 20,
      points: [{ storeId: "A", points: 100 }],
      at: "2026-03-10T00:00:00Z",
    });
    await placeOrder(db, input);
    const wallet = await getWallet(db);
    expect(
      wallet.coupons
        .filter((c) => c.status === "used")
        .map((c) => c.id)
        .sort(),
    ).toEqual(["gone", "p", "s", "sel"]);
    expect(wallet.coins?.balance).toBe(230);
    expect((await listCoupons(db)).length).toBe(4);
  });
});
