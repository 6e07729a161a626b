import { describe, expect, it } from "vitest";
import {
  applyReferralEvent,
  newReferralRecord,
  type ReferralEvent,
  type ReferralRecord,
} from "../../src/referral/records";
import { defaultProgramSettings, type ProgramSettings } from "../../src/referral/settings";
import { capWarning, monthlyHistory, monthSummary, trackerSummary } from "../../src/referral/tracker";

const H = 3_600_000;
const settings: ProgramSettings = defaultProgramSettings();
const reward = (id: string) => ({ couponId: `referral-${id}`, value: 500, currency: "USD" });

function step(r: ReferralRecord, e: ReferralEvent): ReferralRecord {
  const next = applyReferralEvent(r, e);
  if (!next.ok) throw new Error(next.reason);
  return next.record;
}

/** A referral invited a day before its first order, which completed at `orderedAt`. */
function orderedAt(id: string, at: string, programId = "aliexpress"): ReferralRecord {
  const t = Date.parse(at);
  const r = newReferralRecord({ id, programId, invitedAt: t - 24 * H });
  return step(r, { type: "order", at: t });
}

function creditedAt(id: string, at: string, programId = "aliexpress"): ReferralRecord {
  const t = Date.parse(at);
  return step(orderedAt(id, new Date(t - 12 * H).toISOString(), programId), {
    type: "credit",
    at: t,
    reward: reward(id),
  });
}

describe("monthSummary", () => {
  it("counts this month's credits against the cap, pending, slots, reset and value", () => {
    const records = [
      creditedAt("a", "2026-03-02T10:00:00Z"),
      creditedAt("b", "2026-03-15T10:00:00Z"),
      creditedAt("c", "2026-03-20T10:00:00Z"),
      creditedAt("old", "2026-02-27T10:00:00Z"),
      orderedAt("p1", "2026-03-20T08:00:00Z"),
      orderedAt("p2", "2026-03-21T08:00:00Z"),
      newReferralRecord({ id: "i", programId: "aliexpress", invitedAt: "2026-03-21T08:00:00Z" }),
      creditedAt("other-program", "2026-03-10T10:00:00Z", "temu"),
    ];
    const s = monthSummary(records, settings, { now: "2026-03-21T12:00:00Z", timeZone: "UTC" });
    expect(s).toEqual({
      month: "2026-03",
      credited: 3,
      cap: 10,
      pending: 2,
      slotsLeft: 7,
      slotsLeftAfterPending: 5,
      capReached: false,
      startsAt: "2026-03-01T00:00:00.000Z",
      resetsAt: "2026-04-01T00:00:00.000Z",
      resetDate: "2026-04-01",
      valueEarned: [{ currency: "USD", cents: 1500 }],
    });
  });

  it("never shows negative slots when credits exceed the cap", () => {
    const records = Array.from({ length: 12 }, (_, i) =>
      creditedAt(`r${i}`, `2026-03-${String(i + 2).padStart(2, "0")}T10:00:00Z`),
    );
    const s = monthSummary(records, settings, { now: "2026-03-20T00:00:00Z", timeZone: "UTC" });
    expect(s).toMatchObject({ credited: 12, slotsLeft: 0, slotsLeftAfterPending: 0, capReached: true });
  });

  it("the last minute of a month still counts the month; the next minute starts fresh", () => {
    // Berlin is on CEST (UTC+2) by March 31, 2026.
    const records = [creditedAt("a", "2026-03-31T21:30:00Z")];
    const lastMinute = monthSummary(records, settings, {
      now: "2026-03-31T21:59:00Z",
      timeZone: "Europe/Berlin",
    });
    expect(lastMinute).toMatchObject({
      month: "2026-03",
      credited: 1,
      resetsAt: "2026-03-31T22:00:00.000Z",
      resetDate: "2026-04-01",
    });
    const nextMinute = monthSummary(records, settings, {
      now: "2026-03-31T22:00:00Z",
      timeZone: "Europe/Berlin",
    });
    expect(nextMinute).toMatchObject({
      month: "2026-04",
      credited: 0,
      slotsLeft: 10,
      resetDate: "2026-05-01",
    });
  });

  it("a zone where the month has already turned counts the new month", () => {
    const records = [
      creditedAt("march", "2026-03-31T09:00:00Z"),
      creditedAt("april", "2026-03-31T11:00:00Z"),
    ];
    const clock = { now: "2026-03-31T12:00:00Z" };
    const kiritimati = monthSummary(records, settings, { ...clock, timeZone: "Pacific/Kiritimati" });
    expect(kiritimati).toMatchObject({
      month: "2026-04",
      credited: 1,
      startsAt: "2026-03-31T10:00:00.000Z",
      resetsAt: "2026-04-30T10:00:00.000Z",
    });
    expect(monthSummary(records, settings, { ...clock, timeZone: "UTC" })).toMatchObject({
      month: "2026-03",
      credited: 2,
    });
    expect(monthSummary(records, settings, { ...clock, timeZone: "America/Adak" })).toMatchObject({
      month: "2026-03",
      credited: 2,
      resetsAt: "2026-04-01T09:00:00.000Z",
    });
  });

  it("counts across a DST change correctly (America/Adak, November)", () => {
    // 2026-11-01T08:30Z is Oct 31 23:30 HDT: an October credit.
    const records = [creditedAt("oct", "2026-11-01T08:30:00Z"), creditedAt("nov", "2026-11-01T09:30:00Z")];
    const s = monthSummary(records, settings, { now: "2026-11-02T00:00:00Z", timeZone: "America/Adak" });
    expect(s).toMatchObject({
      month: "2026-11",
      credited: 1,
      startsAt: "2026-11-01T09:00:00.000Z",
      resetsAt: "2026-12-01T10:00:00.000Z",
    });
  });

  it("tracks every state change of one referral", () => {
    const clock = { now: "2026-03-10T00:00:00Z", timeZone: "UTC" };
    const t = (d: string) => `2026-03-${d}T00:00:00Z`;
    let r = newReferralRecord({ id: "r", programId: "aliexpress", invitedAt: t("01") });
    const view = () => {
      const s = monthSummary([r], settings, clock);
      return [s.credited, s.pending, s.slotsLeft, s.slotsLeftAfterPending, s.valueEarned[0]?.cents ?? 0];
    };
    expect(view()).toEqual([0, 0, 10, 10, 0]);
    r = step(r, { type: "register", at: t("02") });
    expect(view()).toEqual([0, 0, 10, 10, 0]);
    r = step(r, { type: "order", at: t("03") });
    expect(view()).toEqual([0, 1, 10, 9, 0]);
    const voided = step(r, { type: "void", at: t("04") });
    expect(monthSummary([voided], settings, clock)).toMatchObject({
      credited: 0,
      pending: 0,
      slotsLeftAfterPending: 10,
    });
    const overCap = step(r, { type: "over-cap", at: t("04") });
    expect(monthSummary([overCap], settings, clock)).toMatchObject({ credited: 0, pending: 0 });
    const ineligible = step(r, { type: "resolve", at: t("04"), cause: "flagged" });
    expect(monthSummary([ineligible], settings, clock)).toMatchObject({ credited: 0, pending: 0 });
    r = step(r, { type: "credit", at: t("04"), reward: reward("r") });
    expect(view()).toEqual([1, 0, 9, 9, 500]);
  });
});

describe("capWarning", () => {
  const nine = Array.from({ length: 9 }, (_, i) =>
    creditedAt(`c${i}`, `2026-03-${String(i + 2).padStart(2, "0")}T10:00:00Z`),
  );

  it("is quiet with room left", () => {
    const w = capWarning(nine.slice(0, 5), settings, { now: "2026-03-20T00:00:00Z", timeZone: "UTC" });
    expect(w).toMatchObject({ level: "ok", landsIn: "2026-03", used: 5, slotsLeft: 5, message: "" });
  });

  it("warns about the last slot, then that a first order would land over the cap", () => {
    const clock = { now: "2026-03-20T00:00:00Z", timeZone: "UTC" };
    expect(capWarning(nine, settings, clock)).toMatchObject({ level: "last-slot", used: 9, slotsLeft: 1 });
    const full = [...nine, creditedAt("c9", "2026-03-19T10:00:00Z")];
    const w = capWarning(full, settings, clock);
    expect(w).toMatchObject({ level: "over-cap", used: 10, slotsLeft: 0, resetDate: "2026-04-01" });
    expect(w.message).toMatch(/resets on 2026-04-01/);
  });

  it("counts pending rewards expected in the same month", () => {
    const clock = { now: "2026-03-20T00:00:00Z", timeZone: "UTC" };
    const pending = orderedAt("p", "2026-03-19T12:00:00Z");
    expect(capWarning([...nine, pending], settings, clock)).toMatchObject({ level: "over-cap", used: 10 });
    // An overdue pending reward is expected now, so it still counts this month.
    const overdue = orderedAt("late", "2026-03-01T12:00:00Z");
    expect(capWarning([...nine, overdue], settings, clock)).toMatchObject({ level: "over-cap", used: 10 });
  });

  it("near the end of the month a new order lands in the next month", () => {
    const full = [...nine, creditedAt("c9", "2026-03-19T10:00:00Z")];
    // 20:00 on March 31 plus 24 h of crediting is April.
    const w = capWarning(full, settings, { now: "2026-03-31T20:00:00Z", timeZone: "UTC" });
    expect(w).toMatchObject({ level: "ok", landsIn: "2026-04", used: 0, resetDate: "2026-05-01" });
    // With crediting within 1 hour it still lands in the full March.
    const fast = { ...settings, creditWithinHours: 1 };
    expect(capWarning(full, fast, { now: "2026-03-31T20:00:00Z", timeZone: "UTC" })).toMatchObject({
      level: "over-cap",
      landsIn: "2026-03",
    });
  });

  it("a pending reward due after the month turns counts for the next month", () => {
    const clock = { now: "2026-03-31T20:00:00Z", timeZone: "UTC" };
    const pending = orderedAt("p", "2026-03-31T12:00:00Z"); // due April 1, 12:00
    const w = capWarning([pending], { ...settings, monthlyCap: 1 }, clock);
    expect(w).toMatchObject({ landsIn: "2026-04", used: 1, level: "over-cap" });
  });

  it("uses the chosen zone for the landing month", () => {
    const full = [...nine, creditedAt("c9", "2026-03-19T10:00:00Z")];
    // 2026-03-31T08:00Z + 24h = April 1 08:00Z: April in UTC, still March 31 in Adak.
    const clock = { now: "2026-03-31T08:00:00Z" };
    expect(capWarning(full, settings, { ...clock, timeZone: "UTC" }).level).toBe("ok");
    expect(capWarning(full, settings, { ...clock, timeZone: "America/Adak" })).toMatchObject({
      level: "over-cap",
      landsIn: "2026-03",
    });
  });

  it("a cap of 0 warns on every order", () => {
    expect(
      capWarning([], { ...settings, monthlyCap: 0 }, { now: "2026-03-01T00:00:00Z", timeZone: "UTC" }).level,
    ).toBe("over-cap");
  });
});

describe("monthlyHistory", () => {
  it("groups every event by the local month it happened in, newest first, current month included", () => {
    const voided = step(orderedAt("v", "2026-01-20T00:00:00Z"), { type: "void", at: "2026-02-02T00:00:00Z" });
    const inel = step(
      newReferralRecord({ id: "i", programId: "aliexpress", invitedAt: "2026-01-05T00:00:00Z" }),
      {
        type: "ineligible",
        at: "2026-01-06T00:00:00Z",
        cause: "had-account",
      },
    );
    const over = step(orderedAt("o", "2026-02-10T00:00:00Z"), {
      type: "over-cap",
      at: "2026-02-12T00:00:00Z",
    });
    const records = [
      creditedAt("a", "2026-01-15T00:00:00Z"),
      creditedAt("b", "2026-02-01T00:00:00Z"),
      voided,
      inel,
      over,
    ];
    const h = monthlyHistory(records, settings, { now: "2026-04-02T00:00:00Z", timeZone: "UTC" });
    expect(h.map((m) => m.month)).toEqual(["2026-04", "2026-02", "2026-01"]);
    expect(h[0]).toEqual({
      month: "2026-04",
      invited: 0,
      credited: 0,
      voided: 0,
      ineligible: 0,
      overCap: 0,
      valueEarned: [],
    });
    expect(h[1]).toMatchObject({
      month: "2026-02",
      invited: 1,
      credited: 1,
      voided: 1,
      overCap: 1,
      valueEarned: [{ currency: "USD", cents: 500 }],
    });
    expect(h[2]).toMatchObject({ month: "2026-01", invited: 4, credited: 1, ineligible: 1 });
  });

  it("the same credit belongs to different months in different zones", () => {
    const records = [creditedAt("a", "2026-01-31T20:00:00Z")];
    const clock = { now: "2026-02-15T00:00:00Z" };
    const utc = monthlyHistory(records, settings, { ...clock, timeZone: "UTC" });
    const tokyo = monthlyHistory(records, settings, { ...clock, timeZone: "Asia/Tokyo" });
    expect(utc.find((m) => m.credited === 1)?.month).toBe("2026-01");
    expect(tokyo.find((m) => m.credited === 1)?.month).toBe("2026-02");
  });
});

describe("trackerSummary", () => {
  it("bundles the month, history, chase list and warning", () => {
    const records = [orderedAt("late", "2026-03-01T00:00:00Z"), creditedAt("a", "2026-03-05T00:00:00Z")];
    const s = trackerSummary(records, settings, { now: "2026-03-10T00:00:00Z", timeZone: "UTC" });
    expect(s.current).toMatchObject({ credited: 1, pending: 1 });
    expect(s.chase.map((c) => c.record.id)).toEqual(["late"]);
    expect(s.warning.level).toBe("ok");
    expect(s.history[0]?.month).toBe("2026-03");
  });
});
