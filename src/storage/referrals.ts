/**
 * Referral records as stored. State changes go through the pure state machine;
 * crediting also puts the reward coupon in the wallet, in the same transaction,
 * so there is never a credited referral without its coupon or the reverse.
 */
import { type InstantLike, monthKey, monthName, systemTimeZone, toEpochMs } from "../core/calendar";
import { message, plural } from "../core/message";
import {
  applyReferralEvent,
  newReferralRecord,
  type ReferralEvent,
  type ReferralRecord,
  ReferralRecordSchema,
} from "../referral/records";
import { rewardCoupon, rewardValue } from "../referral/reward";
import { DEFAULT_PROGRAM_ID, programTimeZone } from "../referral/settings";
import { creditedInMonth, type TrackerSummary, trackerSummary } from "../referral/tracker";
import type { StackwiseDb } from "./db";
import { guard, StorageError } from "./errors";
import { readProgram } from "./programs";
import type { StoredCoupon } from "./schemas";
import { toStoredCoupon } from "./wallet";

/** A state change as the UI asks for it; crediting works out its reward itself. */
export type ReferralEventInput =
  | Exclude<ReferralEvent, { type: "credit" }>
  | { type: "credit"; at: InstantLike };

export interface CreditOptions {
  /** Fallback zone for the cap's month when the program follows the browser. */
  timeZone?: string;
  /** Credit even though the month's cap is reached (the reward did arrive). */
  allowOverCap?: boolean;
  /** The reader's locale, for the month named in a refusal ("March 2026"). */
  locale?: string;
}

function newId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  );
}

async function mustGet(db: StackwiseDb, id: string): Promise<ReferralRecord> {
  const r = await db.referrals.get(id);
  if (r === undefined) throw new StorageError("not-found", { text: message("errorReferralGone") });
  return r;
}

/** Records a new invitation. */
export function addReferral(
  db: StackwiseDb,
  fields: {
    invitedAt: InstantLike;
    programId?: string;
    friend?: string;
    note?: string;
    linkId?: string;
    id?: string;
  },
): Promise<ReferralRecord> {
  return guard(async () => {
    let record: ReferralRecord;
    try {
      record = newReferralRecord({
        ...fields,
        id: fields.id ?? newId(),
        programId: fields.programId ?? DEFAULT_PROGRAM_ID,
      });
    } catch (e) {
      throw new StorageError("invalid-input", {
        text: message("errorInvitationInvalid"),
        cause: e,
      });
    }
    await db.referrals.add(record);
    return record;
  });
}

/** A program's referrals, newest invitation first. */
export function listReferrals(db: StackwiseDb, programId = DEFAULT_PROGRAM_ID): Promise<ReferralRecord[]> {
  return guard(async () => {
    const records = await db.referrals.where("programId").equals(programId).toArray();
    return records.sort((a, b) => b.invitedAt.localeCompare(a.invitedAt) || a.id.localeCompare(b.id));
  });
}

export function getReferral(db: StackwiseDb, id: string): Promise<ReferralRecord | undefined> {
  return guard(() => db.referrals.get(id));
}

/** Edits who the friend is and the note; the state only changes through events. */
export function updateReferralDetails(
  db: StackwiseDb,
  id: string,
  details: { friend?: string; note?: string },
): Promise<ReferralRecord> {
  return guard(() =>
    db.transaction("rw", db.referrals, async () => {
      const r = await mustGet(db, id);
      const parsed = ReferralRecordSchema.safeParse({
        ...r,
        friend: details.friend?.trim() ?? r.friend,
        note: details.note ?? r.note,
      });
      if (!parsed.success)
        throw new StorageError("invalid-input", {
          text: message("errorNameTooLong"),
          cause: parsed.error,
        });
      await db.referrals.put(parsed.data);
      return parsed.data;
    }),
  );
}

/** Deletes a referral record. A reward coupon it earned stays in the wallet. */
export function removeReferral(db: StackwiseDb, id: string): Promise<void> {
  return guard(() => db.referrals.delete(id));
}

/**
 * Marks a referral credited and adds its reward coupon, all or nothing.
 * Refused with "cap-reached" when the month of `at` (in the program's zone)
 * already holds `monthlyCap` credits, unless `allowOverCap`.
 */
export function creditReferral(
  db: StackwiseDb,
  id: string,
  at: InstantLike,
  options: CreditOptions = {},
): Promise<{ record: ReferralRecord; coupon: StoredCoupon }> {
  return guard(() =>
    db.transaction("rw", [db.referrals, db.coupons, db.programs], async () => {
      const record = await mustGet(db, id);
      const settings = await readProgram(db, record.programId);
      const atMs = toEpochMs(at);
      const coupon = toStoredCoupon({
        ...rewardCoupon(id, settings, atMs),
        referralId: id,
        addedAt: new Date(atMs).toISOString(),
      });
      const moved = applyReferralEvent(record, {
        type: "credit",
        at: atMs,
        reward: {
          couponId: coupon.id,
          value: rewardValue(settings.reward),
          currency: settings.reward.currency,
        },
      });
      if (!moved.ok)
        throw new StorageError("invalid-transition", { userMessage: moved.reason, text: moved.text });
      if (!options.allowOverCap) {
        const zone = programTimeZone(settings, options.timeZone ?? systemTimeZone());
        const month = monthKey(atMs, zone);
        const credited = await db.referrals
          .where({ programId: record.programId, state: "credited" })
          .toArray();
        if (creditedInMonth(credited, month, zone) >= settings.monthlyCap)
          throw new StorageError("cap-reached", {
            text: plural(
              "referral_capReached",
              settings.monthlyCap,
              settings.monthlyCap,
              monthName(month, options.locale ?? "en"),
            ),
          });
      }
      // add, not put: an existing coupon with this id means the reward was already booked.
      await db.coupons.add(coupon);
      await db.referrals.put(moved.record);
      return { record: moved.record, coupon };
    }),
  );
}

/**
 * Applies a state change chosen by the user (including answers from the chase
 * checklist). A credit goes through `creditReferral`.
 */
export function recordReferralEvent(
  db: StackwiseDb,
  id: string,
  event: ReferralEventInput,
  options: CreditOptions = {},
): Promise<{ record: ReferralRecord; coupon?: StoredCoupon }> {
  if (event.type === "credit") return creditReferral(db, id, event.at, options);
  return guard(() =>
    db.transaction("rw", db.referrals, async () => {
      const record = await mustGet(db, id);
      const moved = applyReferralEvent(record, event);
      if (!moved.ok)
        throw new StorageError("invalid-transition", { userMessage: moved.reason, text: moved.text });
      await db.referrals.put(moved.record);
      return { record: moved.record };
    }),
  );
}

/** The tracker card for a program: settings and records read together, computed at `now`. */
export function loadTracker(
  db: StackwiseDb,
  options: { now: InstantLike; programId?: string; timeZone?: string },
): Promise<TrackerSummary> {
  const programId = options.programId ?? DEFAULT_PROGRAM_ID;
  return guard(() =>
    db.transaction("r", [db.referrals, db.programs], async () => {
      const settings = await readProgram(db, programId);
      const records = await db.referrals.where("programId").equals(programId).toArray();
      return trackerSummary(records, settings, {
        now: options.now,
        timeZone: programTimeZone(settings, options.timeZone ?? systemTimeZone()),
      });
    }),
  );
}
