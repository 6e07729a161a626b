/**
 * Money, months and dates as the user reads them, in their locale. Amounts
 * arrive as integer cents and only become text here; months and dates are
 * shown in the zone the tracker counts in, not the machine's.
 */

import { type InstantLike, type MonthKey, monthName, toEpochMs } from "../core/calendar";
import { dateTimeFormat, numberFormat, relativeTimeFormat } from "../core/intl-cache";
import { formatMoney } from "../core/money";
import type { MoneyAmount } from "../referral/tracker";
import { t } from "./i18n";

export const money = (cents: number, currency: string, locale: string): string =>
  formatMoney(cents, currency, locale);

/** Several currencies side by side ("US$5.00 + €3.00"); "none" when empty. */
export function moneyAmounts(amounts: readonly MoneyAmount[], locale: string): string {
  if (amounts.length === 0) return money(0, "USD", locale);
  return amounts.map((a) => money(a.cents, a.currency || "USD", locale)).join(" + ");
}

function safeFormat(locale: string, options: Intl.DateTimeFormatOptions, ms: number): string {
  for (const loc of [locale, "en"]) {
    try {
      return dateTimeFormat(loc, options).format(ms);
    } catch {
      // an unknown locale or zone: try English, then ISO
    }
  }
  return new Date(ms).toISOString();
}

/** "March 2026" for "2026-03". */
export const monthLabel = (key: MonthKey, locale: string): string => monthName(key, locale);

/** "Apr 1, 2026" for the local date "2026-04-01". */
export function localDateLabel(date: string, locale: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return safeFormat(
    locale,
    { dateStyle: "medium", timeZone: "UTC" },
    Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12),
  );
}

export function dateLabel(instant: InstantLike, locale: string, timeZone: string): string {
  return safeFormat(locale, { dateStyle: "medium", timeZone }, toEpochMs(instant));
}

export function dateTimeLabel(instant: InstantLike, locale: string, timeZone: string): string {
  return safeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }, toEpochMs(instant));
}

export function numberLabel(n: number, locale: string): string {
  try {
    return numberFormat(locale, {}).format(n);
  } catch {
    return String(n);
  }
}

/** 12.5 -> "12.5%". */
export function percentLabel(percent: number, locale: string): string {
  try {
    return numberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(percent / 100);
  } catch {
    return `${percent}%`;
  }
}

/** "in 5 hours", "in 2 days": how long until an instant, for expiry marks. */
export function timeLeftLabel(fromMs: number, toMs: number, locale: string): string {
  const hours = Math.max(0, Math.floor((toMs - fromMs) / 3_600_000));
  let rtf: Intl.RelativeTimeFormat;
  try {
    rtf = relativeTimeFormat(locale, { numeric: "auto" });
  } catch {
    rtf = relativeTimeFormat("en", { numeric: "auto" });
  }
  if (hours < 1) return t("expiresWithinHour");
  return hours < 48 ? rtf.format(hours, "hour") : rtf.format(Math.floor(hours / 24), "day");
}
