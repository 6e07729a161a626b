/**
 * The tracker: how many rewards the current local month has used of the cap,
 * what is still on its way, when the cap resets, and what a new first order
 * would run into. Pure functions over records, settings and an injected clock.
 */
import {
  HOUR_MS,
  type InstantLike,
  localDate,
  type MonthKey,
  monthKey,
  monthStart,
  shiftMonthKey,
  toEpochMs,
} from "../core/calendar";
import { type ChaseItem, chaseList, type ReferralRecord } from "./records";
import type { ProgramSettings } from "./settings";

export interface TrackerClock {
  now: InstantLike;
  /** IANA zone whose calendar months the cap counts in. */
  timeZone: string;
}

export interface MoneyAmount {
  currency: string;
  cents: number;
}

export interface MonthSummary {
  month: MonthKey;
  /** Rewards credited this month: the `n` of `n / cap`. */
  credited: number;
  cap: number;
  /** First orders completed and not credited yet (in any month). */
  pending: number;
  /** cap - credited, never below 0. */
  slotsLeft: number;
  /** Slots left once the pending rewards expected this month arrive. */
  slotsLeftAfterPending: number;
  capReached: boolean;
  /** The instant this month began and the next one begins (the reset), ISO UTC. */
  startsAt: string;
  resetsAt: string;
  /** The reset as a local date, "YYYY-MM-01". */
  resetDate: string;
  valueEarned: MoneyAmount[];
}

export interface MonthHistory {
  month: MonthKey;
  invited: number;
  credited: number;
  voided: number;
  ineligible: number;
  overCap: number;
  valueEarned: MoneyAmount[];
}

export type CapWarningLevel = "ok" | "last-slot" | "over-cap";

export interface CapWarning {
  level: CapWarningLevel;
  /** The month a first order placed now would be credited in (now + creditWithinHours). */
  landsIn: MonthKey;
  /** Rewards credited in that month plus pending ones expected to land in it. */
  used: number;
  cap: number;
  slotsLeft: number;
  /** When that month's cap resets, ISO UTC, and as a local date. */
  resetsAt: string;
  resetDate: string;
  /** Empty when level is "ok". */
  message: string;
}

export interface TrackerSummary {
  current: MonthSummary;
  history: MonthHistory[];
  chase: ChaseItem[];
  warning: CapWarning;
}

type CapSettings = Pick<ProgramSettings, "id" | "monthlyCap" | "creditWithinHours">;

const ofProgram = (records: readonly ReferralRecord[], settings: { id: string }) =>
  records.filter((r) => r.programId === settings.id);

function addMoney(
  totals: Map<string, number>,
  currency: string | undefined,
  cents: number | undefined,
): void {
  if (cents === undefined || cents === 0) return;
  const key = currency ?? "";
  totals.set(key, (totals.get(key) ?? 0) + cents);
}

const moneyList = (totals: Map<string, number>): MoneyAmount[] =>
  [...totals]
    .map(([currency, cents]) => ({ currency, cents }))
    .sort((a, b) => a.currency.localeCompare(b.currency));

/** Rewards credited within local month `month` (the cap counts these). */
export function creditedInMonth(
  records: readonly ReferralRecord[],
  month: MonthKey,
  timeZone: string,
): number {
  let n = 0;
  for (const r of records)
    if (r.state === "credited" && r.creditedAt !== undefined && monthKey(r.creditedAt, timeZone) === month)
      n++;
  return n;
}

/**
 * When a pending reward should arrive: `creditWithinHours` after the first
 * order, or now if that time has passed (an overdue reward, if it comes, comes now).
 */
function expectedCreditMs(r: ReferralRecord, settings: CapSettings, nowMs: number): number {
  const due = Date.parse(r.orderedAt ?? r.invitedAt) + settings.creditWithinHours * HOUR_MS;
  return Math.max(due, nowMs);
}

const isPending = (r: ReferralRecord) => r.state === "ordered";

function pendingLandingIn(
  records: readonly ReferralRecord[],
  settings: CapSettings,
  month: MonthKey,
  clock: { nowMs: number; timeZone: string },
): number {
  let n = 0;
  for (const r of records)
    if (isPending(r) && monthKey(expectedCreditMs(r, settings, clock.nowMs), clock.timeZone) === month) n++;
  return n;
}

export function monthSummary(
  records: readonly ReferralRecord[],
  settings: CapSettings,
  clock: TrackerClock,
): MonthSummary {
  const mine = ofProgram(records, settings);
  const nowMs = toEpochMs(clock.now);
  const { timeZone } = clock;
  const month = monthKey(nowMs, timeZone);
  const credited = creditedInMonth(mine, month, timeZone);
  const cap = settings.monthlyCap;
  const expectedHere = pendingLandingIn(mine, settings, month, { nowMs, timeZone });
  const value = new Map<string, number>();
  for (const r of mine)
    if (r.state === "credited" && r.creditedAt !== undefined && monthKey(r.creditedAt, timeZone) === month)
      addMoney(value, r.rewardCurrency, r.rewardValue);
  const resetsAtMs = monthStart(shiftMonthKey(month, 1), timeZone);
  return {
    month,
    credited,
    cap,
    pending: mine.filter(isPending).length,
    slotsLeft: Math.max(0, cap - credited),
    slotsLeftAfterPending: Math.max(0, cap - credited - expectedHere),
    capReached: credited >= cap,
    startsAt: new Date(monthStart(month, timeZone)).toISOString(),
    resetsAt: new Date(resetsAtMs).toISOString(),
    resetDate: localDate(resetsAtMs, timeZone),
    valueEarned: moneyList(value),
  };
}

/**
 * One row per local month with any activity, newest first, always including
 * the current month. Each event counts in the month it happened: invitations
 * by invite date, credits by credit date, verdicts by the date they were given.
 */
export function monthlyHistory(
  records: readonly ReferralRecord[],
  settings: Pick<ProgramSettings, "id">,
  clock: TrackerClock,
): MonthHistory[] {
  const rows = new Map<MonthKey, MonthHistory & { value: Map<string, number> }>();
  const row = (month: MonthKey) => {
    let r = rows.get(month);
    if (r === undefined) {
      r = {
        month,
        invited: 0,
        credited: 0,
        voided: 0,
        ineligible: 0,
        overCap: 0,
        valueEarned: [],
        value: new Map(),
      };
      rows.set(month, r);
    }
    return r;
  };
  row(monthKey(clock.now, clock.timeZone));
  for (const r of ofProgram(records, settings)) {
    row(monthKey(r.invitedAt, clock.timeZone)).invited++;
    if (r.state === "credited" && r.creditedAt !== undefined) {
      const h = row(monthKey(r.creditedAt, clock.timeZone));
      h.credited++;
      addMoney(h.value, r.rewardCurrency, r.rewardValue);
    } else if (r.closedAt !== undefined) {
      const h = row(monthKey(r.closedAt, clock.timeZone));
      if (r.state === "voided") h.voided++;
      else if (r.state === "ineligible") h.ineligible++;
      else if (r.state === "over-cap") h.overCap++;
    }
  }
  return [...rows.values()]
    .sort((a, b) => b.month.localeCompare(a.month))
    .map(({ value, ...h }) => ({ ...h, valueEarned: moneyList(value) }));
}

/**
 * What a friend's first order placed now would run into. Its reward is
 * expected `creditWithinHours` from now, so near the end of a month it lands
 * in the next month and the current month's full cap does not matter.
 */
export function capWarning(
  records: readonly ReferralRecord[],
  settings: CapSettings,
  clock: TrackerClock,
): CapWarning {
  const mine = ofProgram(records, settings);
  const nowMs = toEpochMs(clock.now);
  const { timeZone } = clock;
  const landsIn = monthKey(nowMs + settings.creditWithinHours * HOUR_MS, timeZone);
  const used =
    creditedInMonth(mine, landsIn, timeZone) + pendingLandingIn(mine, settings, landsIn, { nowMs, timeZone });
  const cap = settings.monthlyCap;
  const slotsLeft = Math.max(0, cap - used);
  const resetsAtMs = monthStart(shiftMonthKey(landsIn, 1), timeZone);
  const resetDate = localDate(resetsAtMs, timeZone);
  const level: CapWarningLevel = slotsLeft === 0 ? "over-cap" : slotsLeft === 1 ? "last-slot" : "ok";
  const message =
    level === "over-cap"
      ? `The cap for ${landsIn} is used up (${used} of ${cap} rewards credited or on their way). ` +
        `A friend's first order now would likely earn nothing; the cap resets on ${resetDate}.`
      : level === "last-slot"
        ? `Only one reward slot is left for ${landsIn} (${used} of ${cap} used).`
        : "";
  return {
    level,
    landsIn,
    used,
    cap,
    slotsLeft,
    resetsAt: new Date(resetsAtMs).toISOString(),
    resetDate,
    message,
  };
}

/** Everything the tracker card shows, in one call. */
export function trackerSummary(
  records: readonly ReferralRecord[],
  settings: CapSettings & Pick<ProgramSettings, "chaseAfterHours">,
  clock: TrackerClock,
): TrackerSummary {
  return {
    current: monthSummary(records, settings, clock),
    history: monthlyHistory(records, settings, clock),
    chase: chaseList(ofProgram(records, settings), settings, clock.now),
    warning: capWarning(records, settings, clock),
  };
}
