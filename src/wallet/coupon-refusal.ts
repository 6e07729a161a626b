/**
 * The words for people of each reason the coupon-text reader refuses a text
 * (coupon-text.ts): one table for every screen that lists refused coupons
 * (the popup's Paste coupons, the scan panel), so a reason reads the same
 * everywhere and in every language. The reader's English `message` is the
 * CLI's (`npm run read-coupons`).
 */
import { type Message, type MessageKey, message } from "../core/message";
import type { CouponRefusalReason } from "./coupon-text";

export const REFUSAL_TEXTS: Record<CouponRefusalReason, MessageKey> = {
  "too-long": "refusedTooLong",
  html: "refusedHtml",
  "no-amount": "refusedNoAmount",
  "several-amounts": "refusedSeveralAmounts",
  "amount-unreadable": "refusedAmountUnreadable",
  "currency-mismatch": "refusedCurrencyMismatch",
  "hidden-mark": "refusedHiddenMark",
  "stray-numbers": "refusedStrayNumbers",
  "bad-percent": "refusedBadPercent",
  "bad-date": "refusedBadDate",
};

/** Why the reader refused a coupon, as a sentence for people. */
export const refusalText = (reason: CouponRefusalReason): Message => message(REFUSAL_TEXTS[reason]);
