import { useState } from "preact/hooks";
import {
  type CheckoutPreferences,
  loadCheckoutPreferences,
  saveCheckoutPreferences,
} from "../../services/checkout-preferences";
import { t } from "../../services/i18n";
import { useLoad, useReportError } from "../shared/app";
import { Card, CheckboxField, SelectField, TextField } from "../shared/fields";
import { countryName, rateText, shortDate } from "../shared/tax-text";

/** Destinations with a built-in tax rule (optimizer/tax-rules.ts), as ISO 3166-1 codes. */
const COUNTRIES = [
  "BR",
  "AT",
  "BE",
  "BG",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "HU",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SE",
  "SI",
  "SK",
  "GB",
  "CL",
  "MX",
  "AU",
  "US",
] as const;

/** Brazil's states (ISO 3166-2:BR without the prefix): the ICMS rate depends on them. */
const BR_STATES = [
  "AC",
  "AL",
  "AP",
  "AM",
  "BA",
  "CE",
  "DF",
  "ES",
  "GO",
  "MA",
  "MT",
  "MS",
  "MG",
  "PA",
  "PB",
  "PR",
  "PE",
  "PI",
  "RJ",
  "RN",
  "RS",
  "RO",
  "RR",
  "SC",
  "SP",
  "SE",
  "TO",
] as const;

/**
 * Where the packages go (issue 13): the checkout's stack then minimises the total after
 * import tax. Kept with the checkout preferences the background reads on every cart.
 */
export function TaxDestinationCard({ locale }: { locale: string }) {
  const report = useReportError();
  const prefs = useLoad(() => loadCheckoutPreferences(), []);
  if (prefs.data === undefined) return null;
  const current = prefs.data;
  const save = async (patch: Partial<CheckoutPreferences>) => {
    try {
      await saveCheckoutPreferences(patch);
      prefs.reload();
    } catch (e) {
      report(e);
    }
  };
  const country = current.taxDestination?.country ?? "";
  const countries = COUNTRIES.map((c) => ({ value: c, label: countryName(c, locale) })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  );
  return (
    <Card title={t("optionsTaxTitle")} testId="tax-destination-card">
      <SelectField
        label={t("optionsTaxCountry")}
        hint={t("optionsTaxCountryHint")}
        value={country}
        choices={[{ value: "", label: t("optionsTaxNone") }, ...countries]}
        onValue={(v) => save({ taxDestination: v === "" ? undefined : { country: v } })}
        testId="tax-country"
      />
      {country === "BR" && (
        <SelectField
          label={t("optionsTaxState")}
          value={current.taxDestination?.region ?? ""}
          choices={[
            { value: "", label: t("optionsTaxStateNone") },
            ...BR_STATES.map((s) => ({ value: s, label: s })),
          ]}
          onValue={(v) => save({ taxDestination: v === "" ? { country } : { country, region: v } })}
          testId="tax-region"
        />
      )}
      {country !== "" && <RateField rate={current.taxRate} onRate={(taxRate) => save({ taxRate })} />}
      {(current.taxCalibrations ?? [])
        .filter((c) => c.country === country)
        .map((c) => (
          <p key={`${c.ruleCurrency}-${c.cartCurrency}`} class="muted" data-testid="tax-rate-calibrated">
            {t(
              "optionsTaxRateCalibrated",
              shortDate(c.date, locale),
              rateText(c.rate, locale),
              c.ruleCurrency,
              c.cartCurrency,
              countryName(c.country, locale),
            )}
          </p>
        ))}
      {country !== "" && (
        <CheckboxField
          label={t("optionsTaxReduce")}
          hint={t("optionsTaxReduceHint")}
          checked={current.taxDiscountsReduceBase ?? true}
          onChecked={(on) => save({ taxDiscountsReduceBase: on })}
          testId="tax-reduce-base"
        />
      )}
    </Card>
  );
}

/** A positive decimal with at most 8 decimals, as the optimizer's `destination.rate` accepts. */
export function parseRate(text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (!/^\d+(\.\d{1,8})?$/.test(trimmed)) return null;
  const rate = Number(trimmed);
  return rate > 0 && rate <= 1e9 ? rate : null;
}

/** The exchange rate, saved as soon as it reads as one; empty removes it. */
function RateField({
  rate,
  onRate,
}: {
  rate: number | undefined;
  onRate: (rate: number | undefined) => void;
}) {
  const [text, setText] = useState(rate === undefined ? "" : String(rate));
  const parsed = text.trim() === "" ? undefined : parseRate(text);
  return (
    <TextField
      label={t("optionsTaxRate")}
      hint={t("optionsTaxRateHint")}
      error={parsed === null ? t("optionsTaxRateInvalid") : undefined}
      value={text}
      inputMode="decimal"
      onValue={(v) => {
        setText(v);
        const next = v.trim() === "" ? undefined : parseRate(v);
        if (next !== null) onRate(next);
      }}
      testId="tax-rate"
    />
  );
}
