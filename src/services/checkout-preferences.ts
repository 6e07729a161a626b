/**
 * The shopper's checkout preferences: whether coins and store points may be
 * spent, and how many orders a cart may be split into. Kept in
 * `storage.local` (small, read on every optimization, changed from any open
 * panel) and validated on every read; anything unreadable gives the defaults.
 */
import { browser } from "wxt/browser";
import { z } from "../../optimizer/zod";

export const CHECKOUT_PREFERENCES_KEY = "checkoutPreferences";

/** The split choices the panel offers. */
export const MAX_ORDER_CHOICES = [1, 2, 3, 4] as const;

/**
 * An exchange rate solved from a checkout's own tax lines (optimizer/tax-calibrate.ts):
 * used for later carts of the same destination and currencies unless the shopper set
 * a rate. `checkout` tells the checkout it came from (a digest of its lines).
 */
export const TaxCalibrationSchema = z.object({
  country: z.string().check(z.regex(/^[A-Z]{2}$/)),
  ruleCurrency: z.string().check(z.regex(/^[A-Z]{3}$/)),
  cartCurrency: z.string().check(z.regex(/^[A-Z]{3}$/)),
  rate: z.number().check(z.positive(), z.lte(1e9)),
  /** Every rate in [low, high] reproduces the checkout's lines to the cent. */
  low: z.number().check(z.positive()),
  high: z.number().check(z.positive()),
  /** When the checkout was seen (ISO 8601). */
  date: z.iso.datetime(),
  checkout: z.string().check(z.maxLength(40)),
});
export type TaxCalibration = z.output<typeof TaxCalibrationSchema>;

export const CheckoutPreferencesSchema = z.object({
  /** Spend coins and store points where they lower the total. */
  useCoinsAndPoints: z._default(z.boolean(), true),
  /**
   * The most orders a cart may be split into. Two by default: the optimizer
   * only splits when that is strictly cheaper, and a split is where a second
   * platform coupon pays off.
   */
  maxOrders: z._default(z.number().check(z.int(), z.gte(1), z.lte(4)), 2),
  /**
   * Where the packages go, for the import tax (issue 13): an ISO 3166-1 country and, for
   * Brazil, the state. Absent: no tax is modelled.
   */
  taxDestination: z.optional(
    z.object({
      country: z.string().check(z.regex(/^[A-Z]{2}$/)),
      region: z.optional(z.string().check(z.regex(/^[A-Z0-9]{1,3}$/))),
    }),
  ),
  /** Whether order-level discounts reduce the taxed value; absent: the tax rule's default. */
  taxDiscountsReduceBase: z.optional(z.boolean()),
  /**
   * Units of the tax rule's currency per unit of the cart's (Brazil's rule is in USD, a
   * cart in BRL needs it); absent: tax is modelled only when the currencies agree.
   */
  taxRate: z.optional(
    z.number().check(
      z.positive(),
      z.lte(1e9),
      z.refine((r) => Number(r.toFixed(8)) === r),
    ),
  ),
  /** Rates calibrated on checkouts, one per destination and currency pair (the latest). */
  taxCalibrations: z.optional(z.array(TaxCalibrationSchema).check(z.maxLength(50))),
});

export type CheckoutPreferences = z.output<typeof CheckoutPreferencesSchema>;

export const defaultCheckoutPreferences = (): CheckoutPreferences => CheckoutPreferencesSchema.parse({});

/** Reads stored preferences; a missing or malformed entry gives the defaults, field by field where it can. */
export function parseCheckoutPreferences(stored: unknown): CheckoutPreferences {
  const whole = CheckoutPreferencesSchema.safeParse(stored ?? {});
  if (whole.success) return whole.data;
  const out = defaultCheckoutPreferences();
  if (typeof stored === "object" && stored !== null) {
    const s = stored as Record<string, unknown>;
    const coins = CheckoutPreferencesSchema.shape.useCoinsAndPoints.safeParse(s.useCoinsAndPoints);
    const orders = CheckoutPreferencesSchema.shape.maxOrders.safeParse(s.maxOrders);
    if (coins.success) out.useCoinsAndPoints = coins.data;
    if (orders.success) out.maxOrders = orders.data;
    const destination = CheckoutPreferencesSchema.shape.taxDestination.safeParse(s.taxDestination);
    if (destination.success && destination.data) out.taxDestination = destination.data;
    const reduce = CheckoutPreferencesSchema.shape.taxDiscountsReduceBase.safeParse(s.taxDiscountsReduceBase);
    if (reduce.success && reduce.data !== undefined) out.taxDiscountsReduceBase = reduce.data;
    const rate = CheckoutPreferencesSchema.shape.taxRate.safeParse(s.taxRate);
    if (rate.success && rate.data !== undefined) out.taxRate = rate.data;
    const calibrated = CheckoutPreferencesSchema.shape.taxCalibrations.safeParse(s.taxCalibrations);
    if (calibrated.success && calibrated.data !== undefined) out.taxCalibrations = calibrated.data;
  }
  return out;
}

export async function loadCheckoutPreferences(): Promise<CheckoutPreferences> {
  try {
    const stored = await browser.storage.local.get(CHECKOUT_PREFERENCES_KEY);
    return parseCheckoutPreferences(stored[CHECKOUT_PREFERENCES_KEY]);
  } catch {
    return defaultCheckoutPreferences();
  }
}

/** Saves a change; a value outside the schema throws and nothing is written. */
export async function saveCheckoutPreferences(
  patch: Partial<CheckoutPreferences>,
): Promise<CheckoutPreferences> {
  const next = CheckoutPreferencesSchema.parse({ ...(await loadCheckoutPreferences()), ...patch });
  await browser.storage.local.set({ [CHECKOUT_PREFERENCES_KEY]: next });
  return next;
}

/** Keeps `calibration` as the one rate for its destination and currencies. */
export async function saveTaxCalibration(calibration: TaxCalibration): Promise<CheckoutPreferences> {
  const same = (c: TaxCalibration) =>
    c.country === calibration.country &&
    c.ruleCurrency === calibration.ruleCurrency &&
    c.cartCurrency === calibration.cartCurrency;
  const kept = (await loadCheckoutPreferences()).taxCalibrations ?? [];
  return saveCheckoutPreferences({
    taxCalibrations: [...kept.filter((c) => !same(c)), calibration].slice(-50),
  });
}

/** Calls `listener` with the new preferences whenever any page changes them. */
export function watchCheckoutPreferences(listener: (preferences: CheckoutPreferences) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== "local" || !(CHECKOUT_PREFERENCES_KEY in changes)) return;
    listener(parseCheckoutPreferences(changes[CHECKOUT_PREFERENCES_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
