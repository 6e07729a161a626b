/**
 * Money for display and input. Amounts are integers in the currency's minor
 * unit ("cents": US cents, yen, 1/1000 dinar) everywhere inside; only here do
 * they meet decimal text. Minor digits come from Intl so that what we parse and
 * what we print always agree.
 */

// Formatting lives in the pure money core, shared with the optimizer's command line.
import { currencyMinorDigits, decimalString } from "../../optimizer/money";
import { type Message, message } from "../ui/message";

export { currencyMinorDigits, formatMoney } from "../../optimizer/money";

let knownCurrencies: Set<string> | null = null;

/** An ISO 4217 code this browser knows (falls back to the shape check where Intl cannot list them). */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  if (knownCurrencies === null) {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    knownCurrencies = new Set(intl.supportedValuesOf?.("currency") ?? []);
  }
  return knownCurrencies.size === 0 || knownCurrencies.has(code);
}

function separators(locale?: string): { decimal: string; group: string } {
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

export type DecimalParse = { ok: true; units: number } | { ok: false; message: Message };

/**
 * Parses a non-negative decimal as typed in `locale` ("1,234.5" in en,
 * "1.234,5" in de) into an integer count of 10^-digits units. A "." is also
 * taken as the decimal point when the locale's own is "," and no "," appears,
 * since people paste amounts from English pages.
 */
export function parseDecimal(text: string, digits: number, locale?: string): DecimalParse {
  const { decimal, group } = separators(locale);
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, "");
  if (s === "") return { ok: false, message: message("wallet_amountMissing") };
  if (s.startsWith("-")) return { ok: false, message: message("wallet_amountNegative") };
  if (decimal === "," && !s.includes(",") && (s.match(/\./g)?.length ?? 0) === 1 && !/\.\d{3}$/.test(s))
    s = s.replace(".", ",");
  if (group !== "" && group !== decimal) {
    const intPart = s.split(decimal)[0] ?? "";
    const escaped = group.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (intPart.includes(group) && !new RegExp(`^\\d{1,3}(?:${escaped}\\d{3})+$`).test(intPart))
      return { ok: false, message: message("wallet_amountSeparators", group, decimal) };
    s = s.split(group).join("");
  }
  if (decimal !== ".") s = s.replace(decimal, ".");
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (m === null) return { ok: false, message: message("wallet_amountNotNumber") };
  const whole = m[1] ?? "0";
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > digits)
    return {
      ok: false,
      message: digits === 0 ? message("wallet_amountWhole") : message("wallet_amountDigits", digits),
    };
  const units = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(units)) return { ok: false, message: message("wallet_amountTooLarge") };
  return { ok: true, units };
}

/** Parses an amount typed in the currency's major unit ("5.00" USD) into minor units (500). */
export function parseMoney(text: string, currency: string, locale?: string): DecimalParse {
  return parseDecimal(text, currencyMinorDigits(currency), locale);
}

/** Minor units back to the plain text an input field shows ("5.00"), in `locale`'s decimal mark. */
export function moneyInputText(cents: number, currency: string, locale?: string): string {
  const s = decimalString(cents, currencyMinorDigits(currency));
  const { decimal } = separators(locale);
  return decimal === "." ? s : s.replace(".", decimal);
}
