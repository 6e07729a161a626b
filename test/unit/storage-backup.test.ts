import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WalletSchema } from "../../optimizer/schema";
import { defaultProgramSettings } from "../../src/referral/settings";
import {
  BACKUP_FORMAT,
  backupFileName,
  checkImport,
  exportStore,
  exportStoreJson,
  importStore,
} from "../../src/storage/backup";
import { CURRENT_SCHEMA_VERSION, type StackwiseDb } from "../../src/storage/db";
import { StorageError } from "../../src/storage/errors";
import { addReferralLink } from "../../src/storage/links";
import { saveProgramSettings } from "../../src/storage/programs";
import { addReferral, creditReferral, recordReferralEvent } from "../../src/storage/referrals";
import { addCoupon, getOptimizerWallet, saveCoins, savePoints } from "../../src/storage/wallet";
import { type FailableDb, openFailableDb } from "./support/db";

const NOW = "2026-03-10T12:00:00.000Z";
let db: StackwiseDb;
let bed: FailableDb;
/** Makes every write to a table fail with QuotaExceededError; `null` lets writes through. */
const failWritesTo = (table: string | null) => bed.failWritesTo(table);

beforeEach(async () => {
  bed = await openFailableDb("backup");
  db = bed.db;
});

afterEach(() => bed.close());

async function fill() {
  await saveProgramSettings(db, {
    ...defaultProgramSettings(),
    timeZone: "UTC",
    shortLinkHosts: ["sl.example"],
  });
  await addReferralLink(db, { input: "https://aliexpress.com/i/ABC", label: "main", now: NOW });
  await addReferralLink(db, { input: "https://sl.example/x", now: NOW });
  await addReferral(db, { id: "r1", invitedAt: "2026-03-01T00:00:00Z", friend: "Ana", note: "met at work" });
  await recordReferralEvent(db, "r1", { type: "order", at: "2026-03-02T00:00:00Z" });
  await creditReferral(db, "r1", "2026-03-03T00:00:00Z");
  await addReferral(db, { id: "r2", invitedAt: "2026-03-04T00:00:00Z" });
  await addCoupon(
    db,
    {
      id: "c1",
      kind: "store",
      storeId: "A",
      percent: 10,
      maxOff: 300,
      minSpend: 1000,
      expiresAt: "2026-03-20T10:00:00+02:00",
      currency: "USD",
      note: "from the shop",
    },
    NOW,
  );
  await addCoupon(
    db,
    { id: "c2", kind: "promo", code: "SAVE", off: 200, expiresAt: "2026-04-01T00:00:00Z", status: "used" },
    NOW,
  );
  await saveCoins(db, { balance: 250, centsPerCoin: 1, maxPercent: 3 });
  await savePoints(db, { storeId: "A", balance: 800, centsPerPoint: 1, minRedeem: 100 });
}

async function everything() {
  return {
    programs: await db.programs.toArray(),
    links: await db.links.toArray(),
    referrals: await db.referrals.toArray(),
    coupons: await db.coupons.toArray(),
    coins: await db.coins.toArray(),
    points: await db.points.toArray(),
  };
}

describe("export", () => {
  it("writes the whole store as a versioned backup", async () => {
    await fill();
    const backup = await exportStore(db, { now: NOW });
    expect(backup).toMatchObject({
      format: BACKUP_FORMAT,
      formatVersion: 1,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      exportedAt: NOW,
    });
    expect(backup.programs).toHaveLength(1);
    expect(backup.links).toHaveLength(2);
    expect(backup.referrals).toHaveLength(2);
    // Soonest expiry first: c1 (Mar 20), c2 (Apr 1), the reward (credited Mar 3 + 30 days).
    expect(backup.wallet.coupons.map((c) => c.id)).toEqual(["c1", "c2", "referral-r1"]);
    expect(backup.wallet.coupons.every((c) => !("expiresMs" in c))).toBe(true);
    expect(backup.wallet.coins).toEqual({ balance: 250, centsPerCoin: 1, maxPercent: 3 });
    // The backup's wallet is an optimizer wallet as is.
    expect(WalletSchema.safeParse(backup.wallet).success).toBe(true);
    expect(backupFileName(NOW, "Pacific/Kiritimati")).toBe("stackwise-backup-2026-03-11.json");
  });

  it("round-trips: export, wipe, import gives the same store", async () => {
    await fill();
    const before = await everything();
    const json = await exportStoreJson(db, { now: NOW });
    await Promise.all(db.tables.map((t) => t.clear()));
    const summary = await importStore(db, json);
    expect(summary).toEqual({
      kind: "backup",
      mode: "replace",
      programs: 1,
      links: 2,
      referrals: 2,
      coupons: 3,
      points: 1,
      coins: true,
    });
    const after = await everything();
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(after.coupons)).toEqual(byId(before.coupons));
    expect(byId(after.referrals)).toEqual(byId(before.referrals));
    expect(byId(after.links)).toEqual(byId(before.links));
    expect(after.programs).toEqual(before.programs);
    expect(after.coins).toEqual(before.coins);
    expect(after.points).toEqual(before.points);
  });

  it("replace import removes what the backup does not hold", async () => {
    await fill();
    const json = await exportStoreJson(db, { now: NOW });
    await addCoupon(db, { id: "extra", kind: "platform", off: 1, expiresAt: "2026-05-01T00:00:00Z" });
    await importStore(db, json);
    expect(await db.coupons.get("extra")).toBeUndefined();
  });
});

describe("import of a bare optimizer wallet", () => {
  const wallet = {
    coupons: [
      { id: "P", kind: "platform", off: 500, minSpend: 2000, expiresAt: "2026-11-30T23:59:59Z" },
      {
        id: "A1",
        kind: "store",
        storeId: "A",
        percent: 10,
        maxOff: 300,
        expiresAt: "2026-11-30T23:59:59+08:00",
        source: "whatever",
      },
    ],
    coins: { balance: 250, centsPerCoin: 1, maxPercent: 3 },
    points: [{ storeId: "s1", balance: 800, centsPerPoint: 1, minRedeem: 0, maxPerOrder: 500 }],
  };

  it("merges into the wallet, keeping referral data and other coupons", async () => {
    await fill();
    const summary = await importStore(db, JSON.stringify(wallet));
    expect(summary).toMatchObject({ kind: "wallet", mode: "merge", coupons: 2, points: 1, coins: true });
    expect(await db.referrals.count()).toBe(2);
    expect((await db.coupons.toCollection().primaryKeys()).sort()).toEqual([
      "A1",
      "P",
      "c1",
      "c2",
      "referral-r1",
    ]);
    expect((await db.points.toCollection().primaryKeys()).sort()).toEqual(["A", "s1"]);
    expect(await db.coupons.get("A1")).toMatchObject({
      status: "active",
      minSpend: 0,
      expiresMs: Date.parse("2026-11-30T15:59:59Z"),
    });
  });

  it("gives back exactly what went in, through getOptimizerWallet", async () => {
    await importStore(db, JSON.stringify(wallet));
    const expected = WalletSchema.parse(wallet);
    // The wallet lists coupons soonest expiry first; A1 (+08:00) expires before P.
    expect(await getOptimizerWallet(db)).toEqual({
      ...expected,
      coupons: [expected.coupons[1], expected.coupons[0]],
    });
  });

  it("accepts a wallet with only some of its parts, and replace mode", async () => {
    await fill();
    await importStore(db, JSON.stringify({ coupons: [wallet.coupons[0]] }), { mode: "replace" });
    expect(await db.coupons.toCollection().primaryKeys()).toEqual(["P"]);
    expect(await db.coins.count()).toBe(0);
    expect(await db.referrals.count()).toBe(2);
  });
});

describe("bad files are refused with a message and change nothing", () => {
  const valid = () => ({
    format: BACKUP_FORMAT,
    formatVersion: 1,
    exportedAt: NOW,
    programs: [defaultProgramSettings()],
    links: [],
    referrals: [],
    wallet: { coupons: [], points: [] },
  });

  const cases: [string, string, RegExp][] = [
    ["empty", "", /empty/],
    ["not JSON", "{coupons: []", /not valid JSON/],
    ["an array", "[]", /expected a JSON object/],
    ["a number", "42", /expected a JSON object/],
    ["an empty object", "{}", /empty/],
    ["an unrelated object", JSON.stringify({ name: "x", coupons: [] }), /unexpected "name"/],
    [
      "a whole optimizer input",
      JSON.stringify({ now: NOW, cart: {}, wallet: {} }),
      /import only its "wallet"/,
    ],
    ["another format", JSON.stringify({ format: "other-app" }), /format: expected "stackwise-backup"/],
    ["a newer backup", JSON.stringify({ ...valid(), formatVersion: 2 }), /formatVersion: .*newer version/],
    [
      "a coupon without expiry",
      JSON.stringify({ coupons: [{ id: "x", kind: "platform", off: 1 }] }),
      /coupons\[0\]\.expiresAt: expected an ISO 8601/,
    ],
    [
      "a coupon with both off and percent",
      JSON.stringify({ coupons: [{ id: "x", kind: "platform", off: 1, percent: 5, expiresAt: NOW }] }),
      /coupons\[0\]\.percent: expected exactly one of off or percent/,
    ],
    [
      "float cents",
      JSON.stringify({ coins: { balance: 1.5, centsPerCoin: 1 } }),
      /coins\.balance: expected a non-negative integer/,
    ],
    [
      "duplicate coupon ids",
      JSON.stringify({
        coupons: [
          { id: "x", kind: "platform", off: 1, expiresAt: NOW },
          { id: "x", kind: "platform", off: 2, expiresAt: NOW },
        ],
      }),
      /coupons\[1\]\.id: duplicate id "x"/,
    ],
    [
      "duplicate point stores",
      JSON.stringify({
        points: [
          { storeId: "A", balance: 1, centsPerPoint: 1 },
          { storeId: "A", balance: 2, centsPerPoint: 1 },
        ],
      }),
      /points\[1\]\.storeId: duplicate storeId "A"/,
    ],
    [
      "a store coupon without store",
      JSON.stringify({
        ...valid(),
        wallet: { coupons: [{ id: "x", kind: "store", off: 1, expiresAt: NOW }] },
      }),
      /wallet\.coupons\[0\]\.storeId: required/,
    ],
    [
      "a referral in an unknown state",
      JSON.stringify({
        ...valid(),
        referrals: [{ id: "r", programId: "aliexpress", state: "paid", invitedAt: NOW }],
      }),
      /referrals\[0\]\.state: expected one of/,
    ],
    [
      "a link of an unknown program",
      JSON.stringify({
        ...valid(),
        links: [{ id: "l", programId: "nope", kind: "code", value: "ABC", addedAt: NOW }],
      }),
      /links\[0\]\.programId: names no program/,
    ],
    [
      "settings with a bad cap",
      JSON.stringify({ ...valid(), programs: [{ ...defaultProgramSettings(), monthlyCap: "ten" }] }),
      /programs\[0\]\.monthlyCap/,
    ],
    [
      "two default links",
      JSON.stringify({
        ...valid(),
        links: [
          { id: "l1", programId: "aliexpress", kind: "code", value: "ABC", isDefault: true, addedAt: NOW },
          { id: "l2", programId: "aliexpress", kind: "code", value: "DEF", isDefault: true, addedAt: NOW },
        ],
      }),
      /links\[1\]\.isDefault: program "aliexpress" already has a default link/,
    ],
  ];

  it.each(cases)("%s", async (_name, text, message) => {
    await fill();
    const before = await everything();
    const check = checkImport(text);
    expect(check.ok).toBe(false);
    const err = await importStore(db, text).catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe("invalid-file");
    expect(err.problems.join("\n")).toMatch(message);
    expect(err.userMessage).toMatch(/not imported and nothing was changed/);
    expect(await everything()).toEqual(before);
  });

  it("lists every problem, and the message shows the first few", async () => {
    const coupons = Array.from({ length: 8 }, (_, i) => ({
      id: `c${i}`,
      kind: "platform",
      off: -1,
      expiresAt: NOW,
    }));
    const err = await importStore(db, JSON.stringify({ coupons })).catch((e) => e);
    expect(err.problems).toHaveLength(8);
    expect(err.userMessage).toMatch(/\(and 3 more\)/);
  });

  it("a storage failure during import rolls everything back", async () => {
    await fill();
    const before = await everything();
    const json = await exportStoreJson(db, { now: NOW });
    failWritesTo("points");
    const err = await importStore(db, json).catch((e) => e);
    failWritesTo(null);
    expect(err).toMatchObject({ kind: "quota" });
    expect(await everything()).toEqual(before);
  });

  it("accepts a byte-order mark at the start of the file", async () => {
    expect(checkImport(`\uFEFF${JSON.stringify({ coupons: [] })}`).ok).toBe(true);
  });
});
