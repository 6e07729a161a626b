/**
 * Integer money. Every amount is a whole number of cents; percentages become
 * basis points once, so no floating-point value ever touches an amount.
 */

/** A percentage with at most two decimals as integer basis points (12.5% -> 1250). */
export const basisPoints = (percent: number): number => Math.round(percent * 100);

/**
 * `floor(base * bp / 10000)` exactly. Inputs are bounded by the schema
 * (base <= 9e11, bp <= 10000), so the product stays below 2^53.
 */
export const floorPercent = (base: number, bp: number): number => Math.floor((base * bp) / 10000);

/** An amount rule: fixed `off`, or basis points of a base capped by `maxOff`. */
export interface AmountRule {
  off: number;
  /** 0 when the rule is a fixed amount. */
  bp: number;
  /** Infinity when there is no cap. */
  maxOff: number;
}

/** What a fixed or percent rule takes off `base`, never more than `base`. */
export const ruleAmount = (rule: AmountRule, base: number): number => {
  if (base <= 0) return 0;
  const raw = rule.bp === 0 ? rule.off : Math.min(floorPercent(base, rule.bp), rule.maxOff);
  return Math.min(raw, base);
};

// ---------------------------------------------------------------- display

const digitsCache = new Map<string, number>();

/** Digits after the decimal point for a currency: USD 2, JPY 0, KWD 3. */
export function currencyMinorDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    try {
      d =
        new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digitsCache.set(currency, d);
  }
  return d;
}

/** Integer minor units as an exact decimal string ("-1234.05"), so no float rounding reaches the formatter. */
export function decimalString(cents: number, digits: number): string {
  const neg = cents < 0;
  const abs = String(Math.abs(Math.round(cents)));
  if (digits === 0) return `${neg ? "-" : ""}${abs}`;
  const padded = abs.padStart(digits + 1, "0");
  return `${neg ? "-" : ""}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * `formatMoney(123456, "USD", "de-DE")` -> "1.234,56 $". Never throws: an
 * unknown locale falls back to English and an unknown currency to a plain
 * number followed by its code, because a popup must not go blank over this.
 */
export function formatMoney(cents: number, currency: string, locale?: string): string {
  const digits = currencyMinorDigits(currency);
  const amount = decimalString(cents, digits);
  // Intl accepts decimal strings exactly (Intl.NumberFormat v3); the cast is for older lib typings.
  const value = amount as unknown as number;
  for (const loc of [locale, "en"]) {
    try {
      return new Intl.NumberFormat(loc, { style: "currency", currency }).format(value);
    } catch {
      // try the next locale, then the plain form
    }
  }
  try {
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)} ${currency}`;
  } catch {
    return `${amount} ${currency}`;
  }
}
