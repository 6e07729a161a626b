import { type CheckoutPreferences, MAX_ORDER_CHOICES } from "../../messaging/checkout-preferences";
import { t, tn } from "../../services/i18n";

interface Props {
  preferences: CheckoutPreferences;
  onChange: (patch: Partial<CheckoutPreferences>) => void;
  /** The checkout page is one order: the split choice does not apply there. */
  showSplit: boolean;
}

/** The two choices that change the stack; the background re-optimizes as soon as one is saved. */
export function PreferencesForm({ preferences, onChange, showSplit }: Props) {
  return (
    <section class="prefs" aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">{t("panel_preferencesHeading")}</h2>
      <label class="check">
        <input
          type="checkbox"
          checked={preferences.useCoinsAndPoints}
          onChange={(e) => onChange({ useCoinsAndPoints: e.currentTarget.checked })}
          data-testid="pref-coins-points"
        />
        <span>{t("panel_useCoinsAndPoints")}</span>
      </label>
      {showSplit && (
        <fieldset class="segmented">
          <legend>{t("panel_maxOrders")}</legend>
          <div class="segments">
            {MAX_ORDER_CHOICES.map((n) => (
              <label key={n}>
                <input
                  type="radio"
                  name="max-orders"
                  value={n}
                  checked={preferences.maxOrders === n}
                  onChange={() => onChange({ maxOrders: n })}
                  data-testid={`pref-max-orders-${n}`}
                />
                <span>{tn("panel_maxOrders", n, n)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </section>
  );
}
