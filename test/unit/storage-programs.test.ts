import { Dexie } from "dexie";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_PROGRAM_ID, defaultProgramSettings } from "../../src/referral/settings";
import { openStackwiseDb, type StackwiseDb } from "../../src/storage/db";
import { addReferralLink, listReferralLinks } from "../../src/storage/links";
import { listPrograms, removeProgram, saveProgramSettings } from "../../src/storage/programs";
import { addReferral, creditReferral, listReferrals, recordReferralEvent } from "../../src/storage/referrals";
import { listCoupons } from "../../src/storage/wallet";

const H = 3_600_000;
const T = Date.parse("2026-03-10T12:00:00Z");
let db: StackwiseDb;
let name: string;

beforeEach(async () => {
  name = `programs-${Math.random().toString(36).slice(2)}`;
  db = await openStackwiseDb({ name });
  await saveProgramSettings(db, { ...defaultProgramSettings(), timeZone: "UTC" });
  await saveProgramSettings(db, { ...defaultProgramSettings(), id: "temu", name: "Temu", timeZone: "UTC" });
});

afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

/** A link, a credited referral (so its reward coupon is in the wallet) and a pending one, for a program. */
async function seed(programId: string) {
  await addReferralLink(db, { input: `https://aliexpress.com/i/${programId}`, programId, now: T });
  await addReferral(db, { id: `${programId}-1`, programId, invitedAt: T - 48 * H });
  await recordReferralEvent(db, `${programId}-1`, { type: "order", at: T - 24 * H });
  await creditReferral(db, `${programId}-1`, T);
  await addReferral(db, { id: `${programId}-2`, programId, invitedAt: T });
}

describe("removing a referral program", () => {
  it("removes the program with its links and records, keeps what it credited, leaves other programs alone", async () => {
    await seed("temu");
    await seed(DEFAULT_PROGRAM_ID);
    const couponsBefore = await listCoupons(db);
    expect(couponsBefore).toHaveLength(2);

    await removeProgram(db, "temu");

    expect((await listPrograms(db)).map((p) => p.id)).toEqual([DEFAULT_PROGRAM_ID]);
    // The program is gone, so count its links in the table itself.
    expect(await db.links.where("programId").equals("temu").count()).toBe(0);
    expect(await listReferrals(db, "temu")).toEqual([]);
    expect(await listReferralLinks(db, DEFAULT_PROGRAM_ID)).toHaveLength(1);
    expect(await listReferrals(db, DEFAULT_PROGRAM_ID)).toHaveLength(2);
    expect(await listCoupons(db)).toEqual(couponsBefore);
  });

  it("refuses the built-in program and an unknown one, changing nothing", async () => {
    await seed(DEFAULT_PROGRAM_ID);
    await expect(removeProgram(db, DEFAULT_PROGRAM_ID)).rejects.toMatchObject({
      kind: "invalid-input",
      text: { key: "errorBuiltInProgram" },
    });
    await expect(removeProgram(db, "nope")).rejects.toMatchObject({ kind: "not-found" });
    expect((await listPrograms(db)).map((p) => p.id).sort()).toEqual([DEFAULT_PROGRAM_ID, "temu"].sort());
    expect(await listReferrals(db, DEFAULT_PROGRAM_ID)).toHaveLength(2);
  });

  it("is all or nothing: a failure part way leaves the program, links and records as they were", async () => {
    await seed("temu");
    const original = db.programs.delete.bind(db.programs);
    db.programs.delete = (() =>
      Promise.reject(new DOMException("disk full", "QuotaExceededError"))) as unknown as typeof original;
    await expect(removeProgram(db, "temu")).rejects.toMatchObject({ kind: "quota" });
    db.programs.delete = original;
    expect(await listReferralLinks(db, "temu")).toHaveLength(1);
    expect(await listReferrals(db, "temu")).toHaveLength(2);
    expect((await listPrograms(db)).some((p) => p.id === "temu")).toBe(true);
  });
});
