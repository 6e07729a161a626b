/**
 * Where the import tax's destination and exchange rate come from (issue 13), for the
 * background's sessions. Pure: tests drive it without a browser.
 *
 * - Destination: import tax is on once the shopper names a destination in the options;
 *   the page's ship-to country (its settings cookie) then wins over the options'
 *   country. The page's province code is not read as a Brazilian state (its format is
 *   in no source): the options' state is kept when the countries agree.
 * - Rate: the shopper's own rate wins; otherwise the rate calibrated on the last
 *   checkout seen for that destination and currency pair (optimizer/tax-calibrate.ts).
 */
import { parseInput } from "../../../optimizer";
import type { Cart, Result } from "../../../optimizer/schema";
import { ruleFor, taxRules } from "../../../optimizer/tax";
import { calibrateRate, orderPackages } from "../../../optimizer/tax-calibrate";
import { pageTaxName } from "../../adapters/page-tax-names";
import type { ShipTo } from "../../adapters/ship-to";
import type { CheckoutFigures } from "../../adapters/types";
import type { CalibrationView, DestinationView, RateView } from "../../messaging/checkout";
import type { CheckoutPreferences, TaxCalibration } from "../../services/checkout-preferences";

export interface Destination {
  country: string;
  region?: string;
}

/** The destination the tax is modelled for, and what the panel says about it. */
export function resolveDestination(
  preferences: CheckoutPreferences,
  shipTo: ShipTo | undefined,
): { destination: Destination; view: DestinationView } | undefined {
  const setting = preferences.taxDestination;
  if (!setting) return undefined;
  if (shipTo?.kind === "country") {
    const same = shipTo.country === setting.country;
    const region = same ? setting.region : undefined;
    return {
      destination: { country: shipTo.country, ...(region ? { region } : {}) },
      view: {
        country: shipTo.country,
        from: "page",
        ...(same ? {} : { setting: setting.country }),
        ...(shipTo.province ? { province: shipTo.province } : {}),
        ...(region ? { region } : {}),
      },
    };
  }
  const problem =
    shipTo?.kind === "malformed"
      ? { kind: "malformed" as const, text: shipTo.text }
      : shipTo?.kind === "unknown"
        ? { kind: "unknown" as const, text: shipTo.code }
        : undefined;
  return {
    destination: setting,
    view: {
      country: setting.country,
      from: "setting",
      ...(problem ? { pageProblem: problem } : {}),
      ...(setting.region ? { region: setting.region } : {}),
    },
  };
}

/** Names a checkout by its lines: the same items and quantities are the same checkout. */
export function checkoutKey(cart: Cart): string {
  const text = cart.items
    .map((i) => `${i.id}x${i.quantity}@${i.unitPrice}`)
    .sort()
    .join(",");
  // FNV-1a, 32 bits: a short, stable name, not a secret.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${cart.currency}-${h.toString(16).padStart(8, "0")}`;
}

/** The rule's currency at `now`, or undefined without a rule. */
const ruleCurrency = (country: string, now: number): string | undefined =>
  ruleFor(taxRules().rules, country, now)?.currency;

/** The exchange rate for the destination's rule, when the rule is in another currency than the cart. */
export function rateFor(
  preferences: CheckoutPreferences,
  country: string,
  now: number,
  cartCurrency: string,
  checkout: string,
): RateView | undefined {
  const currency = ruleCurrency(country, now);
  if (currency === undefined || currency === cartCurrency) return undefined;
  if (preferences.taxRate !== undefined)
    return { rate: preferences.taxRate, ruleCurrency: currency, cartCurrency, source: "setting" };
  const c = storedCalibration(preferences, country, currency, cartCurrency);
  if (!c) return undefined;
  return {
    rate: c.rate,
    ruleCurrency: currency,
    cartCurrency,
    source: "checkout",
    date: c.date,
    sameCheckout: c.checkout === checkout,
  };
}

export const storedCalibration = (
  preferences: CheckoutPreferences,
  country: string,
  ruleCurrency: string,
  cartCurrency: string,
): TaxCalibration | undefined =>
  preferences.taxCalibrations?.find(
    (c) => c.country === country && c.ruleCurrency === ruleCurrency && c.cartCurrency === cartCurrency,
  );

export interface CheckoutCalibrationArgs {
  /** The optimizer input the stack came from (its destination's rate does not matter here). */
  input: Record<string, unknown>;
  result: Result;
  figures: CheckoutFigures;
  destination: Destination;
  now: Date;
  checkout: string;
}

/**
 * Solves the rate from the checkout's own tax lines, when the rule is in another
 * currency than the cart. The packages' values are the stack's: only when the page
 * charges what the stack does before tax are they the page's too.
 */
export function calibrateCheckout(
  args: CheckoutCalibrationArgs,
): { view: CalibrationView; record?: TaxCalibration } | undefined {
  const { result, figures, destination, now } = args;
  const rule = ruleFor(taxRules().rules, destination.country, now.getTime());
  const cartCurrency = figures.currency;
  const order = result.orders[0];
  if (!rule || rule.currency === cartCurrency || result.currency !== cartCurrency) return undefined;
  if (!order || result.orders.length !== 1) return undefined;
  const base = { ruleCurrency: rule.currency, cartCurrency, disagree: [] };
  const pageLines = figures.lines.filter((l) => l.kind === "tax");
  if (pageLines.length === 0) return { view: { ...base, outcome: "no-lines" } };
  if (figures.total - figures.tax !== result.total - (result.tax ?? 0))
    return { view: { ...base, outcome: "discounts-differ" } };
  const input = parseInput(args.input);
  const reduceBase = input.rules.discountsReduceBase ?? rule.discountsReduceBase;
  const packages = orderPackages(input, order, reduceBase);
  const storeName = (id: string) => input.cart.stores.find((s) => s.id === id)?.name ?? id;
  const c = calibrateRate({
    rule,
    country: destination.country,
    ...(destination.region ? { region: destination.region } : {}),
    cartCurrency,
    observations: [
      {
        // The page's lines are per order: the order's packages are one observation.
        id: packages.map((p) => storeName(p.storeId)).join(", "),
        packages,
        lines: pageLines.map((l) => ({ name: pageTaxName(l.title) ?? null, cents: l.cents })),
      },
    ],
  });
  if (c.kind === "rate")
    return {
      view: { ...base, outcome: "rate", rate: c.rate, low: c.low, high: c.high, disagree: c.disagree },
      record: {
        country: destination.country,
        ruleCurrency: rule.currency,
        cartCurrency,
        rate: c.rate,
        low: c.low,
        high: c.high,
        date: now.toISOString(),
        checkout: args.checkout,
      },
    };
  if (c.reason === "same-currency") return undefined;
  return {
    view: {
      ...base,
      outcome: c.reason,
      disagree: c.disagree,
      ...(c.bound !== undefined ? { bound: c.bound } : {}),
    },
  };
}
