/**
 * Referral records and the states they move through (spec: Referral records
 * and their states). Transitions are pure: they return the next record or a
 * reason, and storage decides what else must change in the same transaction.
 */

import { z } from "../../optimizer/zod";
import { HOUR_MS, type InstantLike, toEpochMs, toIso } from "../core/calendar";
import { type Message, type MessageKey, message } from "../core/message";
import type { ProgramSettings } from "./settings";

export const REFERRAL_STATES = [
  "invited",
  "registered",
  "ordered",
  "credited",
  "voided",
  "ineligible",
  "over-cap",
] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

/** The checklist shown when a reward is overdue, in the spec's order. */
export const CHASE_CAUSES = [
  "had-account",
  "not-via-link",
  "order-cancelled",
  "cap-reached",
  "other-code",
  "device-limit",
  "flagged",
  "region",
] as const;
export type ChaseCause = (typeof CHASE_CAUSES)[number];

export const CHASE_CAUSE_LABELS: Record<ChaseCause, string> = {
  "had-account": "Friend already had an account",
  "not-via-link": "Friend did not register through the link",
  "order-cancelled": "First order cancelled or refunded",
  "cap-reached": "Monthly cap reached",
  "other-code": "Friend used another code",
  "device-limit": "Device account limit reached",
  flagged: "Account flagged for unusual activity",
  region: "Program not available in the region",
};

/** Where each answer to the checklist moves the record. */
export const CHASE_CAUSE_STATE: Record<ChaseCause, "voided" | "ineligible" | "over-cap"> = {
  "had-account": "ineligible",
  "not-via-link": "ineligible",
  "order-cancelled": "voided",
  "cap-reached": "over-cap",
  "other-code": "ineligible",
  "device-limit": "ineligible",
  flagged: "ineligible",
  region: "ineligible",
};

const isoInstant = () =>
  z.iso.datetime({ offset: true, error: "expected an ISO 8601 date-time with an offset" });

const StateChangeSchema = z.object({
  from: z.enum(REFERRAL_STATES),
  to: z.enum(REFERRAL_STATES),
  at: isoInstant(),
  cause: z.optional(z.enum(CHASE_CAUSES)),
});

export const ReferralRecordSchema = z.object({
  id: z.string().check(z.minLength(1, { error: "expected a non-empty id" })),
  programId: z.string().check(z.minLength(1, { error: "expected a program id" })),
  /** Who was invited, as the user wants to remember them; may be empty. */
  friend: z._default(z.string().check(z.maxLength(200)), ""),
  note: z.optional(z.string().check(z.maxLength(2000))),
  linkId: z.optional(z.string()),
  state: z.enum(REFERRAL_STATES, { error: `expected one of ${REFERRAL_STATES.join(", ")}` }),
  invitedAt: isoInstant(),
  registeredAt: z.optional(isoInstant()),
  /** When the friend's first order completed: starts the credit and chase clocks. */
  orderedAt: z.optional(isoInstant()),
  creditedAt: z.optional(isoInstant()),
  /** When it became voided, ineligible or over-cap. */
  closedAt: z.optional(isoInstant()),
  cause: z.optional(z.enum(CHASE_CAUSES)),
  rewardCouponId: z.optional(z.string()),
  /** Value of the reward when credited, kept so later settings edits do not rewrite history. */
  rewardValue: z.optional(z.number().check(z.int(), z.gte(0))),
  rewardCurrency: z.optional(z.string()),
  history: z._default(z.array(StateChangeSchema), []),
});

export type ReferralRecord = z.output<typeof ReferralRecordSchema>;
export type StateChange = ReferralRecord["history"][number];

export type ReferralEvent =
  | { type: "register"; at: InstantLike }
  /** The friend's first order completed. */
  | { type: "order"; at: InstantLike }
  | { type: "credit"; at: InstantLike; reward: { couponId: string; value: number; currency: string } }
  /** The first order was cancelled or refunded. */
  | { type: "void"; at: InstantLike }
  | { type: "ineligible"; at: InstantLike; cause?: ChaseCause }
  | { type: "over-cap"; at: InstantLike }
  /** An answer from the chase checklist; moves the record to the cause's state. */
  | { type: "resolve"; at: InstantLike; cause: ChaseCause }
  /** Undo a voided, ineligible or over-cap verdict given by mistake. */
  | { type: "reopen"; at: InstantLike };

/** `reason` is English for logs and errors; `text` is the same refusal for the UI to translate. */
export type TransitionResult =
  | { ok: true; record: ReferralRecord }
  | { ok: false; reason: string; text: Message };

export function newReferralRecord(fields: {
  id: string;
  programId: string;
  invitedAt: InstantLike;
  friend?: string;
  note?: string;
  linkId?: string;
}): ReferralRecord {
  return ReferralRecordSchema.parse({
    id: fields.id,
    programId: fields.programId,
    friend: fields.friend?.trim() ?? "",
    note: fields.note,
    linkId: fields.linkId,
    state: "invited",
    invitedAt: toIso(fields.invitedAt),
    history: [],
  });
}

/** The chase checklist's answers as the popup shows them. */
export const CHASE_CAUSE_TEXTS: Record<ChaseCause, MessageKey> = {
  "had-account": "causeHadAccount",
  "not-via-link": "causeNotViaLink",
  "order-cancelled": "causeOrderCancelled",
  "cap-reached": "causeCapReached",
  "other-code": "causeOtherCode",
  "device-limit": "causeDeviceLimit",
  flagged: "causeFlagged",
  region: "causeRegion",
};

/** The state names the popup shows, for refusals that name a state. */
export const REFERRAL_STATE_TEXTS: Record<ReferralState, MessageKey> = {
  invited: "stateInvited",
  registered: "stateRegistered",
  ordered: "stateOrdered",
  credited: "stateCredited",
  voided: "stateVoided",
  ineligible: "stateIneligible",
  "over-cap": "stateOverCap",
};

const STATE_WORDS: Record<ReferralState, string> = {
  invited: "invited",
  registered: "registered",
  ordered: "ordered",
  credited: "credited",
  voided: "voided",
  ineligible: "ineligible",
  "over-cap": "over the cap",
};

/** The time of the latest thing that happened to the record: no event may precede it. */
function lastEventMs(r: ReferralRecord): number {
  const last = r.history.at(-1);
  return Date.parse(last?.at ?? r.invitedAt);
}

function move(
  r: ReferralRecord,
  to: ReferralState,
  atIso: string,
  patch: Partial<ReferralRecord>,
  cause?: ChaseCause,
): ReferralRecord {
  const change: StateChange =
    cause === undefined ? { from: r.state, to, at: atIso } : { from: r.state, to, at: atIso, cause };
  return { ...r, ...patch, state: to, history: [...r.history, change] };
}

/**
 * Applies one event to a record. Refuses events that do not fit the record's
 * state (crediting a referral without a first order, say) and events dated
 * before the record's latest change, so the history stays in order.
 */
export function applyReferralEvent(record: ReferralRecord, event: ReferralEvent): TransitionResult {
  let atMs: number;
  try {
    atMs = toEpochMs(event.at);
  } catch {
    return {
      ok: false,
      reason: "The date of this change is not a valid date.",
      text: message("referral_dateInvalid"),
    };
  }
  if (atMs < lastEventMs(record))
    return {
      ok: false,
      reason: "This change is dated before the referral's previous step.",
      text: message("referral_dateBeforePrevious"),
    };
  const at = new Date(atMs).toISOString();
  const from = record.state;
  const wrongState = (what: string, expected: string): TransitionResult => ({
    ok: false,
    reason: `A referral that is ${STATE_WORDS[from]} cannot be ${what}; it must be ${expected} first.`,
    text: message("referral_wrongState", message(REFERRAL_STATE_TEXTS[from])),
  });

  switch (event.type) {
    case "register":
      if (from !== "invited") return wrongState("marked registered", "invited");
      return { ok: true, record: move(record, "registered", at, { registeredAt: at }) };
    case "order":
      if (from !== "invited" && from !== "registered")
        return wrongState("marked ordered", "invited or registered");
      return {
        ok: true,
        record: move(record, "ordered", at, { orderedAt: at, registeredAt: record.registeredAt ?? at }),
      };
    case "credit":
      if (from !== "ordered") return wrongState("credited", "ordered");
      return {
        ok: true,
        record: move(record, "credited", at, {
          creditedAt: at,
          rewardCouponId: event.reward.couponId,
          rewardValue: event.reward.value,
          rewardCurrency: event.reward.currency,
        }),
      };
    case "void":
      if (from !== "ordered") return wrongState("voided", "ordered");
      return {
        ok: true,
        record: move(record, "voided", at, { closedAt: at, cause: "order-cancelled" }, "order-cancelled"),
      };
    case "over-cap":
      if (from !== "ordered") return wrongState("marked over the cap", "ordered");
      return {
        ok: true,
        record: move(record, "over-cap", at, { closedAt: at, cause: "cap-reached" }, "cap-reached"),
      };
    case "ineligible":
      if (from !== "invited" && from !== "registered" && from !== "ordered")
        return {
          ok: false,
          reason: `A referral that is ${STATE_WORDS[from]} is already settled.`,
          text: message("referral_alreadySettled", message(REFERRAL_STATE_TEXTS[from])),
        };
      if (event.cause !== undefined && CHASE_CAUSE_STATE[event.cause] !== "ineligible")
        return {
          ok: false,
          reason: `"${CHASE_CAUSE_LABELS[event.cause]}" makes a referral ${STATE_WORDS[CHASE_CAUSE_STATE[event.cause]]}, not ineligible.`,
          text: message("referral_causeMismatch", message(CHASE_CAUSE_TEXTS[event.cause])),
        };
      return {
        ok: true,
        record: move(
          record,
          "ineligible",
          at,
          event.cause ? { closedAt: at, cause: event.cause } : { closedAt: at },
          event.cause,
        ),
      };
    case "resolve": {
      const to = CHASE_CAUSE_STATE[event.cause];
      if (to === "ineligible")
        return applyReferralEvent(record, { type: "ineligible", at, cause: event.cause });
      if (to === "voided") return applyReferralEvent(record, { type: "void", at });
      return applyReferralEvent(record, { type: "over-cap", at });
    }
    case "reopen": {
      if (from !== "voided" && from !== "ineligible" && from !== "over-cap")
        return {
          ok: false,
          ...(from === "credited"
            ? {
                reason: "A credited referral cannot be reopened: its reward coupon is already in the wallet.",
                text: message("referral_reopenCredited"),
              }
            : {
                reason: "Only a voided, ineligible or over-the-cap referral can be reopened.",
                text: message("referral_reopenOpen"),
              }),
        };
      const previous = record.history.at(-1)?.from ?? (record.orderedAt ? "ordered" : "invited");
      const reopened = move(record, previous, at, {});
      delete reopened.closedAt;
      delete reopened.cause;
      return { ok: true, record: reopened };
    }
  }
}

/** True when a reward is overdue: first order completed more than `chaseAfterHours` ago, still not credited. */
export function needsChase(
  record: ReferralRecord,
  settings: Pick<ProgramSettings, "chaseAfterHours">,
  now: InstantLike,
): boolean {
  if (record.state !== "ordered" || record.orderedAt === undefined) return false;
  return toEpochMs(now) - Date.parse(record.orderedAt) > settings.chaseAfterHours * HOUR_MS;
}

export interface ChaseItem {
  record: ReferralRecord;
  /** Hours since the first order completed, rounded down. */
  hoursWaiting: number;
  checklist: { cause: ChaseCause; label: string; movesTo: ReferralState }[];
}

/** The overdue referrals, longest waiting first, each with the checklist of causes. */
export function chaseList(
  records: readonly ReferralRecord[],
  settings: Pick<ProgramSettings, "chaseAfterHours">,
  now: InstantLike,
): ChaseItem[] {
  const nowMs = toEpochMs(now);
  const checklist = CHASE_CAUSES.map((cause) => ({
    cause,
    label: CHASE_CAUSE_LABELS[cause],
    movesTo: CHASE_CAUSE_STATE[cause],
  }));
  return records
    .filter((r) => needsChase(r, settings, nowMs))
    .map((record) => ({
      record,
      hoursWaiting: Math.floor((nowMs - Date.parse(record.orderedAt ?? record.invitedAt)) / HOUR_MS),
      checklist,
    }))
    .sort((a, b) => b.hoursWaiting - a.hoursWaiting || a.record.id.localeCompare(b.record.id));
}
