/**
 * Where the import tax's destination and exchange rate came from (issue 13), as
 * catalogue messages for the panel and the options. Pure: the caller renders them.
 */

import { type Message, message } from "../../core/message";
import type { CalibrationView, DestinationView, RateView } from "../../messaging/checkout";

/** A country's name in the reader's language ("Brazil"), or its code. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale, "en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A rate as the reader writes decimals ("0,1843" in Portuguese), with all its digits. */
export function rateText(rate: number, locale: string): string {
  try {
    return new Intl.NumberFormat([locale, "en"], { maximumFractionDigits: 8 }).format(rate);
  } catch {
    return String(rate);
  }
}

/** "6 Dec" / "Dec 6" for an ISO instant. */
export function shortDate(iso: string, locale: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  try {
    return new Intl.DateTimeFormat([locale, "en"], {
      day: "numeric",
      month: "short",
      year: "numeric",
    }).format(ms);
  } catch {
    return iso.slice(0, 10);
  }
}

/** Where the destination came from: the page's ship-to country, or why the page's could not be used. */
export function destinationMessages(view: DestinationView, locale: string): Message[] {
  const out: Message[] = [];
  const name = (code: string) => countryName(code, locale);
  if (view.from === "page")
    out.push(
      view.setting
        ? message("panel_taxShipToPage", name(view.country), name(view.setting))
        : message("panel_taxShipToPageSame", name(view.country)),
    );
  else if (view.pageProblem)
    out.push(
      message(
        view.pageProblem.kind === "unknown" ? "panel_taxShipToUnknown" : "panel_taxShipToMalformed",
        view.pageProblem.text,
        name(view.country),
      ),
    );
  if (view.province !== undefined)
    out.push(
      view.region
        ? message("panel_taxProvinceState", view.province, view.region)
        : message("panel_taxProvinceNoState", view.province, name(view.country)),
    );
  return out;
}

/** The rate the tax was converted with, and where it came from. */
export function rateMessages(rate: RateView, locale: string): Message[] {
  const r = rateText(rate.rate, locale);
  if (rate.source === "setting")
    return [message("panel_taxRateSetting", r, rate.ruleCurrency, rate.cartCurrency)];
  return [
    message(
      "panel_taxRateCheckout",
      r,
      rate.ruleCurrency,
      rate.cartCurrency,
      shortDate(rate.date ?? "", locale),
    ),
  ];
}

/** What this checkout's own tax lines said of the rate. */
export function calibrationMessages(
  c: CalibrationView,
  rate: RateView | undefined,
  locale: string,
): Message[] {
  const r = (x: number | undefined) => rateText(x ?? 0, locale);
  const { ruleCurrency: from, cartCurrency: to } = c;
  const disagree =
    c.disagree.length > 0 ? [message("panel_taxCalibrationDisagree", c.disagree.join(", "))] : [];
  switch (c.outcome) {
    case "rate":
      return [
        message("panel_taxCalibrated", r(c.rate), from, to, r(c.low), r(c.high)),
        ...disagree,
        rate?.source === "setting"
          ? message("panel_taxCalibratedSettingWins")
          : message("panel_taxCalibratedKept"),
      ];
    case "proportional":
      return [message("panel_taxCalibrationProportional", from)];
    case "at-most":
      return [message("panel_taxCalibrationAtMost", r(c.bound), from, to)];
    case "at-least":
      return [message("panel_taxCalibrationAtLeast", r(c.bound), from, to)];
    case "no-fit":
      return [message("panel_taxCalibrationNoFit"), ...disagree];
    case "several":
      return [message("panel_taxCalibrationSeveral")];
    case "discounts-differ":
      return [message("panel_taxCalibrationDiscounts")];
    case "no-lines":
      return [message("panel_taxCalibrationNoLines")];
  }
}
