/**
 * The shape of the shopper's checkout preferences: whether coins and store
 * points may be spent, how many orders a cart may be split into, and where
 * the packages go for the import tax. Stored by src/services/checkout-preferences.ts
 * and sent to each panel with the stack (checkout.ts), so both import it from here.
 */
import { z } from "../../optimizer/zod";

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
