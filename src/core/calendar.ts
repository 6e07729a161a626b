/**
 * Calendar arithmetic in a chosen IANA time zone, without a date library.
 *
 * The referral cap counts rewards per *local* calendar month, so "which month is
 * it" and "when does next month start" must be answered in the user's zone, not
 * in UTC and not in the zone of whatever machine runs the code. Intl is the only
 * time-zone database we have, and it only converts instant -> local parts; the
 * reverse direction (local midnight -> instant) is found by search so that DST
 * gaps and +14/-12 offsets need no special cases.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** An instant as epoch milliseconds, a Date, or an ISO 8601 string with an offset. */
export type InstantLike = number | Date | string;

export interface LocalParts {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** "2026-03": a local calendar month. Sorts correctly as a string. */
export type MonthKey = string;

export function toEpochMs(instant: InstantLike): number {
  const ms =
    typeof instant === "number" ? instant : instant instanceof Date ? instant.getTime() : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return ms;
}

export function toIso(instant: InstantLike): string {
  return new Date(toEpochMs(instant)).toISOString();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      // h23, not hour12:false: some engines print midnight as "24" with the latter.
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (e.g. "Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== "string" || timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone this JS engine runs in: the browser's setting in the extension. */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export function localParts(instant: InstantLike, timeZone: string): LocalParts {
  const parts = formatterFor(timeZone).formatToParts(toEpochMs(instant));
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of parts) {
    if (p.type in out) out[p.type as keyof LocalParts] = Number(p.value);
  }
  return out;
}

const monthIndex = (year: number, month: number): number => year * 12 + (month - 1);
const pad2 = (n: number): string => String(n).padStart(2, "0");

export function monthKeyOf(year: number, month: number): MonthKey {
  return `${String(year).padStart(4, "0")}-${pad2(month)}`;
}

export function parseMonthKey(key: MonthKey): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (m === null || month < 1 || month > 12) throw new RangeError(`not a month key: ${key}`);
  return { year, month };
}

/** "March 2026" for "2026-03", in `locale` (English where the locale is unknown). */
export function monthName(key: MonthKey, locale: string): string {
  const { year, month } = parseMonthKey(key);
  const options: Intl.DateTimeFormatOptions = { year: "numeric", month: "long", timeZone: "UTC" };
  for (const loc of [locale, "en"]) {
    try {
      return new Intl.DateTimeFormat(loc, options).format(Date.UTC(year, month - 1, 15));
    } catch {
      // an unknown locale: try English
    }
  }
  return key;
}

/** The local calendar month an instant falls in, in `timeZone`. */
export function monthKey(instant: InstantLike, timeZone: string): MonthKey {
  const p = localParts(instant, timeZone);
  return monthKeyOf(p.year, p.month);
}

export function shiftMonthKey(key: MonthKey, delta: number): MonthKey {
  const { year, month } = parseMonthKey(key);
  const i = monthIndex(year, month) + delta;
  return monthKeyOf(Math.floor(i / 12), (i % 12) + 1);
}

/**
 * The first instant (whole second) whose local date is in the given month.
 * Usually local midnight of the 1st; where DST skips midnight (America/Asuncion,
 * October 2017) it is the first local time that exists, 01:00.
 */
export function monthStart(key: MonthKey, timeZone: string): number {
  const { year, month } = parseMonthKey(key);
  const target = monthIndex(year, month);
  const fmt = formatterFor(timeZone);
  const reached = (seconds: number): boolean => {
    let y = 0;
    let mo = 0;
    for (const p of fmt.formatToParts(seconds * 1000)) {
      if (p.type === "year") y = Number(p.value);
      else if (p.type === "month") mo = Number(p.value);
    }
    return monthIndex(y, mo) >= target;
  };
  // Offsets lie within -12h..+14h, so local midnight of the 1st is within a day
  // of UTC midnight of the 1st; 27 hours either side brackets it with margin.
  const utcFirst = Date.UTC(year, month - 1, 1) / 1000;
  let lo = utcFirst - 27 * 3600;
  let hi = utcFirst + 27 * 3600;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (reached(mid)) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

/** The instant the month after the one containing `instant` begins, in `timeZone`. */
export function nextMonthStart(instant: InstantLike, timeZone: string): number {
  return monthStart(shiftMonthKey(monthKey(instant, timeZone), 1), timeZone);
}

/** The local date "YYYY-MM-DD" of an instant in `timeZone`. */
export function localDate(instant: InstantLike, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${monthKeyOf(p.year, p.month)}-${pad2(p.day)}`;
}

/** "YYYY-MM-DDTHH:mm" as an `<input type="datetime-local">` shows it. */
export function localDateTime(instant: InstantLike, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${localDate(instant, timeZone)}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

function wallClockMs(epochMs: number, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/**
 * The instant a local wall-clock time names in `timeZone`. Like Temporal's
 * "compatible" choice: a time repeated by a DST fall-back means its earlier
 * instant; a time skipped by a spring-forward is moved forward by the gap.
 */
export function zonedToInstant(
  local: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): number {
  const wall = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour ?? 0,
    local.minute ?? 0,
    local.second ?? 0,
  );
  const offsetAt = (t: number) => wallClockMs(t, timeZone) - t;
  const offsets = new Set([offsetAt(wall - DAY_MS), offsetAt(wall), offsetAt(wall + DAY_MS)]);
  const matches = [...offsets].map((o) => wall - o).filter((t) => wallClockMs(t, timeZone) === wall);
  if (matches.length > 0) return Math.min(...matches);
  return wall - offsetAt(wall - DAY_MS);
}

/**
 * Parses what a date or date-time field holds: "YYYY-MM-DD", "YYYY-MM-DDTHH:mm[:ss]"
 * (local to `timeZone`), or an ISO 8601 instant with Z or an offset. A bare date
 * means the start of that day, or its last second when `endOfDay` is set (an
 * expiry written as a date lasts the whole day). Returns null when unparsable.
 */
export function parseLocalDateTime(
  text: string,
  timeZone: string,
  options: { endOfDay?: boolean } = {},
): number | null {
  const s = text.trim();
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) && s.includes("T")) {
    const ms = Date.parse(s);
    return Number.isFinite(ms) ? ms : null;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  const dateOnly = m[4] === undefined;
  const hour = dateOnly ? (options.endOfDay ? 23 : 0) : Number(m[4]);
  const minute = dateOnly ? (options.endOfDay ? 59 : 0) : Number(m[5]);
  const second = dateOnly ? (options.endOfDay ? 59 : 0) : Number(m[6] ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return null;
  return zonedToInstant({ year, month, day, hour, minute, second }, timeZone);
}
