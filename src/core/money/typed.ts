/**
 * Amounts a person types into a form ("5", "1.234,5", "1,234.50") to integer
 * minor units. Refusals carry a catalogue key and its substitutions, shaped as
 * the UI's `Message`, so every language can show them and this module needs
 * nothing from the extension.
 */
import { minorDigits } from "./currencies";
import { separators } from "./format";

type TypedAmountProblem =
  | "wallet_amountMissing"
  | "wallet_amountNegative"
  | "wallet_amountSeparators"
  | "wallet_amountNotNumber"
  | "wallet_amountWhole"
  | "wallet_amountDigits"
  | "wallet_amountTooLarge";

/** A catalogue sentence: structurally the UI's `Message`. */
export interface TypedAmountRefusal {
  readonly key: TypedAmountProblem;
  readonly subs: readonly string[];
}

export type DecimalParse = { ok: true; units: number } | { ok: false; message: TypedAmountRefusal };

const refuse = (key: TypedAmountProblem, ...subs: (string | number)[]): DecimalParse => ({
  ok: false,
  message: { key, subs: subs.map(String) },
});

/**
 * Parses a non-negative decimal as typed in `locale` ("1,234.5" in en,
 * "1.234,5" in de) into an integer count of 10^-digits units. A "." is also
 * taken as the decimal point when the locale's own is "," and no "," appears,
 * since people paste amounts from English pages.
 */
export function parseDecimal(text: string, digits: number, locale?: string): DecimalParse {
  const { decimal, group } = separators(locale);
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, "");
  if (s === "") return refuse("wallet_amountMissing");
  if (s.startsWith("-")) return refuse("wallet_amountNegative");
  if (decimal === "," && !s.includes(",") && (s.match(/\./g)?.length ?? 0) === 1 && !/\.\d{3}$/.test(s))
    s = s.replace(".", ",");
  if (group !== "" && group !== decimal) {
    const intPart = s.split(decimal)[0] ?? "";
    const escaped = group.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (intPart.includes(group) && !new RegExp(`^\\d{1,3}(?:${escaped}\\d{3})+$`).test(intPart))
      return refuse("wallet_amountSeparators", group, decimal);
    s = s.split(group).join("");
  }
  if (decimal !== ".") s = s.replace(decimal, ".");
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (m === null) return refuse("wallet_amountNotNumber");
  const whole = m[1] ?? "0";
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > digits)
    return digits === 0 ? refuse("wallet_amountWhole") : refuse("wallet_amountDigits", digits);
  const units = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(units)) return refuse("wallet_amountTooLarge");
  return { ok: true, units };
}

/** An amount typed in the currency's major unit ("5.00" USD) to minor units (500; "500" HUF is 500). */
export function parseTypedAmount(text: string, currency: string, locale?: string): DecimalParse {
  return parseDecimal(text, minorDigits(currency), locale);
}
