import { describe, expect, it } from "vitest";
import {
  applyReferralEvent,
  CHASE_CAUSE_STATE,
  CHASE_CAUSES,
  chaseList,
  needsChase,
  newReferralRecord,
  type ReferralEvent,
  type ReferralRecord,
  type ReferralState,
} from "../../src/referral/records";
import { defaultProgramSettings } from "../../src/referral/settings";

const settings = defaultProgramSettings();
const T0 = Date.parse("2026-03-01T10:00:00Z");
const H = 3_600_000;
const reward = { couponId: "referral-r1", value: 500, currency: "USD" };

const invited = () =>
  newReferralRecord({ id: "r1", programId: "aliexpress", invitedAt: T0, friend: " Ana " });

function run(record: ReferralRecord, ...events: ReferralEvent[]): ReferralRecord {
  let r = record;
  for (const e of events) {
    const next = applyReferralEvent(r, e);
    if (!next.ok) throw new Error(next.reason);
    r = next.record;
  }
  return r;
}

const ordered = () => run(invited(), { type: "register", at: T0 + H }, { type: "order", at: T0 + 2 * H });

describe("referral state machine", () => {
  it("starts invited, with the friend's name trimmed and an empty history", () => {
    const r = invited();
    expect(r).toMatchObject({
      state: "invited",
      friend: "Ana",
      invitedAt: "2026-03-01T10:00:00.000Z",
      history: [],
    });
  });

  it("invited -> registered -> ordered -> credited records each step and its time", () => {
    const r = run(ordered(), { type: "credit", at: T0 + 20 * H, reward });
    expect(r.state).toBe("credited");
    expect(r.registeredAt).toBe("2026-03-01T11:00:00.000Z");
    expect(r.orderedAt).toBe("2026-03-01T12:00:00.000Z");
    expect(r.creditedAt).toBe("2026-03-02T06:00:00.000Z");
    expect(r).toMatchObject({ rewardCouponId: "referral-r1", rewardValue: 500, rewardCurrency: "USD" });
    expect(r.history.map((h) => `${h.from}->${h.to}`)).toEqual([
      "invited->registered",
      "registered->ordered",
      "ordered->credited",
    ]);
  });

  it("an order straight from invited implies registration", () => {
    const r = run(invited(), { type: "order", at: T0 + H });
    expect(r.state).toBe("ordered");
    expect(r.registeredAt).toBe(r.orderedAt);
  });

  it.each<[string, ReferralEvent, ReferralState]>([
    ["void", { type: "void", at: T0 + 3 * H }, "voided"],
    ["over-cap", { type: "over-cap", at: T0 + 3 * H }, "over-cap"],
    ["ineligible", { type: "ineligible", at: T0 + 3 * H, cause: "other-code" }, "ineligible"],
  ])("ordered -> %s", (_name, event, state) => {
    const r = run(ordered(), event);
    expect(r.state).toBe(state);
    expect(r.closedAt).toBe("2026-03-01T13:00:00.000Z");
  });

  it("ineligible is possible before any order (friend already had an account)", () => {
    expect(run(invited(), { type: "ineligible", at: T0, cause: "had-account" })).toMatchObject({
      state: "ineligible",
      cause: "had-account",
    });
    const registered = run(invited(), { type: "register", at: T0 + H });
    expect(run(registered, { type: "ineligible", at: T0 + H }).state).toBe("ineligible");
  });

  it.each(CHASE_CAUSES)("the checklist answer %s moves an ordered referral to its state", (cause) => {
    const r = run(ordered(), { type: "resolve", at: T0 + 60 * H, cause });
    expect(r.state).toBe(CHASE_CAUSE_STATE[cause]);
    expect(r.cause).toBe(cause);
    expect(r.history.at(-1)).toMatchObject({ from: "ordered", to: CHASE_CAUSE_STATE[cause], cause });
  });

  it("maps causes as the spec says", () => {
    expect(CHASE_CAUSE_STATE).toEqual({
      "had-account": "ineligible",
      "not-via-link": "ineligible",
      "order-cancelled": "voided",
      "cap-reached": "over-cap",
      "other-code": "ineligible",
      "device-limit": "ineligible",
      flagged: "ineligible",
      region: "ineligible",
    });
  });

  const refusals: [string, () => ReferralRecord, ReferralEvent][] = [
    ["credit an invited referral", invited, { type: "credit", at: T0 + H, reward }],
    ["void an invited referral", invited, { type: "void", at: T0 + H }],
    [
      "over-cap a registered referral",
      () => run(invited(), { type: "register", at: T0 }),
      { type: "over-cap", at: T0 },
    ],
    ["register twice", () => run(invited(), { type: "register", at: T0 }), { type: "register", at: T0 }],
    ["order an ordered referral", ordered, { type: "order", at: T0 + 5 * H }],
    [
      "credit twice",
      () => run(ordered(), { type: "credit", at: T0 + 5 * H, reward }),
      { type: "credit", at: T0 + 6 * H, reward },
    ],
    [
      "void a credited referral",
      () => run(ordered(), { type: "credit", at: T0 + 5 * H, reward }),
      { type: "void", at: T0 + 6 * H },
    ],
    [
      "ineligible after credit",
      () => run(ordered(), { type: "credit", at: T0 + 5 * H, reward }),
      { type: "ineligible", at: T0 + 6 * H },
    ],
    [
      "reopen a credited referral",
      () => run(ordered(), { type: "credit", at: T0 + 5 * H, reward }),
      { type: "reopen", at: T0 + 6 * H },
    ],
    ["reopen an open referral", ordered, { type: "reopen", at: T0 + 6 * H }],
    [
      "resolve cancelled before any order",
      invited,
      { type: "resolve", at: T0 + H, cause: "order-cancelled" },
    ],
    ["date a step before the previous one", ordered, { type: "credit", at: T0 + H, reward }],
    ["use an invalid date", ordered, { type: "credit", at: "yesterday", reward }],
    [
      "mark ineligible with a cause that voids",
      ordered,
      { type: "ineligible", at: T0 + 5 * H, cause: "order-cancelled" },
    ],
  ];

  it.each(refusals)("refuses to %s, with a reason, leaving the record as it was", (_name, make, event) => {
    const before = make();
    const snapshot = structuredClone(before);
    const r = applyReferralEvent(before, event);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(10);
    expect(before).toEqual(snapshot);
  });

  it("reopen undoes a mistaken verdict back to the previous state", () => {
    const voided = run(ordered(), { type: "void", at: T0 + 3 * H });
    const reopened = run(voided, { type: "reopen", at: T0 + 4 * H });
    expect(reopened.state).toBe("ordered");
    expect(reopened.closedAt).toBeUndefined();
    expect(reopened.cause).toBeUndefined();
    expect(run(reopened, { type: "credit", at: T0 + 5 * H, reward }).state).toBe("credited");
    const early = run(invited(), { type: "ineligible", at: T0 + H, cause: "had-account" });
    expect(run(early, { type: "reopen", at: T0 + 2 * H }).state).toBe("invited");
  });
});

describe("chase after chaseAfterHours", () => {
  const r = ordered(); // ordered at T0 + 2h
  const orderedAt = T0 + 2 * H;

  it("flags an ordered referral only after more than 48 hours", () => {
    expect(needsChase(r, settings, orderedAt + 48 * H)).toBe(false);
    expect(needsChase(r, settings, orderedAt + 48 * H + 1)).toBe(true);
    expect(needsChase(r, { chaseAfterHours: 72 }, orderedAt + 60 * H)).toBe(false);
  });

  it("never flags referrals that are not waiting for a reward", () => {
    const later = orderedAt + 500 * H;
    expect(needsChase(invited(), settings, later)).toBe(false);
    expect(needsChase(run(r, { type: "credit", at: orderedAt + H, reward }), settings, later)).toBe(false);
    expect(needsChase(run(r, { type: "void", at: orderedAt + H }), settings, later)).toBe(false);
  });

  it("lists overdue referrals, longest waiting first, with the full checklist", () => {
    const other = run(newReferralRecord({ id: "r2", programId: "aliexpress", invitedAt: T0 }), {
      type: "order",
      at: T0 + 10 * H,
    });
    const list = chaseList([other, r, invited()], settings, T0 + 100 * H);
    expect(list.map((c) => [c.record.id, c.hoursWaiting])).toEqual([
      ["r1", 98],
      ["r2", 90],
    ]);
    expect(list[0]?.checklist.map((c) => c.cause)).toEqual([...CHASE_CAUSES]);
    expect(list[0]?.checklist[0]).toEqual({
      cause: "had-account",
      label: "Friend already had an account",
      movesTo: "ineligible",
    });
  });
});
