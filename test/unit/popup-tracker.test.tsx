// @vitest-environment jsdom
/**
 * The tracker tab with an injected clock: `n / cap` for the month in the
 * chosen zone (including the last minute of a month, and a zone where the
 * next month has already begun), the warning before an over-cap first order,
 * crediting that adds the reward coupon, the chase checklist after 48 hours,
 * and the history by month.
 */
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import english from "../../public/_locales/en/messages.json";
import { rewardCouponId } from "../../src/referral/reward";
import { savePreferences } from "../../src/services/wallet-preferences";
import type { StackwiseDb } from "../../src/storage/db";
import { updateProgramSettings } from "../../src/storage/programs";
import { addReferral, creditReferral, getReferral, recordReferralEvent } from "../../src/storage/referrals";
import { getCoupon } from "../../src/storage/wallet";
import { PopupApp } from "../../src/ui/popup/PopupApp";
import type { UiServices } from "../../src/ui/shared/services";
import { closeUiBed, openUiBed, screenOf, settle, testServices, text } from "./support/ui";

// WXT's stand-in for `wxt/browser` loads its build toolchain, whose esbuild refuses jsdom.
vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const H = 3_600_000;
const MID_MARCH = Date.parse("2026-03-14T12:00:00Z");

let name: string;
let db: StackwiseDb;
let root: HTMLElement;
let changes: string[];

function services(now: number, timeZone = "UTC"): UiServices {
  return testServices({ dbName: name, now, changes }, { timeZone });
}

const { byTestId, click } = screenOf(() => root);
const item = (friend: string) =>
  [...root.querySelectorAll<HTMLElement>('[data-testid="referral-item"]')].find(
    (e) => text(e.querySelector(".referral-name")) === friend,
  );

async function openTracker(now: number, timeZone = "UTC") {
  render(<PopupApp services={services(now, timeZone)} />, root);
  await vi.waitFor(() => expect(byTestId("tab-tracker")).not.toBeNull());
  byTestId("tab-tracker")?.click();
  await vi.waitFor(() => expect(byTestId("cap-used")).not.toBeNull());
}

/** A referral taken through to a credit at `creditedAt` (its first order an hour before). */
async function credited(friend: string, creditedAt: number) {
  const r = await addReferral(db, { friend, invitedAt: creditedAt - 2 * H });
  await recordReferralEvent(db, r.id, { type: "order", at: creditedAt - H });
  await creditReferral(db, r.id, creditedAt, { allowOverCap: true });
  return r.id;
}

async function ordered(friend: string, orderedAt: number) {
  const r = await addReferral(db, { friend, invitedAt: orderedAt - H });
  await recordReferralEvent(db, r.id, { type: "order", at: orderedAt });
  return r.id;
}

beforeEach(async () => {
  ({ name, db, root } = await openUiBed("popup-tracker"));
  changes = [];
  await savePreferences({ copyOnOpen: false });
});

afterEach(async () => {
  await closeUiBed({ name, db, root });
});

describe("the month against the cap", () => {
  it("shows exactly n / cap, pending, slots left, the reset date and the value earned", async () => {
    for (const day of [2, 5, 9]) await credited(`M${day}`, Date.UTC(2026, 2, day, 10));
    await credited("Feb", Date.UTC(2026, 1, 20, 10));
    await ordered("P1", MID_MARCH - 2 * H);
    await ordered("P2", MID_MARCH - 3 * H);
    await openTracker(MID_MARCH);
    expect(text(byTestId("cap-used"))).toBe("3 / 10");
    expect(text(byTestId("cap-pending"))).toBe("2");
    expect(text(byTestId("cap-slots-left"))).toBe("7");
    expect(text(byTestId("cap-reset"))).toBe("Apr 1, 2026");
    expect(byTestId("cap-reset")?.dataset.date).toBe("2026-04-01");
    expect(text(byTestId("cap-earned"))).toBe("$15.00");
    expect(text(byTestId("cap-card")?.querySelector("h2") ?? null)).toBe("Rewards in March 2026");
    expect(byTestId("cap-warning")).toBeNull();
  });

  it("counts the last minute of a month in the chosen zone, and the next month a minute later", async () => {
    await updateProgramSettings(db, "aliexpress", { timeZone: "Europe/Berlin" });
    // 23:30 on 31 March in Berlin (21:30 UTC): still March there.
    await credited("Late", Date.parse("2026-03-31T21:30:00Z"));
    const lastMinute = Date.parse("2026-03-31T21:59:30Z"); // 23:59:30 in Berlin
    await openTracker(lastMinute);
    expect(text(byTestId("cap-used"))).toBe("1 / 10");
    expect(text(byTestId("cap-card")?.querySelector("h2") ?? null)).toBe("Rewards in March 2026");
    expect(byTestId("cap-reset")?.dataset.date).toBe("2026-04-01");
    render(null, root);

    const nextMinute = Date.parse("2026-03-31T22:00:30Z"); // 00:00:30 on 1 April in Berlin
    await openTracker(nextMinute);
    expect(text(byTestId("cap-used"))).toBe("0 / 10");
    expect(text(byTestId("cap-card")?.querySelector("h2") ?? null)).toBe("Rewards in April 2026");
    expect(byTestId("cap-reset")?.dataset.date).toBe("2026-05-01");
    expect(text(root.querySelector(".zone-note"))).toBe("Months are counted in Europe/Berlin.");
  });

  it("uses a zone where the month has already turned, though it is still March in UTC", async () => {
    for (let i = 0; i < 4; i++) await credited(`F${i}`, Date.UTC(2026, 2, 20 + i, 10));
    const now = Date.parse("2026-03-31T16:00:00Z"); // 01:00 on 1 April in Tokyo
    await openTracker(now, "Asia/Tokyo"); // the program follows the browser, here in Tokyo
    expect(text(byTestId("cap-used"))).toBe("0 / 10");
    expect(text(byTestId("cap-card")?.querySelector("h2") ?? null)).toBe("Rewards in April 2026");
    render(null, root);

    await openTracker(now, "UTC");
    expect(text(byTestId("cap-used"))).toBe("4 / 10");
    expect(text(byTestId("cap-card")?.querySelector("h2") ?? null)).toBe("Rewards in March 2026");
  });

  it("lists months with activity, newest first", async () => {
    await credited("Jan", Date.UTC(2026, 0, 10));
    const voided = await ordered("Feb", Date.UTC(2026, 1, 10));
    await recordReferralEvent(db, voided, { type: "void", at: Date.UTC(2026, 1, 12) });
    await credited("Mar", Date.UTC(2026, 2, 3));
    await openTracker(MID_MARCH);
    const rows = [...root.querySelectorAll<HTMLElement>('[data-testid="history-row"]')];
    expect(rows.map((r) => r.dataset.month)).toEqual(["2026-03", "2026-02", "2026-01"]);
    expect([...(rows[1]?.querySelectorAll("th, td") ?? [])].map((c) => text(c))).toEqual([
      "February 2026",
      "1",
      "0",
      "1",
      "$0.00",
    ]);
    expect(text(rows[0]?.lastElementChild ?? null)).toBe("$5.00");
  });
});

describe("referrals through their states", () => {
  it("moves a friend from invited to credited, and crediting adds the reward coupon", async () => {
    await openTracker(MID_MARCH);
    const input = byTestId("friend-input") as HTMLInputElement;
    input.value = "Ana";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    await click("Record invitation");
    await vi.waitFor(() => expect(item("Ana")?.dataset.state).toBe("invited"));
    await click("Registered: Ana");
    await vi.waitFor(() => expect(item("Ana")?.dataset.state).toBe("registered"));
    await click("First order done: Ana");
    await vi.waitFor(() => expect(item("Ana")?.dataset.state).toBe("ordered"));
    expect(text(byTestId("cap-pending"))).toBe("1");
    await click("Reward arrived: Ana");
    await vi.waitFor(() => expect(item("Ana")?.dataset.state).toBe("credited"));
    expect(text(byTestId("cap-used"))).toBe("1 / 10");
    expect(text(item("Ana")?.querySelector(".referral-reward") ?? null)).toBe(
      "Reward of $5.00 added to the wallet.",
    );
    const id = item("Ana")?.dataset.referralId ?? "";
    expect(await getCoupon(db, rewardCouponId(id))).toMatchObject({
      kind: "platform",
      off: 500,
      minSpend: 2000,
      source: "referral",
      validFrom: new Date(MID_MARCH).toISOString(),
      expiresAt: new Date(MID_MARCH + 30 * 24 * H).toISOString(),
    });
    expect(changes).toContain("referrals");
  });

  /** Types when the step happened into the date field the "earlier date" button shows. */
  const enterStepDate = async (value: string) => {
    const when = byTestId("step-when") as HTMLInputElement;
    when.value = value;
    when.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
  };

  it("records a step with an earlier date, which decides the month the reward counts in", async () => {
    const id = await ordered("Cy", Date.parse("2026-03-30T10:00:00Z"));
    await openTracker(Date.parse("2026-04-01T10:00:00Z"));
    await click("Record the next step of Cy with an earlier date");
    await enterStepDate("2026-04-02T09:00");
    await click("Reward arrived: Cy");
    expect(text(byTestId("step-when-error"))).toBe("Enter a date and time that is not in the future.");
    expect((await getReferral(db, id))?.state).toBe("ordered");

    await enterStepDate("2026-03-31T20:00");
    await click("Reward arrived: Cy");
    await vi.waitFor(async () =>
      expect((await getReferral(db, id))?.creditedAt).toBe("2026-03-31T20:00:00.000Z"),
    );
    // Recorded on 1 April, but it arrived in March: April's cap is untouched.
    await vi.waitFor(() => expect(item("Cy")?.dataset.state).toBe("credited"));
    expect(text(byTestId("cap-used"))).toBe("0 / 10");
    const march = root.querySelector<HTMLElement>('[data-testid="history-row"][data-month="2026-03"]');
    expect(text(march?.querySelectorAll("td")[1] ?? null)).toBe("1");
    expect(byTestId("step-when")).toBeNull();
  });

  it("says in the reader's words why a credit dated before the order is refused", async () => {
    const id = await ordered("Di", Date.parse("2026-03-30T10:00:00Z"));
    await openTracker(Date.parse("2026-04-01T10:00:00Z"));
    await click("Record the next step of Di with an earlier date");
    await enterStepDate("2026-03-29T09:00");
    await click("Reward arrived: Di");
    await vi.waitFor(() =>
      expect(text(byTestId("step-when-error"))).toBe(english.referral_dateBeforePrevious?.message),
    );
    expect((await getReferral(db, id))?.state).toBe("ordered");
  });

  it("voids a cancelled first order and reopens it", async () => {
    await ordered("Bo", MID_MARCH - H);
    await openTracker(MID_MARCH);
    await click("Order cancelled: Bo");
    await vi.waitFor(() => expect(item("Bo")?.dataset.state).toBe("voided"));
    expect(text(item("Bo")?.querySelector(".referral-cause") ?? null)).toBe(
      "First order cancelled or refunded",
    );
    await click("Reopen the referral of Bo");
    await vi.waitFor(() => expect(item("Bo")?.dataset.state).toBe("ordered"));
  });
});

describe("the cap warning", () => {
  it("warns before an eleventh first order would land over the cap, and records it only if asked", async () => {
    for (let i = 1; i <= 10; i++) await credited(`F${i}`, Date.UTC(2026, 2, i, 9));
    await addReferral(db, { friend: "Eleven", invitedAt: MID_MARCH - H });
    await openTracker(MID_MARCH);
    expect(text(byTestId("cap-used"))).toBe("10 / 10");
    expect(byTestId("cap-warning")?.dataset.level).toBe("over-cap");

    await click("First order done: Eleven");
    const confirm = byTestId("confirm-order", item("Eleven"));
    expect(text(byTestId("cap-warning", confirm ?? root))).toBe(
      "The cap for March 2026 is used up (10 of 10 rewards credited or on their way). " +
        "A friend's first order now would likely earn nothing; the cap resets on Apr 1, 2026.",
    );
    expect(item("Eleven")?.dataset.state).toBe("invited");
    await click("Cancel");
    expect(byTestId("confirm-order")).toBeNull();
    expect(item("Eleven")?.dataset.state).toBe("invited");

    await click("First order done: Eleven");
    await click("Record the order anyway");
    await vi.waitFor(() => expect(item("Eleven")?.dataset.state).toBe("ordered"));
  });

  it("does not warn late on the last day, when the reward would land in next month", async () => {
    for (let i = 1; i <= 10; i++) await credited(`F${i}`, Date.UTC(2026, 2, i, 9));
    await addReferral(db, { friend: "Late", invitedAt: Date.parse("2026-03-31T09:00:00Z") });
    await openTracker(Date.parse("2026-03-31T10:00:00Z"));
    expect(text(byTestId("cap-used"))).toBe("10 / 10");
    expect(byTestId("cap-warning")).toBeNull();
    await click("First order done: Late");
    await vi.waitFor(() => expect(item("Late")?.dataset.state).toBe("ordered"));
  });

  it("warns of the last slot", async () => {
    for (let i = 1; i <= 9; i++) await credited(`F${i}`, Date.UTC(2026, 2, i, 9));
    await openTracker(MID_MARCH);
    expect(byTestId("cap-warning")?.dataset.level).toBe("last-slot");
    expect(text(byTestId("cap-warning"))).toBe("Only one reward slot is left for March 2026 (9 of 10 used).");
  });

  it("refuses a credit over the cap until the user says it is over the cap, or did arrive", async () => {
    for (let i = 1; i <= 10; i++) await credited(`F${i}`, Date.UTC(2026, 2, i, 9));
    const extra = await ordered("Extra", MID_MARCH - 5 * H);
    const again = await ordered("Again", MID_MARCH - 6 * H);
    await openTracker(MID_MARCH);
    await click("Reward arrived: Extra");
    await vi.waitFor(() => expect(byTestId("cap-reached", item("Extra"))).not.toBeNull());
    expect(text(byTestId("cap-reached", item("Extra")))).toContain(
      "The cap of 10 rewards for March 2026 is already reached.",
    );
    await click("Mark over the cap");
    await vi.waitFor(async () => expect((await getReferral(db, extra))?.state).toBe("over-cap"));

    await click("Reward arrived: Again");
    await vi.waitFor(() => expect(byTestId("credit-anyway")).not.toBeNull());
    await click("Credit anyway");
    await vi.waitFor(async () => expect((await getReferral(db, again))?.state).toBe("credited"));
    await vi.waitFor(() => expect(text(byTestId("cap-used"))).toBe("11 / 10"));
    expect(await getCoupon(db, rewardCouponId(again))).toBeDefined();
  });
});

describe("the chase checklist", () => {
  it("appears once a reward is 48 hours late and moves the referral to the answer's state", async () => {
    const late = await ordered("Late", MID_MARCH - 49 * H);
    await ordered("Recent", MID_MARCH - 47 * H);
    await openTracker(MID_MARCH);
    expect(byTestId("chase-summary")).not.toBeNull();
    expect(byTestId("chase", item("Recent"))).toBeNull();
    const chase = byTestId("chase", item("Late"));
    expect(text(chase?.querySelector(".chase-intro") ?? null)).toBe(
      "The reward is 49 hours late. What happened?",
    );
    const causes = [...(chase?.querySelectorAll("label.radio") ?? [])].map((l) => text(l));
    expect(causes).toHaveLength(8);
    expect(causes[0]).toBe("Friend already had an account · becomes Not eligible");
    expect(causes[3]).toBe("Monthly cap reached · becomes Over the cap");

    chase?.querySelector<HTMLInputElement>('[data-testid="cause-had-account"]')?.click();
    await settle();
    chase?.querySelector<HTMLButtonElement>('[data-testid="record-answer"]')?.click();
    await vi.waitFor(async () => expect((await getReferral(db, late))?.state).toBe("ineligible"));
    expect((await getReferral(db, late))?.cause).toBe("had-account");
    await vi.waitFor(() => expect(byTestId("chase-summary")).toBeNull());
  });

  it("names the program's accounts-per-device limit beside the device-limit answer", async () => {
    await updateProgramSettings(db, "aliexpress", { maxAccountsPerDevice: 2 });
    await ordered("Late", MID_MARCH - 49 * H);
    await openTracker(MID_MARCH);
    const chase = byTestId("chase", item("Late"));
    const device = chase?.querySelector('[data-testid="cause-device-limit"]')?.closest("label") ?? null;
    expect(text(device)).toBe(
      "Device account limit reached · becomes Not eligible · the program allows 2 accounts per device",
    );
    expect(chase?.querySelectorAll('[data-testid="device-limit-note"]')).toHaveLength(1);
  });
});
