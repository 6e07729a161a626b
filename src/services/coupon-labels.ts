/** How a coupon reads in lists and notifications: "US$5.00 off", "10% off, up to US$3.00". */
import type { Coupon, CouponKind } from "../../optimizer/schema";
import type { CouponSource } from "../wallet/coupons";
import { dateLabel, money, percentLabel } from "./format";
import { type MessageKey, t } from "./i18n";

type Face = Pick<Coupon, "off" | "percent" | "maxOff" | "minSpend" | "currency">;

/** A message in some language: `t` in the extension, a chosen catalogue in tests and tools. */
export type Say = (key: MessageKey, ...subs: (string | number)[]) => string;

export function couponFace(c: Face, locale: string, fallbackCurrency = "USD", say: Say = t): string {
  const cur = c.currency ?? fallbackCurrency;
  if (c.off !== undefined) return say("couponOff", money(c.off, cur, locale));
  const pct = percentLabel(c.percent ?? 0, locale);
  return c.maxOff !== undefined
    ? say("couponPercentOffCapped", pct, money(c.maxOff, cur, locale))
    : say("couponPercentOff", pct);
}

export function couponMinimum(c: Face, locale: string, fallbackCurrency = "USD", say: Say = t): string {
  const cur = c.currency ?? fallbackCurrency;
  return c.minSpend > 0 ? say("couponMinSpend", money(c.minSpend, cur, locale)) : say("couponNoMinimum");
}

/**
 * A whole coupon as a card shows it, one line each: its kind (with store or
 * code), face and minimum, expiry. The coupon-text reader reads this back as
 * the same coupon in every language of the catalogues.
 */
export function couponCardText(
  c: Face & Pick<Coupon, "kind" | "expiresAt" | "code">,
  options: { locale: string; timeZone: string; storeName?: string; fallbackCurrency?: string; say?: Say },
): string {
  const { locale, timeZone, say = t, fallbackCurrency = "USD" } = options;
  const kindLine =
    c.kind === "store"
      ? say("panel_slotStore", options.storeName ?? "")
      : c.kind === "select"
        ? say("panel_slotSelect")
        : c.kind === "promo"
          ? `${say("panel_slotPromo")}: ${c.code ?? ""}`
          : say("panel_slotPlatform");
  return [
    kindLine,
    `${couponFace(c, locale, fallbackCurrency, say)} ${couponMinimum(c, locale, fallbackCurrency, say)}`,
    say("expiresOn", dateLabel(c.expiresAt, locale, timeZone)),
  ].join("\n");
}

export const KIND_LABELS: Record<CouponKind, MessageKey> = {
  platform: "kindPlatform",
  promo: "kindPromo",
  store: "kindStore",
  select: "kindSelect",
};

export const SOURCE_LABELS: Record<CouponSource, MessageKey> = {
  referral: "sourceReferral",
  welcome: "sourceWelcome",
  store: "sourceStore",
  event: "sourceEvent",
  "coins-exchange": "sourceCoinsExchange",
  manual: "sourceManual",
  page: "sourcePage",
  paste: "sourcePaste",
};

export function kindLabel(kind: CouponKind): string {
  return t(KIND_LABELS[kind]);
}

export function sourceLabel(source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  const key = SOURCE_LABELS[source as CouponSource];
  return key === undefined ? source : t(key);
}
