/**
 * Minor units to text for people. The digits always come from the currency
 * table, whatever the browser's Intl thinks, so what the reader parsed and
 * what the panel prints are the same number.
 */
// Exact integer-to-decimal text is the engine's own (it formats its command line's tables too).
import { decimalString } from "../../../optimizer/money";
import { numberFormat } from "../intl-cache";
import { minorDigits } from "./currencies";

export { decimalString };

/**
 * `formatMoney(123456, "USD", "de-DE")` -> "1.234,56 $". Never throws: an
 * unknown locale falls back to English and an unknown currency to a plain
 * number followed by its code, because a popup must not go blank over this.
 */
export function formatMoney(cents: number, currency: string, locale?: string): string {
  const digits = minorDigits(currency);
  const amount = decimalString(cents, digits);
  // Intl accepts decimal strings exactly (Intl.NumberFormat v3); the cast is for older lib typings.
  const value = amount as unknown as number;
  const fraction = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  for (const loc of [locale, "en"]) {
    try {
      return numberFormat(loc, { style: "currency", currency, ...fraction }).format(value);
    } catch {
      // try the next locale, then the plain form
    }
  }
  try {
    return `${numberFormat(locale, fraction).format(value)} ${currency}`;
  } catch {
    return `${amount} ${currency}`;
  }
}

/** The decimal and grouping marks of a locale (English's where the locale is unknown). */
export function separators(locale?: string): { decimal: string; group: string } {
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  } catch {
    parts = new Intl.NumberFormat("en").formatToParts(12345.6);
  }
  return {
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
  };
}

/** Minor units back to the plain text an input field shows ("5.00"), in `locale`'s decimal mark. */
export function moneyInputText(cents: number, currency: string, locale?: string): string {
  const s = decimalString(cents, minorDigits(currency));
  const { decimal } = separators(locale);
  return decimal === "." ? s : s.replace(".", decimal);
}
