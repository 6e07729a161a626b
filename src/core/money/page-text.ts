/**
 * Reading prices written for people ("US $1,234.56", "1.234,56 €",
 * "R$ 1.234,56", "12 345 Ft") into integer minor units and an ISO 4217 currency.
 *
 * A wrong price is worse than none: the optimizer would confidently pick a
 * stack for a cart that does not exist. So the parser refuses anything it
 * cannot read without guessing: no currency marker, a marker that fits several
 * currencies with no context to choose, a separator that could be decimal or
 * thousands, more than one number, signs, stray text, absurd sizes. It never
 * throws, whatever it is given.
 */
import { MAX_CENTS } from "../../../optimizer/schema";
import { isKnownCurrency, minorDigits } from "./currencies";

export type MoneyRefusal =
  | "not-a-string"
  | "empty"
  | "too-long"
  | "no-number"
  | "several-numbers"
  | "negative"
  | "no-currency"
  | "unknown-currency"
  | "ambiguous-currency"
  | "currency-mismatch"
  | "unexpected-text"
  | "ambiguous-separator"
  | "bad-grouping"
  | "too-many-decimals"
  | "too-large";

export type MoneyResult =
  | { ok: true; cents: number; currency: string }
  | { ok: false; reason: MoneyRefusal; message: string };

export interface MoneyContext {
  /**
   * The currency the page is known to be priced in (the account setting, or
   * the page state's `currency`). It picks the currency of shared markers such
   * as `$`, `¥` and `kr`, and a string in another currency is refused.
   */
  currency?: string;
  /**
   * The page's decimal separator, when other prices on the same page showed
   * it. It resolves strings such as `1.234 €` that are otherwise refused.
   */
  decimal?: "." | ",";
}

/** Longest input considered; real prices are far shorter, hostile input can be huge. */
const MAX_INPUT_LENGTH = 64;

const DOLLARS = ["USD", "CAD", "AUD", "NZD", "MXN", "HKD", "SGD", "TWD", "ARS", "CLP", "COP", "UYU"];

/**
 * Markers as written next to a price, after spaces are normalised. A list
 * means the marker is shared and only the context can choose.
 */
const MARKERS: Record<string, string | readonly string[]> = {
  "US $": "USD",
  US$: "USD",
  $US: "USD",
  "$ US": "USD",
  $: DOLLARS,
  R$: "BRL",
  C$: "CAD",
  CA$: "CAD",
  $CA: "CAD",
  A$: "AUD",
  AU$: "AUD",
  NZ$: "NZD",
  MX$: "MXN",
  HK$: "HKD",
  S$: "SGD",
  NT$: "TWD",
  "€": "EUR",
  "£": "GBP",
  // en formats yen as ¥ and yuan as CN¥; zh pages write yuan as ¥ too.
  "¥": ["JPY", "CNY"],
  "JP¥": "JPY",
  "CN¥": "CNY",
  "₩": "KRW",
  "₹": "INR",
  "₽": "RUB",
  "руб.": "RUB",
  "₪": "ILS",
  "₺": "TRY",
  TL: "TRY",
  zł: "PLN",
  Kč: "CZK",
  Ft: "HUF",
  lei: "RON",
  "₴": "UAH",
  "₫": "VND",
  "฿": "THB",
  RM: "MYR",
  Rp: "IDR",
  "₱": "PHP",
  "₸": "KZT",
  "₦": "NGN",
  kr: ["SEK", "NOK", "DKK", "ISK"],
  "kr.": ["DKK", "ISK"],
};

// Invisible characters that ride along with prices on right-to-left and
// templated pages: direction marks and isolates, zero-width spaces, BOM.
const INVISIBLE = /[\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u00ad]/g;
// Every kind of space a locale puts in a price (NBSP, narrow NBSP, thin, figure...).
const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/** Digits of other scripts that pages do print, mapped to ASCII; anything else digit-like is refused. */
const foldDigits = (s: string): string =>
  s
    .replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/g, ".") // Arabic decimal separator
    .replace(/\u066c/g, ",") // Arabic thousands separator
    .replace(/\uff0c/g, ",")
    .replace(/\uff0e/g, ".")
    .replace(/\uff04/g, "$")
    .replace(/\uffe5/g, "¥")
    .replace(/[\u2019\u02bc]/g, "'"); // Swiss thousands written with a typographic apostrophe

// Locales whose currency signs a page may print: the extension's own four,
// those of AliExpress's country sites, and the shoppers' own ("Rs" in Urdu).
const MARKER_LOCALES = [
  ..."en pt-BR es fr de it nl pl tr ko ja he ar vi th".split(" "),
  ..."ur hi bn id ms hu cs ro uk ru sv da nb fi el bg zh".split(" "),
];
const intlMarkerCache = new Map<string, Set<string>>();

/**
 * The signs Intl prints for `currency` in those locales ("$CO" in French, "F CFA"
 * in English). Only consulted when the page's currency is already known, so a
 * sign that several currencies share can never pick one on its own.
 */
function intlMarkers(currency: string): Set<string> {
  let markers = intlMarkerCache.get(currency);
  if (markers === undefined) {
    markers = new Set();
    for (const locale of MARKER_LOCALES) {
      try {
        for (const part of new Intl.NumberFormat(locale, { style: "currency", currency }).formatToParts(1))
          if (part.type === "currency")
            markers.add(part.value.replace(INVISIBLE, "").replace(SPACES, " ").trim());
      } catch {
        // a locale or currency this engine lacks: its signs are simply not known
      }
    }
    intlMarkerCache.set(currency, markers);
  }
  return markers;
}

const refuse = (reason: MoneyRefusal, message: string): MoneyResult => ({ ok: false, reason, message });

// A number: digits and separators, where a space counts only when it starts a
// group of exactly three digits ("1 234,56"), so "12.34 15.00" stays two numbers.
const NUMBER = /\d(?:[\d.,']|\s(?=\d{3}(?!\d)))*/g;

const MINUS = /[-\u2212\u2012\u2013\u2014\ufe63\uff0d]/;

function resolveMarker(marker: string, context: MoneyContext): MoneyResult | string {
  const compact = marker.replace(/\s+/g, " ");
  const known = MARKERS[compact] ?? MARKERS[compact.replace(/ /g, "")];
  if (known === undefined) {
    if (isKnownCurrency(compact)) return compact;
    if (context.currency !== undefined && intlMarkers(context.currency).has(compact)) return context.currency;
    if (MINUS.test(marker) || marker.includes("("))
      return refuse("negative", "negative amounts are not prices");
    if (/[$€£¥₩₹₽₪₺₴₫฿₱₸₦]/.test(marker))
      return refuse("unexpected-text", `unexpected text "${marker}" next to the price`);
    return refuse("unknown-currency", `"${marker}" is not a currency marker this parser knows`);
  }
  if (typeof known === "string") return known;
  if (context.currency !== undefined && known.includes(context.currency)) return context.currency;
  if (compact === "¥" && context.currency === undefined) return "JPY";
  return refuse(
    "ambiguous-currency",
    `"${marker}" may mean ${known.join(", ")}; the page's currency is needed to tell which`,
  );
}

/** The number part to cents, or why it cannot be read without guessing. */
function readNumber(token: string, currency: string, context: MoneyContext): MoneyResult {
  const minor = minorDigits(currency);
  const dots = token.split(".").length - 1;
  const commas = token.split(",").length - 1;
  let decimal: "." | "," | null = null;
  if (dots > 0 && commas > 0) {
    decimal = token.lastIndexOf(".") > token.lastIndexOf(",") ? "." : ",";
    if ((decimal === "." ? dots : commas) > 1)
      return refuse("bad-grouping", `"${token}" has more than one decimal separator`);
  } else if (dots + commas === 1) {
    const sep = dots ? "." : ",";
    const after = token.length - token.indexOf(sep) - 1;
    if (context.decimal !== undefined) decimal = context.decimal === sep ? sep : null;
    else if (/[ ']/.test(token))
      decimal = sep; // already grouped by spaces or apostrophes: the mark is decimal
    else if (after !== 3) decimal = sep;
    else if (minor === 0) decimal = null;
    else
      return refuse(
        "ambiguous-separator",
        `"${token}" could be ${token.replace(sep, "")} or ${token.replace(sep, ".")}: thousands or decimals cannot be told`,
      );
  }
  const [whole = "", fraction, extra] = decimal ? token.split(decimal) : [token];
  if (extra !== undefined) return refuse("bad-grouping", `"${token}" has more than one decimal separator`);

  const groupMarks = new Set(whole.replace(/\d/g, ""));
  if (groupMarks.size > 1) return refuse("bad-grouping", `"${token}" mixes thousands separators`);
  const [mark] = [...groupMarks];
  const groups = mark === undefined ? [whole] : whole.split(mark);
  const [first = "", ...rest] = groups;
  // Indian grouping: 1,23,45,678.00
  const lakh = currency === "INR" && rest.length > 1 && rest.slice(0, -1).every((g) => g.length === 2);
  const groupsOk =
    /^\d+$/.test(first) &&
    (rest.length === 0 || first.length <= (lakh ? 2 : 3)) &&
    rest.every((g, i) => (lakh && i < rest.length - 1 ? g.length === 2 : g.length === 3) && /^\d+$/.test(g));
  if (!groupsOk) return refuse("bad-grouping", `"${token}" is not grouped like a price`);
  const digits = groups.join("");
  if (first.length > 1 && first.startsWith("0"))
    return refuse("bad-grouping", `"${token}" has a leading zero`);

  if (fraction !== undefined) {
    if (!/^\d+$/.test(fraction))
      return refuse("bad-grouping", `"${token}" has no digits after its decimal mark`);
    if (fraction.length > minor)
      return refuse(
        "too-many-decimals",
        `${currency} has ${minor} decimal digits, "${token}" has ${fraction.length}`,
      );
  }
  const minorText = (fraction ?? "").padEnd(minor, "0");
  // 15 digits stay exact in a double; the cap below is far lower anyway.
  if (digits.replace(/^0+/, "").length + minor > 15)
    return refuse("too-large", `"${token}" is too large to be a price`);
  const cents = Number(digits) * 10 ** minor + Number(minorText || "0");
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS)
    return refuse("too-large", `"${token}" is too large to be a price`);
  return { ok: true, cents, currency };
}

/** Parses one price written for people. Never throws. */
export function parsePriceText(text: unknown, context: MoneyContext = {}): MoneyResult {
  try {
    if (typeof text !== "string") return refuse("not-a-string", "expected a string");
    if (text.length > MAX_INPUT_LENGTH * 4) return refuse("too-long", "the text is too long to be one price");
    const s = foldDigits(text.replace(INVISIBLE, "")).replace(SPACES, " ").trim();
    if (s === "") return refuse("empty", "no text");
    if (s.length > MAX_INPUT_LENGTH) return refuse("too-long", "the text is too long to be one price");

    const numbers = s.match(NUMBER) ?? [];
    if (numbers.length === 0) return refuse("no-number", `no number in "${s}"`);
    if (numbers.length > 1)
      return refuse("several-numbers", `"${s}" holds ${numbers.length} numbers, not one price`);
    const token = numbers[0] ?? "";
    const at = s.indexOf(token);
    const before = s.slice(0, at).trim();
    const after = s.slice(at + token.length).trim();
    if (/[.,']$/.test(token)) return refuse("bad-grouping", `"${s}" ends in a separator`);
    if (before && after) {
      if (MINUS.test(before) || before.includes("("))
        return refuse("negative", "negative amounts are not prices");
      return refuse("unexpected-text", `"${s}" has text on both sides of the number`);
    }
    const marker = before || after;
    if (!marker) return refuse("no-currency", `"${s}" has no currency marker`);

    const currency = resolveMarker(marker, context);
    if (typeof currency !== "string") return currency;
    if (context.currency !== undefined && context.currency !== currency)
      return refuse("currency-mismatch", `"${s}" is in ${currency}, the page is in ${context.currency}`);
    return readNumber(token, currency, context);
  } catch {
    return refuse("unexpected-text", "could not read the text");
  }
}

/**
 * A number in major units as page state carries it (12.34, or "12.34") to
 * cents, refusing anything that is not exactly representable in the currency:
 * 12.345 USD, 0.30000000000000004, exponents, negatives.
 */
export function majorToCents(value: unknown, currency: string): MoneyResult {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return refuse("no-number", "not a finite number");
    text = String(value);
  } else if (typeof value === "string") text = value.trim();
  else return refuse("not-a-string", "expected a number");
  if (text.startsWith("-")) return refuse("negative", "negative amounts are not prices");
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text);
  if (!match) return refuse("no-number", `"${text}" is not a plain decimal amount`);
  const [, whole = "", fraction = ""] = match;
  const minor = minorDigits(currency);
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > minor)
    return refuse("too-many-decimals", `${currency} has ${minor} decimal digits, ${text} has more`);
  const cents = Number(whole) * 10 ** minor + Number(significant.padEnd(minor, "0") || "0");
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS)
    return refuse("too-large", `${text} is too large to be a price`);
  return { ok: true, cents, currency };
}
