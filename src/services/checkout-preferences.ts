/**
 * The shopper's checkout preferences, in `storage.local` (small, read on every
 * optimization, changed from any open panel) and validated on every read;
 * a damaged field gives its default. The shape is src/messaging/checkout-preferences.ts.
 */
import {
  type CheckoutPreferences,
  CheckoutPreferencesSchema,
  type TaxCalibration,
} from "../messaging/checkout-preferences";
import { storedSetting } from "./stored-setting";

/** The setting's value, named here too for the pages that only load and save it. */
export type { CheckoutPreferences, TaxCalibration } from "../messaging/checkout-preferences";

export const CHECKOUT_PREFERENCES_KEY = "checkoutPreferences";

export const checkoutPreferences = storedSetting(CHECKOUT_PREFERENCES_KEY, CheckoutPreferencesSchema);

export const {
  defaults: defaultCheckoutPreferences,
  parse: parseCheckoutPreferences,
  load: loadCheckoutPreferences,
  save: saveCheckoutPreferences,
  watch: watchCheckoutPreferences,
} = checkoutPreferences;

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
