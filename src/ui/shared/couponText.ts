/** How a coupon reads in lists and notifications: "US$5.00 off", "10% off, up to US$3.00". */
import type { Coupon, CouponKind } from "../../../optimizer/schema";
import type { CouponSource } from "../../wallet/coupons";
import { type MessageKey, t } from "../i18n";
import { money, percentLabel } from "./format";

type Face = Pick<Coupon, "off" | "percent" | "maxOff" | "minSpend" | "currency">;

export function couponFace(c: Face, locale: string, fallbackCurrency = "USD"): string {
  const cur = c.currency ?? fallbackCurrency;
  if (c.off !== undefined) return t("couponOff", money(c.off, cur, locale));
  const pct = percentLabel(c.percent ?? 0, locale);
  return c.maxOff !== undefined
    ? t("couponPercentOffCapped", pct, money(c.maxOff, cur, locale))
    : t("couponPercentOff", pct);
}

export function couponMinimum(c: Face, locale: string, fallbackCurrency = "USD"): string {
  const cur = c.currency ?? fallbackCurrency;
  return c.minSpend > 0 ? t("couponMinSpend", money(c.minSpend, cur, locale)) : t("couponNoMinimum");
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
